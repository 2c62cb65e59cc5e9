import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Button, buttonClass } from "~/components/button";
import { dateLabel, moneyRange, tokenBudgetLabel } from "~/lib/format";
import { invitationAnswerSchema } from "~/lib/schemas/forms.server";
import { LISTING_DAYS } from "~/lib/role-lifecycle";
import { requireUser } from "~/lib/session.server";
import { acceptInvitation, companiesForUser, declineInvitation, invitationsForUser, requireMembership } from "~/models/company.server";
import { dashboardRoles, type DashboardRole, type RoleStatusView } from "~/models/employer.server";

export const meta: MetaFunction = () => [{ title: "Employer dashboard · Tokenboard" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const companies = companiesForUser(user.id);
  // Invitations to the email this account signed in with; nobody else's.
  const invitations = invitationsForUser(user.id);
  const wanted = new URL(request.url).searchParams.get("company") ?? companies[0]?.slug;
  if (!wanted) return { user: { displayName: user.displayName }, companies, invitations, company: null, roles: [] as DashboardRole[] };
  const { company } = requireMembership(user.id, wanted);
  return {
    user: { displayName: user.displayName },
    companies,
    invitations,
    company: { slug: company.slug, name: company.name },
    roles: dashboardRoles(company.id, Date.now()),
  };
}

/** Accepting or declining an invitation; the model checks it is addressed to this account. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = invitationAnswerSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ error: parsed.error.issues[0]?.message ?? "Accept or decline the invitation" }, { status: 400 });
  if (parsed.data.intent === "accept-invitation") {
    const company = acceptInvitation(user.id, parsed.data.invitationId);
    return redirect(`/employer?company=${company.slug}&joined=1`);
  }
  declineInvitation(user.id, parsed.data.invitationId);
  return redirect("/employer?declined=1");
}

/** Each group's date column says what its date is: a closed role is not "listed until" anything. */
const GROUPS: { status: RoleStatusView; title: string; empty: string; dateColumn: string; date: (role: DashboardRole) => number | null }[] = [
  { status: "published", title: "Listed", empty: "No listed roles. Publish a draft or post a new role.", dateColumn: "Listed until", date: (r) => r.expiresAt },
  {
    status: "expired",
    title: "Expired",
    empty: `Nothing has expired. Listings run for ${LISTING_DAYS} days; renew them to stay listed.`,
    dateColumn: "Expired on",
    date: (r) => r.expiresAt,
  },
  { status: "draft", title: "Drafts", empty: "No drafts.", dateColumn: "Last edited", date: (r) => r.updatedAt },
  { status: "closed", title: "Closed", empty: "No closed roles.", dateColumn: "Closed on", date: (r) => r.closedAt ?? r.updatedAt },
];

export default function EmployerDashboard() {
  const { user, companies, invitations, company, roles } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const notices = (
    <>
      {actionData?.error ? (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          {actionData.error}
        </p>
      ) : null}
      {searchParams.get("left") ? (
        <p role="status" className="rounded-lg border border-slate-200 bg-white p-3 text-slate-800">
          You left the company.
        </p>
      ) : null}
      {searchParams.get("declined") ? (
        <p role="status" className="rounded-lg border border-slate-200 bg-white p-3 text-slate-800">
          Invitation declined.
        </p>
      ) : null}
      <Invitations invitations={invitations} />
    </>
  );
  if (!company) {
    return (
      <div className="mx-auto flex max-w-xl flex-col gap-4">
        <h1 className="text-center text-2xl font-bold text-slate-900">Welcome, {user.displayName}</h1>
        {notices}
        <div className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-8 text-center shadow-sm">
          <p className="text-slate-700">
            Create your company profile to post roles. If your company is already on Tokenboard, ask one of its owners to invite the
            email address you signed in with; the invitation appears on this page.
          </p>
          <Link to="/employer/companies/new" className={buttonClass({ size: "lg", className: "self-center" })}>
            Create a company profile
          </Link>
          <SignOutEverywhere displayName={user.displayName} />
        </div>
      </div>
    );
  }
  const totals = roles.reduce(
    (sum, role) => ({ views: sum.views + role.views, applyClicks: sum.applyClicks + role.applyClicks, linkVisits: sum.linkVisits + role.linkVisits }),
    { views: 0, applyClicks: 0, linkVisits: 0 },
  );
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-3xl font-bold tracking-tight text-slate-900">{company.name}</h1>
          <p className="mt-1 text-slate-700">
            <Link to={`/employer/companies/${company.slug}`} className="text-brand-700 underline">
              Company profile and people
            </Link>
            {" · "}
            <Link to={`/companies/${company.slug}`} className="text-brand-700 underline">
              Public page
            </Link>
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {companies.length > 1 ? (
            <nav aria-label="Your companies" className="flex flex-wrap gap-1 text-sm">
              {companies.map((c) => (
                <Link
                  key={c.slug}
                  to={`/employer?company=${c.slug}`}
                  aria-current={c.slug === company.slug ? "page" : undefined}
                  className={`rounded-md px-2 py-1 ${c.slug === company.slug ? "bg-brand-50 font-semibold text-brand-800" : "text-slate-700 hover:bg-slate-100"}`}
                >
                  {c.name}
                </Link>
              ))}
            </nav>
          ) : null}
          <Link to="/employer/companies/new" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800">
            New company
          </Link>
          <Link to={`/employer/roles/new?company=${company.slug}`} className={buttonClass()}>
            Post a role
          </Link>
        </div>
      </div>

      {notices}
      {searchParams.get("joined") ? (
        <p role="status" className="rounded-lg border border-token-100 bg-token-50 p-3 text-token-800">
          You joined {company.name}.
        </p>
      ) : null}
      {searchParams.get("created") ? (
        <p role="status" className="rounded-lg border border-token-100 bg-token-50 p-3 text-token-800">
          Company created. Post your first role.
        </p>
      ) : null}
      {searchParams.get("deleted") ? (
        <p role="status" className="rounded-lg border border-slate-200 bg-white p-3 text-slate-800">
          Role deleted.
        </p>
      ) : null}

      <dl className="grid grid-cols-3 gap-3">
        <Stat label="Role page views" value={totals.views} />
        <Stat label="Apply clicks" value={totals.applyClicks} />
        <Stat label="Tracked-link visits" value={totals.linkVisits} />
      </dl>

      {GROUPS.map((group) => {
        const list = roles.filter((role) => role.status === group.status);
        return (
          <section key={group.status} aria-labelledby={`group-${group.status}`} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
            <h2 id={`group-${group.status}`} className="text-lg font-semibold text-slate-900">
              {group.title} <span className="text-slate-600">({list.length})</span>
            </h2>
            {list.length === 0 ? (
              <p className="mt-2 text-sm text-slate-600">{group.empty}</p>
            ) : (
              // On a phone each row is a card of labelled figures (the column names are
              // read from data-label); from sm up it is a table, scrolled sideways if need be.
              <div className="mt-2 sm:overflow-x-auto">
                <table className="w-full text-left text-sm sm:min-w-[40rem]">
                  <thead className="text-slate-600 max-sm:sr-only">
                    <tr>
                      <th scope="col" className="py-2 pr-3 font-medium">Role</th>
                      <th scope="col" className="py-2 pr-3 font-medium">Salary</th>
                      <th scope="col" className="py-2 pr-3 font-medium">Token budget</th>
                      <th scope="col" className="py-2 pr-3 font-medium">{group.dateColumn}</th>
                      <th scope="col" className="py-2 pr-3 text-right font-medium">Views</th>
                      <th scope="col" className="py-2 pr-3 text-right font-medium">Apply clicks</th>
                      <th scope="col" className="py-2 text-right font-medium">Link visits</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {list.map((role) => (
                      <tr key={role.id} className="max-sm:grid max-sm:grid-cols-2 max-sm:gap-x-3 max-sm:gap-y-1 max-sm:py-3">
                        <th scope="row" className="py-2 pr-3 font-medium max-sm:col-span-2 max-sm:py-0">
                          <Link to={`/employer/roles/${role.id}`} className="text-brand-700 hover:underline">
                            {role.title}
                          </Link>
                        </th>
                        <Cell label="Salary">{moneyRange(role.salaryMin, role.salaryMax, role.salaryCurrency ?? "USD")}</Cell>
                        <Cell label="Token budget">{tokenBudgetLabel(role.tokenUsdPerYear)}</Cell>
                        <Cell label={group.dateColumn}>{dateOrDash(group.date(role))}</Cell>
                        <Cell label="Views" figure>
                          {role.views.toLocaleString("en-US")}
                        </Cell>
                        <Cell label="Apply clicks" figure>
                          {role.applyClicks.toLocaleString("en-US")}
                        </Cell>
                        <Cell label="Link visits" figure>
                          {role.linkVisits.toLocaleString("en-US")}
                        </Cell>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        );
      })}
      <SignOutEverywhere displayName={user.displayName} />
    </div>
  );
}

/** Invitations to join a company, addressed to this account's email: accept or decline. */
function Invitations({ invitations }: { invitations: { id: number; role: string; companyName: string; invitedBy: string | null; createdAt: number }[] }) {
  if (invitations.length === 0) return null;
  return (
    <section aria-labelledby="invitations-heading" className="rounded-xl border border-brand-100 bg-brand-50 p-4 text-left shadow-sm">
      <h2 id="invitations-heading" className="text-lg font-semibold text-slate-900">
        Invitations
      </h2>
      <ul className="mt-2 flex flex-col gap-3">
        {invitations.map((invitation) => (
          <li key={invitation.id} className="flex flex-wrap items-center justify-between gap-2">
            <span className="min-w-0 break-words text-slate-800">
              <span className="font-medium text-slate-900">{invitation.companyName}</span> invites you as {invitation.role === "owner" ? "an owner" : "a member"}
              {invitation.invitedBy ? ` (from ${invitation.invitedBy}, ${dateLabel(invitation.createdAt)})` : ` (${dateLabel(invitation.createdAt)})`}
            </span>
            <Form method="post" className="flex gap-2">
              <input type="hidden" name="invitationId" value={invitation.id} />
              <Button name="intent" value="accept-invitation" size="sm">
                Accept <span className="sr-only">the invitation from {invitation.companyName}</span>
              </Button>
              <Button name="intent" value="decline-invitation" variant="secondary" size="sm">
                Decline <span className="sr-only">the invitation from {invitation.companyName}</span>
              </Button>
            </Form>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Ends every session of this account, on every device (a lost laptop, a shared computer). */
function SignOutEverywhere({ displayName }: { displayName: string }) {
  return (
    <Form method="post" action="/logout" className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
      Signed in as {displayName}.
      <input type="hidden" name="everywhere" value="1" />
      <button type="submit" className="font-medium text-brand-700 underline">
        Log out on all devices
      </button>
    </Form>
  );
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="text-2xl font-bold text-slate-900 tabular-nums">{value.toLocaleString("en-US")}</dd>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

function dateOrDash(ms: number | null): string {
  return ms === null ? "—" : dateLabel(ms);
}

/** A cell of a dashboard table; on a phone it shows its column's name above its value. */
function Cell({ label, figure = false, children }: { label: string; figure?: boolean; children: React.ReactNode }) {
  return (
    <td
      data-label={label}
      className={`py-2 pr-3 last:pr-0 max-sm:py-0 max-sm:before:block max-sm:before:text-xs max-sm:before:text-slate-600 max-sm:before:content-[attr(data-label)] ${figure ? "tabular-nums sm:text-right" : ""}`}
    >
      {children}
    </td>
  );
}
