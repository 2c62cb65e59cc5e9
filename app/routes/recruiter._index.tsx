import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Button } from "~/components/button";
import { CopyField } from "~/components/copy-button";
import { FormErrors, SelectField, TextField } from "~/components/form-fields";
import { DailyChart } from "~/components/daily-chart";
import { EmbedSnippet } from "~/components/embed-snippet";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { countLabel } from "~/lib/format";
import { addToShortlistSchema, createLinkSchema, formConstraint, parseWithZod, roleSlugFrom, shortlistSchema, toggleLinkSchema } from "~/lib/schemas/forms.server";
import { config } from "~/lib/config.server";
import { requireUser } from "~/lib/session.server";
import { RecruiterError, addToShortlist, createLink, createShortlist, lastDays, linksWithStats, setLinkDisabled, shortlistsOf } from "~/models/recruiter.server";
import { useSchemaForm, type FormConstraint } from "~/components/use-schema-form";

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
  const constraints = { link: formConstraint(createLinkSchema), shortlist: formConstraint(shortlistSchema) };
  return { origin: config().publicUrl, links, shortlists: shortlistsOf(user.id), days, displayName: user.displayName, constraints };
}

/** Which form a reply belongs to, so the page shows its errors beside that form's fields. */
type FormName = "create-link" | "create-shortlist" | "add-to-shortlist" | "toggle-link";

function reply(form: FormName, result: SubmissionResult<string[]>) {
  return data({ form, result }, { status: 400 });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  switch (intent) {
    case "create-link": {
      const submission = parseWithZod(formData, { schema: createLinkSchema });
      if (submission.status !== "success") return reply("create-link", submission.reply());
      const { role, shortlist, label } = submission.value;
      const slug = role ? roleSlugFrom(role) : null;
      try {
        const link = createLink(user.id, slug ? { kind: "role", slug } : { kind: "shortlist", publicId: shortlist! }, label);
        return redirect(`/recruiter?created=${link.code}`);
      } catch (error) {
        if (!(error instanceof RecruiterError)) throw error;
        return reply("create-link", submission.reply({ fieldErrors: { [slug ? "role" : "shortlist"]: [error.message] } }));
      }
    }
    case "disable-link":
    case "enable-link": {
      const submission = parseWithZod(formData, { schema: toggleLinkSchema });
      if (submission.status !== "success") return reply("toggle-link", submission.reply({ formErrors: ["Choose a link"] }));
      setLinkDisabled(user.id, submission.value.linkId, submission.value.intent === "disable-link");
      return redirect("/recruiter");
    }
    case "create-shortlist": {
      const submission = parseWithZod(formData, { schema: shortlistSchema });
      if (submission.status !== "success") return reply("create-shortlist", submission.reply());
      const list = createShortlist(user.id, submission.value.title, submission.value.note);
      return redirect(`/recruiter/shortlists/${list.publicId}`);
    }
    case "add-to-shortlist": {
      // Sent from a role's page; its errors are shown at the top of this page.
      const submission = parseWithZod(formData, { schema: addToShortlistSchema });
      if (submission.status !== "success") return reply("add-to-shortlist", submission.reply());
      try {
        addToShortlist(user.id, submission.value.shortlist, roleSlugFrom(submission.value.role)!, submission.value.note);
      } catch (error) {
        if (!(error instanceof RecruiterError)) throw error;
        return reply("add-to-shortlist", submission.reply({ fieldErrors: { role: [error.message] } }));
      }
      return redirect(`/recruiter/shortlists/${submission.value.shortlist}`);
    }
    default:
      return data({ form: null, result: null, error: "That form is not one this page knows. Reload the page and try again." }, { status: 400 });
  }
}

/** Every message of a reply, for a form that is not on this page (or has no visible fields). */
function messagesOf(result: SubmissionResult<string[]> | null | undefined): string[] {
  return Object.values(result?.error ?? {}).flatMap((messages) => messages ?? []);
}

export default function RecruiterDashboard() {
  const { origin, links, shortlists, days, constraints } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const created = searchParams.get("created");
  const resultOf = (form: FormName) => (actionData && actionData.form === form ? actionData.result : undefined);
  const topErrors = actionData
    ? "error" in actionData
      ? [actionData.error]
      : actionData.form === "add-to-shortlist" || actionData.form === "toggle-link"
        ? messagesOf(actionData.result)
        : []
    : [];
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
      <FormErrors errors={topErrors} />

      <section aria-labelledby="totals-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
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
      </section>
      <section aria-labelledby="chart-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="chart-heading" className="text-lg font-semibold text-slate-900">
          Last 30 days
        </h2>
        <DailyChart days={days} title="All links" />
      </section>

      <section aria-labelledby="new-link-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="new-link-heading" className="text-lg font-semibold text-slate-900">
          New tracked link
        </h2>
        {/* Keyed by the link just made: after a success the form starts empty again. */}
        <NewLinkForm key={created ?? "new"} origin={origin} shortlists={shortlists} constraint={constraints.link} lastResult={resultOf("create-link")} />
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
              <li key={link.id} className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
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
                    {countLabel(link.totals.visits, "visit")} · {countLabel(link.totals.applyClicks, "apply click")} · {countLabel(link.totals.botVisits, "bot visit")}
                  </p>
                  <Form method="post">
                    <input type="hidden" name="linkId" value={link.id} />
                    <button type="submit" name="intent" value={link.disabled ? "enable-link" : "disable-link"} className="text-sm font-medium text-brand-700 underline">
                      {link.disabled ? "Enable" : "Disable"} <span className="sr-only">{link.label || link.code}</span>
                    </button>
                  </Form>
                </div>
                <details>
                  <summary className="cursor-pointer text-sm font-medium text-brand-700">
                    Chart of the last 30 days <span className="sr-only">for {link.label || link.code}</span>
                  </summary>
                  <DailyChart days={link.days} title={link.label || link.code} />
                </details>
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
        <NewShortlistForm constraint={constraints.shortlist} lastResult={resultOf("create-shortlist")} />
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

function NewLinkForm({
  origin,
  shortlists,
  constraint,
  lastResult,
}: {
  origin: string;
  shortlists: { publicId: string; title: string }[];
  constraint: FormConstraint;
  lastResult?: SubmissionResult<string[]> | null;
}) {
  const [form, fields] = useSchemaForm(() => import("~/lib/schemas/recruiter").then((m) => m.createLinkSchema), { id: "new-link", constraint, lastResult });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-3 grid gap-3 sm:grid-cols-[1fr_1fr_12rem_auto] sm:items-start">
      <input type="hidden" name="intent" value="create-link" />
      <TextField field={fields.role} label="Role link or slug" placeholder={`${origin}/roles/…`} />
      <SelectField field={fields.shortlist} label="…or a shortlist" placeholder="None" options={shortlists.map((s) => ({ value: s.publicId, label: s.title }))} />
      <TextField field={fields.label} label="Label" placeholder="LinkedIn post" />
      <Button className="sm:mt-6">Create link</Button>
    </Form>
  );
}

function NewShortlistForm({ constraint, lastResult }: { constraint: FormConstraint; lastResult?: SubmissionResult<string[]> | null }) {
  const [form, fields] = useSchemaForm(() => import("~/lib/schemas/recruiter").then((m) => m.shortlistSchema), { id: "new-shortlist", constraint, lastResult });
  return (
    <Form method="post" {...getFormProps(form)} className="flex flex-wrap items-start gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <input type="hidden" name="intent" value="create-shortlist" />
      <TextField field={fields.title} label="New shortlist" placeholder="Platform team, Q1" className="min-w-56 flex-1" />
      <Button className="sm:mt-6">Create shortlist</Button>
    </Form>
  );
}
