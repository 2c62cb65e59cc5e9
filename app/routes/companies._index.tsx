import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { tokenBudgetLabel } from "~/lib/format";
import { companyDirectory, directoryQuerySchema } from "~/models/company-directory.server";
import { db } from "~/models/db.server";

export const meta: MetaFunction = () => [
  { title: "Companies hiring, with their token budgets · Tokenboard" },
  { name: "description", content: "Every company on Tokenboard with its open roles and their median token budget." },
];

/** /companies?q=north&after=42: the directory, a page of companies in name order. */
export async function loader({ request }: LoaderFunctionArgs) {
  const searchParams = new URL(request.url).searchParams;
  const raw = { q: searchParams.get("q") ?? undefined, after: searchParams.get("after") || undefined };
  const parsed = directoryQuerySchema.safeParse(raw);
  // A bad parameter is named beside its field; the other one still applies.
  const errors: { q?: string; after?: string } = {};
  for (const issue of parsed.error?.issues ?? []) errors[issue.path[0] as "q" | "after"] ??= issue.message;
  const query = parsed.success
    ? parsed.data
    : directoryQuerySchema.parse({ q: errors.q ? undefined : raw.q, after: errors.after ? undefined : raw.after });
  const page = companyDirectory(db(), query, Date.now());
  return data({ ...page, q: errors.q ? (raw.q ?? "").slice(0, 200) : query.q, isFirstPage: query.after === undefined, errors }, { status: parsed.success ? 200 : 400 });
}

export default function CompaniesPage() {
  const { companies, nextAfter, q, isFirstPage, errors } = useLoaderData<typeof loader>();
  const next = new URLSearchParams(q ? { q, after: String(nextAfter) } : { after: String(nextAfter) });
  return (
    <div className="flex flex-col gap-6">
      <header>
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">Companies</h1>
        <p className="mt-1 text-slate-700">Every company on Tokenboard, with how many roles it has open and the median token budget they come with.</p>
      </header>
      <Form method="get" action="/companies" role="search" className="flex flex-wrap items-end gap-2">
        <div className="flex min-w-0 flex-1 flex-col gap-1 sm:max-w-sm">
          <label htmlFor="company-q" className="text-sm font-medium text-slate-800">
            Company name starts with
          </label>
          <input
            id="company-q"
            name="q"
            type="search"
            defaultValue={q}
            maxLength={80}
            aria-invalid={errors.q ? true : undefined}
            aria-describedby={errors.q ? "company-q-error" : undefined}
            className="rounded-md border border-slate-400 bg-white px-3 py-2 text-slate-900"
          />
        </div>
        <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-600">
          Search
        </button>
        {errors.q ? (
          <p id="company-q-error" className="w-full text-sm text-red-700">
            {errors.q}
          </p>
        ) : null}
      </Form>
      {errors.after ? (
        <p role="status" className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-amber-950">
          {errors.after}
        </p>
      ) : null}
      {companies.length === 0 ? (
        <div className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-700">
          {q ? (
            <p>
              No company&apos;s name starts with “{q}”. Try fewer letters, or{" "}
              <Link to="/companies" className="text-brand-700 underline">
                see every company
              </Link>
              .
            </p>
          ) : isFirstPage ? (
            <p>No companies have joined yet.</p>
          ) : (
            <p>
              That is the end of the list.{" "}
              <Link to="/companies" className="text-brand-700 underline">
                Back to the first page
              </Link>
            </p>
          )}
          <p className="mt-2">
            Or{" "}
            <Link to="/roles" className="text-brand-700 underline">
              browse all roles
            </Link>
            .
          </p>
        </div>
      ) : (
        <ul aria-label="Companies" className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {companies.map((company) => (
            <li key={company.slug} className="flex min-w-0 flex-col gap-1 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
              <h2 className="text-lg font-semibold text-slate-900">
                <Link to={`/companies/${company.slug}`} className="[overflow-wrap:anywhere] hover:text-brand-700 hover:underline">
                  {company.name}
                </Link>
              </h2>
              <p className="text-sm text-slate-700">
                {company.openRoles === 0 ? "No open roles right now" : `${company.openRoles.toLocaleString("en-US")} open ${company.openRoles === 1 ? "role" : "roles"}`}
              </p>
              {company.openRoles > 0 ? (
                <p className="text-sm text-slate-700">
                  Median token budget{" "}
                  <span className="font-semibold text-token-800">{company.medianTokenBudget === null ? "not stated" : tokenBudgetLabel(company.medianTokenBudget)}</span>
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {nextAfter !== null ? (
        <Link to={`/companies?${next}`} className="self-center rounded-md border border-slate-300 bg-white px-4 py-2 font-medium text-slate-800 hover:bg-slate-50">
          More companies
        </Link>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
