import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RoleCard } from "~/components/role-card";
import { EmbedSnippet } from "~/components/embed-snippet";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CursorError } from "~/lib/cursor.server";
import { db } from "~/models/db.server";
import { renamedCompanySlug } from "~/models/company.server";
import { getCompanyBySlug } from "~/models/role.server";
import { searchAggregates, searchRoles } from "~/models/search.server";
import { config } from "~/lib/config.server";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const company = getCompanyBySlug(db(), params.slug ?? "");
  if (!company) {
    // A former address of a renamed company: links and bookmarks made with it follow it.
    const current = renamedCompanySlug(params.slug ?? "");
    if (current) throw redirect(`/companies/${current}${new URL(request.url).search}`, 301);
    throw new Response("We couldn't find that company.", { status: 404 });
  }
  const now = Date.now();
  const cursor = new URL(request.url).searchParams.get("cursor") ?? undefined;
  const filters = { workplace: [], level: [], tool: [], company: company.slug };
  let page;
  try {
    page = searchRoles(db(), { ...filters, sort: "newest", limit: 20, cursor }, now);
  } catch (error) {
    if (error instanceof CursorError) throw new Response(error.message, { status: 400 });
    throw error;
  }
  return {
    company: {
      slug: company.slug,
      name: company.name,
      website: company.website,
      sizeBand: company.sizeBand,
      headquarters: company.headquarters,
      // Rendered and sanitized when the profile was saved; a view only reads it (null only for
      // a row written by hand and not yet backfilled: shown as plain text).
      descriptionHtml: company.descriptionHtml,
      description: company.descriptionHtml === null ? company.description : "",
    },
    openCount: searchAggregates(db(), filters, now).total,
    origin: config().publicUrl,
    ...page,
    now,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        { title: `${data.company.name}: ${data.openCount} open roles with token budgets · Tokenboard` },
        { name: "description", content: `Open roles at ${data.company.name}, each with its salary range and token budget.` },
      ]
    : [{ title: "Company not found · Tokenboard" }];

export default function CompanyPage() {
  const { company, roles, nextCursor, openCount, now, origin } = useLoaderData<typeof loader>();
  const websiteIsWeb = company.website && /^https?:\/\//i.test(company.website);
  return (
    <div className="flex flex-col gap-8">
      <header className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900 [overflow-wrap:anywhere]">{company.name}</h1>
        <p className="mt-2 text-slate-700">
          {[company.headquarters, company.sizeBand ? `${company.sizeBand} people` : null].filter(Boolean).join(" · ")}
          {websiteIsWeb ? (
            <>
              {" · "}
              <a href={company.website ?? undefined} rel="noopener noreferrer nofollow" className="text-brand-700 underline">
                Website
              </a>
            </>
          ) : null}
        </p>
        {company.descriptionHtml ? (
          <div className="prose-role mt-2" dangerouslySetInnerHTML={{ __html: company.descriptionHtml }} />
        ) : company.description ? (
          <p className="mt-2 whitespace-pre-line text-slate-700">{company.description}</p>
        ) : null}
      </header>
      <section aria-labelledby="open-roles" className="flex flex-col gap-4">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="open-roles" className="text-xl font-semibold text-slate-900">
            {openCount === 0 ? "No open roles" : `${openCount} open ${openCount === 1 ? "role" : "roles"}`}
          </h2>
          {openCount > 1 ? (
            <Link to={`/roles?company=${company.slug}`} className="text-sm font-medium text-brand-700 hover:underline">
              Filter and sort {company.name}&apos;s roles →
            </Link>
          ) : null}
        </div>
        {roles.length === 0 ? (
          <p className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-700">
            {company.name} has no open roles right now.{" "}
            <Link to="/roles" className="text-brand-700 underline">
              Browse all roles
            </Link>
            .
          </p>
        ) : (
          <ol className="flex flex-col gap-4">
            {roles.map((role) => (
              <li key={role.slug}>
                <RoleCard role={role} now={now} headingLevel={3} />
              </li>
            ))}
          </ol>
        )}
        {nextCursor ? (
          <Link
            to={`?cursor=${encodeURIComponent(nextCursor)}`}
            className="self-center rounded-md border border-slate-300 bg-white px-4 py-2 font-medium text-slate-800 hover:bg-slate-50"
          >
            More roles at {company.name}
          </Link>
        ) : null}
      </section>
      <EmbedSnippet origin={origin} query={`company=${company.slug}`} title={`Open roles at ${company.name}`} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
