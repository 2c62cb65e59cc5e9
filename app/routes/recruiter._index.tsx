import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { CopyField } from "~/components/copy-button";
import { DailyChart } from "~/components/daily-chart";
import { EmbedSnippet } from "~/components/embed-snippet";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RECRUITER_LIMITS, addToShortlistSchema, createLinkSchema, roleSlugFrom, shortlistSchema, toggleLinkSchema } from "~/lib/schemas/recruiter";
import { config } from "~/lib/config.server";
import { requireUser } from "~/lib/session.server";
import { RecruiterError, addToShortlist, createLink, createShortlist, lastDays, linksWithStats, setLinkDisabled, shortlistsOf } from "~/models/recruiter.server";

export const meta: MetaFunction = () => [{ title: "Recruiter dashboard · Tokenboard" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const links = linksWithStats(user.id);
  // All links together, per day, for the headline chart.
  const days = lastDays(30).map((day, i) => ({
    day,
    visits: links.reduce((sum, link) => sum + (link.days[i]?.visits ?? 0), 0),
    applyClicks: links.reduce((sum, link) => sum + (link.days[i]?.applyClicks ?? 0), 0),
  }));
  return { origin: config().publicUrl, links, shortlists: shortlistsOf(user.id), days, displayName: user.displayName };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = Object.fromEntries(await request.formData());
  try {
    switch (form.intent) {
      case "create-link": {
        const parsed = createLinkSchema.safeParse(form);
        if (!parsed.success) return data({ error: parsed.error.issues[0]?.message ?? "Check the form" }, { status: 400 });
        const slug = parsed.data.role ? roleSlugFrom(parsed.data.role) : null;
        if (!slug && !parsed.data.shortlist) return data({ error: "Paste the link of an open role, or choose a shortlist" }, { status: 400 });
        const link = createLink(
          user.id,
          slug ? { kind: "role", slug } : { kind: "shortlist", publicId: parsed.data.shortlist! },
          parsed.data.label,
        );
        return redirect(`/recruiter?created=${link.code}`);
      }
      case "disable-link":
      case "enable-link": {
        const parsed = toggleLinkSchema.safeParse(form);
        if (!parsed.success) return data({ error: "Choose a link" }, { status: 400 });
        setLinkDisabled(user.id, parsed.data.linkId, parsed.data.intent === "disable-link");
        return redirect("/recruiter");
      }
      case "create-shortlist": {
        const parsed = shortlistSchema.safeParse(form);
        if (!parsed.success) return data({ error: parsed.error.issues[0]?.message ?? "Check the form" }, { status: 400 });
        const list = createShortlist(user.id, parsed.data.title, parsed.data.note);
        return redirect(`/recruiter/shortlists/${list.publicId}`);
      }
      case "add-to-shortlist": {
        const parsed = addToShortlistSchema.safeParse(form);
        const slug = parsed.success ? roleSlugFrom(parsed.data.role) : null;
        if (!parsed.success || !slug) return data({ error: parsed.error?.issues[0]?.message ?? "Choose a role" }, { status: 400 });
        addToShortlist(user.id, parsed.data.shortlist, slug, parsed.data.note);
        return redirect(`/recruiter/shortlists/${parsed.data.shortlist}`);
      }
      default:
        return data({ error: "Unknown action" }, { status: 400 });
    }
  } catch (error) {
    if (error instanceof RecruiterError) return data({ error: error.message }, { status: 400 });
    throw error;
  }
}

export default function RecruiterDashboard() {
  const { origin, links, shortlists, days } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const created = searchParams.get("created");
  const totals = links.reduce(
    (sum, l) => ({ visits: sum.visits + l.totals.visits, applyClicks: sum.applyClicks + l.totals.applyClicks, botVisits: sum.botVisits + l.totals.botVisits }),
    { visits: 0, applyClicks: 0, botVisits: 0 },
  );
  return (
    <div className="flex flex-col gap-8">
      <div>
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">Recruiter dashboard</h1>
        <p className="mt-1 text-slate-700">Tracked links and shortlists for the roles you share. Counts are per day; nothing about visitors is stored.</p>
      </div>

      {created ? (
        <p role="status" className="rounded-lg border border-token-100 bg-token-50 p-3 text-token-800">
          Link created: {origin}/r/{created}
        </p>
      ) : null}
      {actionData?.error ? (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 p-3 text-red-900">
          {actionData.error}
        </p>
      ) : null}

      <section aria-labelledby="totals-heading" className="grid gap-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm sm:grid-cols-[1fr_20rem]">
        <div>
          <h2 id="totals-heading" className="text-lg font-semibold text-slate-900">
            All links
          </h2>
          <dl className="mt-2 grid grid-cols-3 gap-3">
            <div>
              <dt className="text-sm text-slate-600">Visits</dt>
              <dd className="text-2xl font-bold tabular-nums">{totals.visits.toLocaleString("en-US")}</dd>
            </div>
            <div>
              <dt className="text-sm text-slate-600">Apply clicks</dt>
              <dd className="text-2xl font-bold tabular-nums">{totals.applyClicks.toLocaleString("en-US")}</dd>
            </div>
            <div>
              <dt className="text-sm text-slate-600">Bot visits</dt>
              <dd className="text-2xl font-bold tabular-nums text-slate-600">{totals.botVisits.toLocaleString("en-US")}</dd>
            </div>
          </dl>
        </div>
        <DailyChart days={days} title="All links" />
      </section>

      <section aria-labelledby="new-link-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="new-link-heading" className="text-lg font-semibold text-slate-900">
          New tracked link
        </h2>
        <Form method="post" className="mt-3 grid gap-3 sm:grid-cols-[1fr_1fr_12rem_auto] sm:items-end">
          <input type="hidden" name="intent" value="create-link" />
          <div>
            <label htmlFor="link-role" className="block text-sm font-semibold text-slate-900">
              Role link or slug
            </label>
            <input id="link-role" name="role" maxLength={RECRUITER_LIMITS.roleReference} placeholder={`${origin}/roles/…`} className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2" />
          </div>
          <div>
            <label htmlFor="link-shortlist" className="block text-sm font-semibold text-slate-900">
              …or a shortlist
            </label>
            <select id="link-shortlist" name="shortlist" className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2">
              <option value="">None</option>
              {shortlists.map((s) => (
                <option key={s.publicId} value={s.publicId}>
                  {s.title}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="link-label" className="block text-sm font-semibold text-slate-900">
              Label
            </label>
            <input id="link-label" name="label" maxLength={RECRUITER_LIMITS.linkLabel} placeholder="LinkedIn post" className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2" />
          </div>
          <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
            Create link
          </button>
        </Form>
      </section>

      <section aria-labelledby="links-heading" className="flex flex-col gap-3">
        <h2 id="links-heading" className="text-xl font-semibold text-slate-900">
          Links ({links.length})
        </h2>
        {links.length === 0 ? (
          <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-center text-slate-700">
            No links yet. Paste the link of any open role above, or open a role and use “Share with a tracked link”.
          </p>
        ) : (
          <ul className="flex flex-col gap-3">
            {links.map((link) => (
              <li key={link.id} className="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm md:grid-cols-[1fr_18rem]">
                <div className="flex min-w-0 flex-col gap-2">
                  <p className="font-semibold text-slate-900">
                    {link.label || "Untitled link"}{" "}
                    {link.disabled ? <span className="rounded-full bg-slate-200 px-2 py-0.5 text-xs font-medium text-slate-800">disabled</span> : null}
                  </p>
                  <p className="text-sm text-slate-700">
                    {link.target.kind === "shortlist" ? "Shortlist: " : ""}
                    <Link to={link.target.path} className="text-brand-700 underline">
                      {link.target.title}
                    </Link>
                  </p>
                  <CopyField value={`${origin}/r/${link.code}`} label={`link ${link.label || link.code}`} />
                  <p className="text-sm text-slate-700">
                    {link.totals.visits} visits · {link.totals.applyClicks} apply clicks · {link.totals.botVisits} bot visits
                  </p>
                  <Form method="post">
                    <input type="hidden" name="linkId" value={link.id} />
                    <button type="submit" name="intent" value={link.disabled ? "enable-link" : "disable-link"} className="text-sm font-medium text-brand-700 underline">
                      {link.disabled ? "Enable" : "Disable"} <span className="sr-only">{link.label || link.code}</span>
                    </button>
                  </Form>
                </div>
                <DailyChart days={link.days} title={link.label || link.code} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="shortlists-heading" className="flex flex-col gap-3">
        <h2 id="shortlists-heading" className="text-xl font-semibold text-slate-900">
          Shortlists ({shortlists.length})
        </h2>
        {shortlists.length ? (
          <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white shadow-sm">
            {shortlists.map((s) => (
              <li key={s.publicId} className="flex flex-wrap items-center justify-between gap-2 p-4">
                <Link to={`/recruiter/shortlists/${s.publicId}`} className="font-medium text-brand-700 underline">
                  {s.title}
                </Link>
                <span className="text-sm text-slate-600">
                  {s.size} {s.size === 1 ? "role" : "roles"}
                </span>
              </li>
            ))}
          </ul>
        ) : null}
        <Form method="post" className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
          <input type="hidden" name="intent" value="create-shortlist" />
          <div className="flex-1">
            <label htmlFor="shortlist-title" className="block text-sm font-semibold text-slate-900">
              New shortlist
            </label>
            <input id="shortlist-title" name="title" required maxLength={RECRUITER_LIMITS.shortlistTitle} placeholder="Platform team, Q1" className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2" />
          </div>
          <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
            Create shortlist
          </button>
        </Form>
      </section>

      <EmbedSnippet origin={origin} query="workplace=remote&sort=tokens_desc" title="Remote roles by token budget" />
      <p className="-mt-6 text-sm text-slate-600">
        The embed takes the same parameters as the <Link to="/roles" className="text-brand-700 underline">search</Link>: change the query to show any search.
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
