import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PayFigures } from "~/components/pay-figures";
import { dateLabel } from "~/lib/format";
import { LEVEL_LABELS, WORKPLACE_LABELS, labelOf } from "~/lib/vocabulary";
import { shortlistWithRoles } from "~/models/recruiter.server";

/** A recruiter's shortlist as anyone with its link sees it. */
export async function loader({ params }: LoaderFunctionArgs) {
  const list = shortlistWithRoles(params.publicId ?? "");
  if (!list) throw new Response("We couldn't find that shortlist.", { status: 404 });
  const { recruiterId: _recruiter, id: _id, ...shown } = list;
  return shown;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title}: ${data.entries.length} roles with salary and token budget · Tokenboard` : "Shortlist · Tokenboard" },
  { name: "robots", content: "noindex" },
];

export default function PublicShortlist() {
  const list = useLoaderData<typeof loader>();
  const open = list.entries.filter((e) => e.status === "open").length;
  return (
    <div className="flex flex-col gap-6">
      <header>
        <p className="text-sm text-slate-600">Shortlist · updated {dateLabel(list.updatedAt)}</p>
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">{list.title}</h1>
        {list.note ? <p className="mt-2 max-w-2xl whitespace-pre-line text-slate-700">{list.note}</p> : null}
        <p className="mt-2 text-sm text-slate-700">
          {open} of {list.entries.length} roles still open.
        </p>
      </header>
      {list.entries.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-center text-slate-700">This shortlist has no roles yet.</p>
      ) : (
        <ol className="flex flex-col gap-4" aria-label="Shortlisted roles">
          {list.entries.map((entry, index) => (
            <li key={entry.role.slug}>
              <article
                aria-labelledby={`entry-${entry.role.slug}`}
                className={`flex flex-col gap-3 rounded-xl border bg-white p-4 shadow-sm ${entry.status === "closed" ? "border-amber-300" : "border-slate-200"}`}
              >
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div>
                    <h2 id={`entry-${entry.role.slug}`} className="text-lg font-semibold text-slate-900">
                      {index + 1}.{" "}
                      <Link to={entry.role.url} className="hover:underline">
                        {entry.role.title}
                      </Link>
                    </h2>
                    <p className="text-sm text-slate-700">
                      {entry.role.company.name} · {labelOf(LEVEL_LABELS, entry.role.level)} · {labelOf(WORKPLACE_LABELS, entry.role.workplace)}
                      {entry.role.location ? ` · ${entry.role.location}` : ""}
                    </p>
                  </div>
                  {entry.status === "closed" ? (
                    <span className="rounded-full bg-amber-100 px-2.5 py-0.5 text-sm font-medium text-amber-950">Closed</span>
                  ) : (
                    <span className="rounded-full bg-token-100 px-2.5 py-0.5 text-sm font-medium text-token-800">Open</span>
                  )}
                </div>
                <div className="max-w-xl">
                  <PayFigures role={entry.role} />
                </div>
                {entry.note ? <p className="text-sm text-slate-800">“{entry.note}”</p> : null}
              </article>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
