import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation, useNavigation, useNavigationType, useSubmit } from "@remix-run/react";
import { useEffect, useRef, type FormEvent, type ReactNode } from "react";
import { BudgetHistogram } from "~/components/budget-histogram";
import { RoleCard } from "~/components/role-card";
import { money } from "~/lib/format";
import {
  BUDGET_BUCKETS,
  SORTS,
  SORT_LABELS,
  hasFilters,
  parseSearchParams,
  searchParamsFor,
  type ParamIssue,
  type SearchParams,
} from "~/lib/search-params";
import { LEVELS, LEVEL_LABELS, TOOLS, TOOL_LABELS, WORKPLACES, WORKPLACE_LABELS } from "~/lib/vocabulary";
import { db } from "~/models/db.server";
import { CursorError, searchAggregates, searchRoles, type SearchPage } from "~/models/search.server";

export const meta: MetaFunction = ({ location }) => {
  // Feeds of this very search, for feed readers (same parameters, less the page cursor).
  const query = new URLSearchParams(location.search);
  query.delete("cursor");
  const suffix = query.toString() ? `?${query}` : "";
  return [
    { title: "Browse roles by salary and token budget · Tokenboard" },
    { name: "description", content: "Filter and sort engineering roles by their AI token budget, salary and total package." },
    { tagName: "link", rel: "alternate", type: "application/atom+xml", title: "Atom feed of this search", href: `/feeds/roles.atom${suffix}` },
    { tagName: "link", rel: "alternate", type: "application/feed+json", title: "JSON feed of this search", href: `/feeds/roles.json${suffix}` },
  ];
};

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const now = Date.now();
  const parsed = parseSearchParams(url.searchParams);
  const issues: ParamIssue[] = parsed.ok ? [] : [...parsed.issues];
  // With a bad parameter the rest still applies, so the page stays useful beside the message.
  const params = parsed.params;
  let page: SearchPage = { roles: [], nextCursor: null };
  try {
    page = searchRoles(db(), params, now);
  } catch (error) {
    if (!(error instanceof CursorError)) throw error;
    issues.push({ param: "cursor", message: error.message });
    page = searchRoles(db(), { ...params, cursor: undefined }, now);
  }
  const aggregates = searchAggregates(db(), params, now);
  const raw = Object.fromEntries(
    ["q", "minTokenBudget", "maxTokenBudget", "minSalary"].map((name) => [name, url.searchParams.get(name) ?? ""]),
  );
  return data({ params, raw, page, aggregates, issues, now }, { status: issues.length ? 400 : 200 });
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function RolesPage() {
  const { params, raw, page, aggregates, issues, now } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const submit = useSubmit();
  const searching = navigation.state === "loading" && navigation.location?.pathname === "/roles";
  const issueFor = (param: string) => issues.find((issue) => issue.param === param)?.message;
  const filtered = hasFilters(params);
  const pageLink = (cursor?: string) => `/roles?${searchParamsFor({ ...params, cursor }).toString()}`;

  return (
    <div className="flex flex-col gap-6">
      <header className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-3xl font-bold tracking-tight text-slate-900">Roles</h1>
          <p className="text-slate-700">Every role shows its salary range and its token budget side by side.</p>
        </div>
        {/* On small screens the results come first and the filters follow them. */}
        <a href="#filters" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 lg:hidden">
          Filters
        </a>
      </header>

      {issues.length ? (
        <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-red-900">
          <p className="font-semibold">Some of this search could not be used:</p>
          <ul className="mt-1 list-disc pl-5">
            {issues.map((issue) => (
              <li key={issue.param}>{issue.message}</li>
            ))}
          </ul>
          <p className="mt-1 text-sm">The results below use the rest of your filters.</p>
        </div>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-[18rem_1fr]">
        <FilterPanel params={params} raw={raw} aggregates={aggregates} issueFor={issueFor} />

        <section aria-labelledby="results-heading" className="order-first flex min-w-0 flex-col gap-4 lg:order-none" aria-busy={searching}>
          <div className="flex flex-wrap items-center justify-between gap-3">
            <h2 id="results-heading" className="text-lg font-semibold text-slate-900" aria-live="polite">
              {aggregates.total.toLocaleString("en-US")} {aggregates.total === 1 ? "role" : "roles"}
              {filtered ? " match" : " open"}
            </h2>
            <label className="flex items-center gap-2 text-sm text-slate-700">
              Sort by
              <select
                name="sort"
                form="filters"
                defaultValue={params.sort}
                onChange={(event) => submit(event.currentTarget.form, { preventScrollReset: true })}
                className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900"
              >
                {SORTS.map((sort) => (
                  <option key={sort} value={sort}>
                    {SORT_LABELS[sort]}
                  </option>
                ))}
              </select>
            </label>
            <noscript>
              <button type="submit" form="filters" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium">
                Sort
              </button>
            </noscript>
          </div>

          <ActiveFilters params={params} />

          {/* Cards' "Compare" checkboxes belong to this form (form="compare"): no JavaScript needed. */}
          <Form id="compare" method="get" action="/compare" className="flex items-center justify-end gap-2 text-sm text-slate-700">
            Tick up to 4 roles, then
            <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-800 hover:bg-slate-50">
              Compare selected
            </button>
          </Form>

          {aggregates.total > 0 ? (
            <BudgetHistogram
              total={aggregates.total}
              bars={BUDGET_BUCKETS.map((bucket, i) => ({ label: bucket.label, count: aggregates.budgetHistogram[i] ?? 0 }))}
            />
          ) : null}

          {page.roles.length === 0 ? (
            <EmptyState params={params} />
          ) : (
            <ol className={`flex flex-col gap-4 ${searching ? "opacity-60" : ""}`} aria-label="Roles">
              {page.roles.map((role) => (
                <li key={role.slug}>
                  <RoleCard role={role} now={now} compareForm="compare" />
                </li>
              ))}
            </ol>
          )}

          <p className="text-sm text-slate-600">
            Follow this search:{" "}
            <a href={`/feeds/roles.atom${feedQuery(params)}`} className="text-brand-700 underline">
              Atom feed
            </a>{" "}
            ·{" "}
            <a href={`/feeds/roles.json${feedQuery(params)}`} className="text-brand-700 underline">
              JSON feed
            </a>
          </p>

          <nav aria-label="Pagination" className="flex items-center justify-between gap-3">
            {params.cursor ? (
              <Link to={pageLink()} className="text-sm font-medium text-brand-700 hover:underline">
                ← First page
              </Link>
            ) : (
              <span />
            )}
            {page.nextCursor ? (
              <Link
                to={pageLink(page.nextCursor)}
                className="rounded-md border border-slate-300 bg-white px-4 py-2 font-medium text-slate-800 hover:bg-slate-50"
              >
                Next page →
              </Link>
            ) : null}
          </nav>
        </section>
      </div>
    </div>
  );
}

/**
 * The filter panel: a GET form, so it works without JavaScript (Apply button). With
 * JavaScript it submits itself as controls change (text fields after a pause), replacing the
 * history entry while typing, and keeps focus and scroll; the URL is always the state.
 */
function FilterPanel({
  params,
  raw,
  aggregates,
  issueFor,
}: {
  params: SearchParams;
  raw: Record<string, string>;
  aggregates: LoaderData["aggregates"];
  issueFor: (param: string) => string | undefined;
}) {
  const submit = useSubmit();
  const location = useLocation();
  const navigationType = useNavigationType();
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();

  // Back/forward and chip links change the URL without touching the form: bring every field
  // in line with the URL. The one exception is the text field the visitor is typing in while
  // their own typing moves the URL; Back or Forward (a POP) resets even the focused field
  // and drops a pending submission, or the next change would re-add the stale filter.
  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    const fromHistory = navigationType === "POP";
    if (fromHistory) clearTimeout(timer.current);
    const search = new URLSearchParams(location.search);
    for (const element of Array.from(form.elements)) {
      if (!(element instanceof HTMLInputElement)) continue;
      const typingHere = !fromHistory && element === document.activeElement && (element.type === "search" || element.type === "text");
      if (typingHere) continue;
      if (element.type === "checkbox") element.checked = search.getAll(element.name).includes(element.value);
      else if (element.type !== "hidden" && element.type !== "submit") element.value = search.get(element.name) ?? "";
    }
    const sort = form.ownerDocument.querySelector<HTMLSelectElement>('select[form="filters"][name="sort"]');
    if (sort) sort.value = search.get("sort") ?? "newest";
  }, [location.search, location.key, navigationType]);

  useEffect(() => () => clearTimeout(timer.current), []);

  function handleChange(event: FormEvent<HTMLFormElement>) {
    const form = event.currentTarget;
    const target = event.target as HTMLInputElement;
    const typing = target.type === "search" || target.type === "text";
    clearTimeout(timer.current);
    const go = () => submit(form, { replace: typing, preventScrollReset: true });
    if (typing) timer.current = setTimeout(go, 350);
    else go();
  }

  return (
    <Form
      id="filters"
      method="get"
      action="/roles"
      ref={formRef}
      onChange={handleChange}
      className="flex flex-col gap-5 self-start rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
      aria-label="Filters"
    >
      <TextFilter
        name="q"
        label="Keywords"
        type="search"
        placeholder="Title, company, tool…"
        defaultValue={raw.q ?? ""}
        error={issueFor("q")}
      />
      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-semibold text-slate-900">Token budget (USD/year)</legend>
        <div className="grid grid-cols-2 gap-2">
          <TextFilter name="minTokenBudget" label={<><span className="sr-only">Token budget </span>at least</>} placeholder="e.g. 10k" defaultValue={raw.minTokenBudget ?? ""} error={issueFor("minTokenBudget")} inputMode="decimal" compact />
          <TextFilter name="maxTokenBudget" label={<><span className="sr-only">Token budget </span>at most</>} placeholder="e.g. 100k" defaultValue={raw.maxTokenBudget ?? ""} error={issueFor("maxTokenBudget")} inputMode="decimal" compact />
        </div>
      </fieldset>
      <TextFilter
        name="minSalary"
        label="Salary at least (USD/year)"
        placeholder="e.g. 150k"
        defaultValue={raw.minSalary ?? ""}
        error={issueFor("minSalary")}
        inputMode="decimal"
        hint="Compared with the top of each role's range."
      />
      <CheckboxGroup
        name="workplace"
        legend="Workplace"
        options={WORKPLACES.map((w) => ({ value: w, label: WORKPLACE_LABELS[w], count: aggregates.workplace[w] }))}
        selected={params.workplace}
        error={issueFor("workplace")}
      />
      <CheckboxGroup
        name="level"
        legend="Level"
        options={LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l], count: aggregates.level[l] }))}
        selected={params.level}
        error={issueFor("level")}
      />
      <CheckboxGroup
        name="tool"
        legend="Tools provided (all of)"
        options={TOOLS.map((t) => ({ value: t, label: TOOL_LABELS[t], count: aggregates.tool[t] }))}
        selected={params.tool}
        error={issueFor("tool")}
      />
      {params.company ? <input type="hidden" name="company" value={params.company} /> : null}
      {params.limit !== 20 ? <input type="hidden" name="limit" value={params.limit} /> : null}
      <div className="flex items-center justify-between gap-3">
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
          Apply filters
        </button>
        <Link to="/roles" className="text-sm font-medium text-brand-700 hover:underline">
          Clear all
        </Link>
      </div>
    </Form>
  );
}

function TextFilter({
  name,
  label,
  defaultValue,
  error,
  hint,
  type = "text",
  placeholder,
  inputMode,
  compact,
}: {
  name: string;
  label: ReactNode;
  defaultValue: string;
  error?: string;
  hint?: string;
  type?: "text" | "search";
  placeholder?: string;
  inputMode?: "decimal";
  compact?: boolean;
}) {
  const id = `filter-${name}`;
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className={compact ? "text-xs text-slate-700" : "text-sm font-semibold text-slate-900"}>
        {label}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={defaultValue}
        placeholder={placeholder}
        inputMode={inputMode}
        autoComplete="off"
        maxLength={200}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={`w-full rounded-md border px-2.5 py-1.5 text-sm text-slate-900 placeholder:text-slate-500 ${
          error ? "border-red-600 bg-red-50" : "border-slate-300 bg-white"
        }`}
      />
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-xs font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function CheckboxGroup({
  name,
  legend,
  options,
  selected,
  error,
}: {
  name: string;
  legend: string;
  options: { value: string; label: string; count: number }[];
  selected: string[];
  error?: string;
}) {
  return (
    <fieldset className="flex flex-col gap-1" aria-describedby={error ? `filter-${name}-error` : undefined}>
      <legend className="mb-1 text-sm font-semibold text-slate-900">{legend}</legend>
      {options.map((option) => {
        const id = `filter-${name}-${option.value}`;
        return (
          <div key={option.value} className="flex items-center gap-2 text-sm">
            <input
              id={id}
              type="checkbox"
              name={name}
              value={option.value}
              defaultChecked={selected.includes(option.value)}
              className="h-4 w-4 rounded border-slate-400 accent-brand-600"
            />
            <label htmlFor={id} className="flex flex-1 justify-between gap-2 text-slate-800">
              <span>{option.label}</span>
              <span className="tabular-nums text-slate-600" aria-label={`${option.count} roles`}>
                {option.count.toLocaleString("en-US")}
              </span>
            </label>
          </div>
        );
      })}
      {error ? (
        <p id={`filter-${name}-error`} className="text-xs font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

function feedQuery(params: SearchParams): string {
  const query = searchParamsFor({ ...params, cursor: undefined }).toString();
  return query ? `?${query}` : "";
}

interface Chip {
  label: string;
  /** The search without this one filter value. */
  href: string;
}

function activeChips(params: SearchParams): Chip[] {
  const base: SearchParams = { ...params, cursor: undefined };
  const link = (next: SearchParams) => {
    const query = searchParamsFor(next).toString();
    return query ? `/roles?${query}` : "/roles";
  };
  const chips: Chip[] = [];
  if (params.q) chips.push({ label: `“${params.q}”`, href: link({ ...base, q: undefined }) });
  if (params.minTokenBudget !== undefined)
    chips.push({ label: `Budget ≥ ${money(params.minTokenBudget)}/yr`, href: link({ ...base, minTokenBudget: undefined }) });
  if (params.maxTokenBudget !== undefined)
    chips.push({ label: `Budget ≤ ${money(params.maxTokenBudget)}/yr`, href: link({ ...base, maxTokenBudget: undefined }) });
  if (params.minSalary !== undefined)
    chips.push({ label: `Salary ≥ ${money(params.minSalary)}`, href: link({ ...base, minSalary: undefined }) });
  for (const w of params.workplace)
    chips.push({ label: WORKPLACE_LABELS[w], href: link({ ...base, workplace: params.workplace.filter((x) => x !== w) }) });
  for (const l of params.level)
    chips.push({ label: LEVEL_LABELS[l], href: link({ ...base, level: params.level.filter((x) => x !== l) }) });
  for (const t of params.tool)
    chips.push({ label: TOOL_LABELS[t], href: link({ ...base, tool: params.tool.filter((x) => x !== t) }) });
  if (params.company) chips.push({ label: `Company: ${params.company}`, href: link({ ...base, company: undefined }) });
  return chips;
}

function ActiveFilters({ params }: { params: SearchParams }) {
  const chips = activeChips(params);
  if (chips.length === 0) return null;
  return (
    <ul className="flex flex-wrap gap-2" aria-label="Active filters">
      {chips.map((chip) => (
        <li key={chip.label}>
          <Link
            to={chip.href}
            preventScrollReset
            className="inline-flex items-center gap-1 rounded-full border border-brand-100 bg-brand-50 px-3 py-1 text-sm text-brand-800 hover:border-brand-600"
          >
            {chip.label}
            <span aria-hidden="true">×</span>
            <span className="sr-only">(remove this filter)</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

function EmptyState({ params }: { params: SearchParams }): ReactNode {
  const chips = activeChips(params);
  return (
    <div className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center">
      <h3 className="text-lg font-semibold text-slate-900">
        {chips.length ? "No roles match all of these filters" : "No open roles right now"}
      </h3>
      {chips.length ? (
        <>
          <p className="mt-2 text-slate-700">Try loosening one of them:</p>
          <ul className="mt-3 flex flex-wrap justify-center gap-2">
            {chips.map((chip) => (
              <li key={chip.label}>
                <Link to={chip.href} className="rounded-full border border-slate-300 px-3 py-1 text-sm text-slate-800 hover:bg-slate-50">
                  Remove {chip.label}
                </Link>
              </li>
            ))}
          </ul>
          <p className="mt-4">
            <Link to="/roles" className="font-medium text-brand-700 hover:underline">
              Clear all filters
            </Link>
          </p>
        </>
      ) : (
        <p className="mt-2 text-slate-700">New roles are posted every week. Check back soon.</p>
      )}
    </div>
  );
}
