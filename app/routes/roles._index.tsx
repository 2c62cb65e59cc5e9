import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation, useNavigate, useNavigation, useNavigationType } from "@remix-run/react";
import { useEffect, useRef, type FormEvent, type ReactNode } from "react";
import { BudgetHistogram } from "~/components/budget-histogram";
import { RoleCard } from "~/components/role-card";
import { money } from "~/lib/format";
import {
  BUDGET_BUCKETS,
  DEFAULT_LIMIT,
  POSTED_WITHIN_DAYS,
  POSTED_WITHIN_LABELS,
  SORTS,
  SORT_LABELS,
  hasFilters,
  parseSearchParams,
  searchParamsFor,
  withoutEmptyParams,
  type ParamIssue,
  type SearchParams,
} from "~/lib/search-params";
import {
  DISCIPLINES,
  DISCIPLINE_LABELS,
  EMPLOYMENT_TYPES,
  EMPLOYMENT_TYPE_LABELS,
  LEVELS,
  LEVEL_LABELS,
  TOOLS,
  TOOL_LABELS,
  WORKPLACES,
  WORKPLACE_LABELS,
} from "~/lib/vocabulary";
import { db } from "~/models/db.server";
import { companyNamesBySlug, CursorError, searchAggregates, searchRoles, type SearchPage } from "~/models/search.server";
import { Button, buttonClass } from "~/components/button";
import { ChoiceGroup, FilterError } from "~/components/choice-group";

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

/** Roles ticked for comparison, carried in the URL from page to page (`roles`, as /compare takes them). */
const MAX_CARRIED_SELECTION = 10;

const regionNames = new Intl.DisplayNames(["en"], { type: "region", fallback: "code" });

/** "DE" → "Germany"; a code the runtime does not know is shown as itself. */
function countryName(code: string): string {
  try {
    const name = regionNames.of(code);
    return name && name !== "Unknown Region" ? name : code;
  } catch {
    return code;
  }
}

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  // "Compare selected" submits the compare form here (it also carries the search, for paging):
  // the comparison's URL is the ticked roles only.
  if (url.searchParams.has("compare")) {
    const compare = new URLSearchParams(url.searchParams.getAll("roles").map((slug) => ["roles", slug]));
    throw redirect(`/compare?${compare}`);
  }
  // A plain GET form sends every field, set or not: answer with the clean URL instead.
  const clean = withoutEmptyParams(url.searchParams);
  if (clean !== null) throw redirect(clean ? `/roles?${clean}` : "/roles");
  const now = Date.now();
  const parsed = parseSearchParams(url.searchParams);
  const issues: ParamIssue[] = parsed.ok ? [] : [...parsed.issues];
  // With a bad parameter the rest still applies, so the page stays useful beside the message.
  const params = parsed.params;
  let page: SearchPage = { roles: [], nextCursor: null, prevCursor: null, start: 0 };
  try {
    page = searchRoles(db(), params, now);
  } catch (error) {
    if (!(error instanceof CursorError)) throw error;
    issues.push({ param: "cursor", message: error.message });
    page = searchRoles(db(), { ...params, cursor: undefined }, now);
  }
  const aggregates = searchAggregates(db(), params, now);
  const names = companyNamesBySlug(db(), aggregates.company.map((company) => company.slug));
  const companies = aggregates.company.map((company) => ({ ...company, name: names.get(company.slug) ?? company.slug }));
  const countries = aggregates.country.map((country) => ({ ...country, name: countryName(country.code) }));
  const raw = Object.fromEntries(
    ["q", "minTokenBudget", "maxTokenBudget", "minSalary"].map((name) => [name, url.searchParams.get(name) ?? ""]),
  );
  const selection = [...new Set(url.searchParams.getAll("roles").filter((slug) => /^[a-z0-9-]{1,160}$/.test(slug)))].slice(0, MAX_CARRIED_SELECTION);
  return data(
    { params, raw, page, aggregates, companies, countries, selection, issues, now },
    { status: issues.length ? 400 : 200 },
  );
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

/** The query string of a search plus the carried comparison selection. */
function queryFor(params: Partial<SearchParams>, selection: readonly string[]): string {
  const query = searchParamsFor(params);
  for (const slug of selection) query.append("roles", slug);
  return query.toString();
}

/** The roles ticked for comparison on this page and carried from others (read from the page: the ticks are the DOM's). */
function currentSelection(): string[] {
  const form = document.getElementById("compare");
  if (!(form instanceof HTMLFormElement)) return [];
  const boxes = Array.from(form.elements).filter((el): el is HTMLInputElement => el instanceof HTMLInputElement && el.name === "roles");
  return [...new Set(boxes.filter((box) => box.type === "hidden" || box.checked).map((box) => box.value))];
}

/** The filter form's set values as a URL (empty fields and the default sort left out), with the comparison selection. */
function filterUrl(form: HTMLFormElement): string {
  const query = new URLSearchParams();
  for (const [name, value] of new FormData(form)) {
    if (typeof value !== "string" || name === "roles" || value.trim() === "" || (name === "sort" && value === "newest")) continue;
    query.append(name, value);
  }
  for (const slug of currentSelection()) query.append("roles", slug);
  const text = query.toString();
  return text ? `/roles?${text}` : "/roles";
}

export default function RolesPage() {
  const { params, raw, page, aggregates, companies, countries, selection, issues, now } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const navigate = useNavigate();
  const searching = navigation.state === "loading" && navigation.location?.pathname === "/roles";
  const issueFor = (param: string) => issues.find((issue) => issue.param === param)?.message;
  const filtered = hasFilters(params);
  const chips = activeChips(params, selection, {
    countries: new Map(countries.map((c) => [c.code, c.name])),
    companies: new Map(companies.map((c) => [c.slug, c.name])),
  });
  const onPage = new Set(page.roles.map((role) => role.slug));
  const budgetBars = BUDGET_BUCKETS.map((bucket, i) => {
    const min = bucket.from;
    // Buckets are [from, to); figures are whole cents, so a cent below `to` is the same range.
    const max = Number.isFinite(bucket.to) ? Math.round((bucket.to - 0.01) * 100) / 100 : undefined;
    const count = aggregates.budgetHistogram[i] ?? 0;
    const current = params.minTokenBudget === min && params.maxTokenBudget === max;
    const target = current ? { minTokenBudget: undefined, maxTokenBudget: undefined } : { minTokenBudget: min, maxTokenBudget: max };
    return {
      label: AXIS_LABELS[i] ?? bucket.label,
      description: budgetRangeText(bucket.from, bucket.to),
      count,
      current,
      href: count > 0 || current ? `/roles?${queryFor({ ...params, cursor: undefined, ...target }, selection)}` : null,
    };
  });
  const shownFrom = page.start === null ? null : page.start + 1;
  const shownTo = page.start === null ? null : Math.min(aggregates.total, page.start + page.roles.length);
  const onFirstPage = !params.cursor || page.start === 0;
  // The page before starts at the top: link to the first page itself rather than a backward cursor.
  const previousIsFirst = page.start !== null && page.start - params.limit <= 0;

  return (
    <div className="flex flex-col gap-4 lg:gap-6">
      <header>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">Roles</h1>
        <p className="text-slate-700">Every role shows its salary range and its token budget side by side.</p>
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

      {/*
        One grid, three parts in phone order: the summary bar (count, Filters, sort), the
        filter panel (closed on a phone until "Filters" opens it, above the results), the
        results. From lg up the panel is a sidebar beside both.
      */}
      <div className="grid min-w-0 grid-cols-1 gap-4 lg:grid-cols-[18rem_minmax(0,1fr)] lg:gap-x-6">
        <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-2 lg:col-start-2 lg:row-start-1">
          <h2 id="results-heading" className="text-lg font-semibold text-slate-900" aria-live="polite">
            {aggregates.total.toLocaleString("en-US")} {aggregates.total === 1 ? "role" : "roles"}
            {filtered ? " match" : " open"}
          </h2>
          <div className="flex flex-wrap items-center gap-2">
            {/* Opens the panel on small screens: a label for the checkbox before the panel, so it works without JavaScript. */}
            <label
              htmlFor="filters-open"
              className="inline-flex min-h-10 cursor-pointer items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 hover:bg-slate-50 lg:hidden"
            >
              Filters{chips.length ? ` (${chips.length})` : ""}
            </label>
            <label className="flex items-center gap-2 text-sm text-slate-700">
              Sort by
              <select
                name="sort"
                form="filters"
                defaultValue={params.sort}
                onChange={(event) => {
                  const form = event.currentTarget.form;
                  if (form) navigate(filterUrl(form), { preventScrollReset: true });
                }}
                className="min-h-10 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900"
              >
                {SORTS.map((sort) => (
                  <option key={sort} value={sort}>
                    {SORT_LABELS[sort]}
                  </option>
                ))}
              </select>
            </label>
            <noscript>
              <button type="submit" form="filters" className="min-h-10 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium">
                Sort
              </button>
            </noscript>
          </div>
        </div>

        <div className="lg:col-start-1 lg:row-span-2 lg:row-start-1 lg:self-start">
          <input id="filters-open" type="checkbox" className="peer sr-only" aria-controls="filters" aria-label={`Show filters${chips.length ? ` (${chips.length} set)` : ""}`} />
          <FilterPanel
            params={params}
            raw={raw}
            aggregates={aggregates}
            companies={companies}
            countries={countries}
            total={aggregates.total}
            selection={selection}
            issueFor={issueFor}
            navigateTo={(url, replace) => navigate(url, { replace, preventScrollReset: true })}
          />
        </div>

        <section aria-labelledby="results-heading" className="flex min-w-0 flex-col gap-4 lg:col-start-2 lg:row-start-2" aria-busy={searching}>
          <ActiveFilters chips={chips} />

          {/*
            The compare form: the cards' checkboxes belong to it (form="compare"), as do the
            paging buttons, so ticks travel from page to page in the URL (`roles`) with or
            without JavaScript; "Compare selected" (compare=1) is sent on to /compare with the
            ticked roles only.
          */}
          <Form id="compare" method="get" action="/roles" className="flex flex-wrap items-center justify-end gap-2 text-sm text-slate-700">
            {[...searchParamsFor({ ...params, cursor: undefined })].map(([name, value], i) => (
              <input key={`${name}-${i}`} type="hidden" name={name} value={value} />
            ))}
            {selection
              .filter((slug) => !onPage.has(slug))
              .map((slug) => (
                <input key={slug} type="hidden" name="roles" value={slug} />
              ))}
            {selection.length ? `${selection.length} ticked. ` : ""}Tick up to 4 roles, then
            <button type="submit" name="compare" value="1" className="min-h-10 rounded-md border border-slate-300 bg-white px-3 font-medium text-slate-800 hover:bg-slate-50">
              Compare selected
            </button>
          </Form>

          {aggregates.total > 0 ? <BudgetHistogram total={aggregates.total} bars={budgetBars} /> : null}

          {page.roles.length === 0 ? (
            <EmptyState chips={chips} />
          ) : (
            <ol className={`flex flex-col gap-4 ${searching ? "opacity-60" : ""}`} aria-label="Roles">
              {page.roles.map((role) => (
                <li key={role.slug}>
                  <RoleCard role={role} now={now} compareForm="compare" compareChecked={selection.includes(role.slug)} />
                </li>
              ))}
            </ol>
          )}

          <nav aria-label="Pagination" className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
            <p className="text-sm text-slate-700" id="page-position">
              {page.roles.length === 0
                ? null
                : shownFrom !== null && shownTo !== null
                  ? `${shownFrom.toLocaleString("en-US")}–${shownTo.toLocaleString("en-US")} of ${aggregates.total.toLocaleString("en-US")} roles`
                  : `${page.roles.length.toLocaleString("en-US")} of ${aggregates.total.toLocaleString("en-US")} roles`}
            </p>
            <div className="flex flex-wrap items-center gap-2">
              {!onFirstPage ? (
                <PageButton label="First page" />
              ) : null}
              {!onFirstPage && (previousIsFirst || page.prevCursor) ? (
                <PageButton label="← Previous page" cursor={previousIsFirst ? undefined : page.prevCursor ?? undefined} />
              ) : null}
              {page.nextCursor ? <PageButton label="Next page →" cursor={page.nextCursor} primary /> : null}
            </div>
          </nav>

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
        </section>
      </div>
    </div>
  );
}

/** A paging control: submits the compare form (to /roles), so the ticked roles come along. */
function PageButton({ label, cursor, primary }: { label: string; cursor?: string; primary?: boolean }) {
  return (
    <button
      type="submit"
      form="compare"
      name={cursor ? "cursor" : undefined}
      value={cursor}
      className={buttonClass({ variant: primary ? "primary" : "secondary", size: "sm", className: "min-h-11" })}
    >
      {label}
    </button>
  );
}

/** Axis labels of the budget histogram: each range's lower bound, short enough for a phone. */
const AXIS_LABELS = ["None", "<1k", "1k", "5k", "12k", "25k", "50k", "100k", "250k+"];

function budgetRangeText(from: number, to: number): string {
  if (from === 0) return "No token budget";
  if (from === 0.01) return `Token budget under ${money(to)} a year`;
  if (!Number.isFinite(to)) return `Token budget ${money(from)} a year or more`;
  return `Token budget ${money(from)} to ${money(to)} a year`;
}

/**
 * The filter panel: a GET form, so it works without JavaScript (Apply button; the server
 * redirects a submission with empty fields to the clean URL). With JavaScript it navigates
 * as controls change (text fields after a pause) to a URL of the set values only, replacing
 * the history entry while typing, and keeps focus and scroll; the URL is always the state.
 * On a phone it is closed until "Filters" opens it, above the results, and its "Show n
 * roles" closes it again.
 */
function FilterPanel({
  params,
  raw,
  aggregates,
  companies,
  countries,
  total,
  selection,
  issueFor,
  navigateTo,
}: {
  params: SearchParams;
  raw: Record<string, string>;
  aggregates: LoaderData["aggregates"];
  companies: LoaderData["companies"];
  countries: LoaderData["countries"];
  total: number;
  selection: string[];
  issueFor: (param: string) => string | undefined;
  navigateTo: (url: string, replace: boolean) => void;
}) {
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
      if (element instanceof HTMLSelectElement) {
        element.value = search.get(element.name) ?? (element.name === "sort" ? "newest" : "");
        continue;
      }
      if (!(element instanceof HTMLInputElement)) continue;
      const typingHere = !fromHistory && element === document.activeElement && (element.type === "search" || element.type === "text");
      if (typingHere) continue;
      if (element.type === "checkbox") element.checked = search.getAll(element.name).includes(element.value);
      else if (element.type === "radio") element.checked = (search.get(element.name) ?? "") === element.value;
      else if (element.type !== "hidden" && element.type !== "submit") element.value = search.get(element.name) ?? "";
    }
  }, [location.search, location.key, navigationType]);

  useEffect(() => () => clearTimeout(timer.current), []);

  function handleChange(event: FormEvent<HTMLFormElement>) {
    const form = event.currentTarget;
    const target = event.target as HTMLInputElement;
    const typing = target.type === "search" || target.type === "text";
    clearTimeout(timer.current);
    const go = () => navigateTo(filterUrl(form), typing);
    if (typing) timer.current = setTimeout(go, 350);
    else go();
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    clearTimeout(timer.current);
    navigateTo(filterUrl(event.currentTarget), false);
  }

  return (
    <Form
      id="filters"
      method="get"
      action="/roles"
      ref={formRef}
      onChange={handleChange}
      onSubmit={handleSubmit}
      className="hidden flex-col gap-5 rounded-xl border border-slate-200 bg-white p-4 shadow-sm peer-checked:flex lg:flex"
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
      <ChoiceGroup
        type="radio"
        name="postedWithin"
        legend="Posted"
        options={[
          { value: "", label: "Any time" },
          ...POSTED_WITHIN_DAYS.map((days) => ({ value: String(days), label: POSTED_WITHIN_LABELS[`${days}`], count: aggregates.postedWithin[`${days}`] })),
        ]}
        selected={[params.postedWithin === undefined ? "" : String(params.postedWithin)]}
        error={issueFor("postedWithin")}
      />
      <ChoiceGroup
        name="workplace"
        legend="Workplace"
        options={WORKPLACES.map((w) => ({ value: w, label: WORKPLACE_LABELS[w], count: aggregates.workplace[w] }))}
        selected={params.workplace}
        error={issueFor("workplace")}
      />
      <ChoiceGroup
        name="country"
        legend="Country"
        options={countries.map((c) => ({ value: c.code, label: c.name, count: c.count }))}
        selected={params.country ?? []}
        error={issueFor("country")}
        empty="No role in these results names a country."
      />
      <ChoiceGroup
        name="level"
        legend="Level"
        options={LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l], count: aggregates.level[l] }))}
        selected={params.level}
        error={issueFor("level")}
      />
      <ChoiceGroup
        name="discipline"
        legend="Discipline"
        options={DISCIPLINES.map((d) => ({ value: d, label: DISCIPLINE_LABELS[d], count: aggregates.discipline[d] }))}
        selected={params.discipline ?? []}
        error={issueFor("discipline")}
      />
      <ChoiceGroup
        name="employmentType"
        legend="Employment type"
        options={EMPLOYMENT_TYPES.map((e) => ({ value: e, label: EMPLOYMENT_TYPE_LABELS[e], count: aggregates.employmentType[e] }))}
        selected={params.employmentType ?? []}
        error={issueFor("employmentType")}
      />
      <CompanySelect companies={companies} selected={params.company} error={issueFor("company")} />
      <ChoiceGroup
        name="tool"
        legend="Tools provided (all of)"
        options={TOOLS.map((t) => ({ value: t, label: TOOL_LABELS[t], count: aggregates.tool[t] }))}
        selected={params.tool}
        error={issueFor("tool")}
      />
      {params.limit !== DEFAULT_LIMIT ? <input type="hidden" name="limit" value={params.limit} /> : null}
      {/* Without JavaScript the ticked roles ride along like this (with it, filterUrl reads the ticks). */}
      {selection.map((slug) => (
        <input key={slug} type="hidden" name="roles" value={slug} />
      ))}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <Button className="min-h-11">Apply filters</Button>
        <Link to="/roles" className="text-sm font-medium text-brand-700 hover:underline">
          Clear all
        </Link>
      </div>
      {/* Phone: close the panel; the results are right below it. */}
      <label
        htmlFor="filters-open"
        className="flex min-h-11 cursor-pointer items-center justify-center rounded-md border border-slate-300 bg-slate-50 text-sm font-semibold text-slate-900 lg:hidden"
      >
        Show {total.toLocaleString("en-US")} {total === 1 ? "role" : "roles"}
      </label>
    </Form>
  );
}

/** The company choice: the companies with the most roles in these results, with their counts. */
function CompanySelect({ companies, selected, error }: { companies: LoaderData["companies"]; selected?: string; error?: string }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor="filter-company" className="text-sm font-semibold text-slate-900">
        Company
      </label>
      <select
        id="filter-company"
        name="company"
        defaultValue={selected ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "filter-company-error" : "filter-company-hint"}
        className="min-h-10 w-full rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900"
      >
        <option value="">Any company</option>
        {companies.map((company) => (
          <option key={company.slug} value={company.slug}>
            {company.name} ({company.count.toLocaleString("en-US")})
          </option>
        ))}
      </select>
      <p id="filter-company-hint" className="text-xs text-slate-600">
        The companies with the most roles in these results.
      </p>
      <FilterError id="filter-company-error" error={error} />
    </div>
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
      <FilterError id={`${id}-error`} error={error} />
    </div>
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

function activeChips(
  params: SearchParams,
  selection: readonly string[],
  names: { countries: ReadonlyMap<string, string>; companies: ReadonlyMap<string, string> },
): Chip[] {
  const base: SearchParams = { ...params, cursor: undefined };
  const link = (next: SearchParams) => {
    const query = queryFor(next, selection);
    return query ? `/roles?${query}` : "/roles";
  };
  const chips: Chip[] = [];
  const without = <T,>(list: readonly T[] | undefined, value: T) => (list ?? []).filter((x) => x !== value);
  if (params.q) chips.push({ label: `“${params.q}”`, href: link({ ...base, q: undefined }) });
  if (params.minTokenBudget !== undefined)
    chips.push({ label: `Budget ≥ ${money(params.minTokenBudget)}/yr`, href: link({ ...base, minTokenBudget: undefined }) });
  if (params.maxTokenBudget !== undefined)
    chips.push({ label: `Budget ≤ ${money(params.maxTokenBudget)}/yr`, href: link({ ...base, maxTokenBudget: undefined }) });
  if (params.minSalary !== undefined)
    chips.push({ label: `Salary ≥ ${money(params.minSalary)}`, href: link({ ...base, minSalary: undefined }) });
  if (params.postedWithin !== undefined)
    chips.push({ label: `Posted: ${POSTED_WITHIN_LABELS[`${params.postedWithin}`].toLowerCase()}`, href: link({ ...base, postedWithin: undefined }) });
  for (const w of params.workplace) chips.push({ label: WORKPLACE_LABELS[w], href: link({ ...base, workplace: without(params.workplace, w) }) });
  for (const c of params.country ?? []) chips.push({ label: names.countries.get(c) ?? c, href: link({ ...base, country: without(params.country, c) }) });
  for (const l of params.level) chips.push({ label: LEVEL_LABELS[l], href: link({ ...base, level: without(params.level, l) }) });
  for (const d of params.discipline ?? []) chips.push({ label: DISCIPLINE_LABELS[d], href: link({ ...base, discipline: without(params.discipline, d) }) });
  for (const e of params.employmentType ?? [])
    chips.push({ label: EMPLOYMENT_TYPE_LABELS[e], href: link({ ...base, employmentType: without(params.employmentType, e) }) });
  for (const t of params.tool) chips.push({ label: TOOL_LABELS[t], href: link({ ...base, tool: without(params.tool, t) }) });
  if (params.company)
    chips.push({ label: `Company: ${names.companies.get(params.company) ?? params.company}`, href: link({ ...base, company: undefined }) });
  return chips;
}

function ActiveFilters({ chips }: { chips: Chip[] }) {
  if (chips.length === 0) return null;
  return (
    <ul className="flex flex-wrap gap-2" aria-label="Active filters">
      {chips.map((chip) => (
        <li key={chip.label}>
          <Link
            to={chip.href}
            preventScrollReset
            className="inline-flex min-h-9 items-center gap-1 rounded-full border border-brand-100 bg-brand-50 px-3 py-1 text-sm text-brand-800 hover:border-brand-600"
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

function EmptyState({ chips }: { chips: Chip[] }): ReactNode {
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
