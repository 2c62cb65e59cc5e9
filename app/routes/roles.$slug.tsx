import { getFormProps, useForm } from "@conform-to/react";
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import type * as z from "zod";
import type { createLinkSchema } from "~/lib/schemas/recruiter";
import { PackageBar } from "~/components/package-bar";
import { PayFigures } from "~/components/pay-figures";
import { Tag } from "~/components/tag";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Button, buttonClass } from "~/components/button";
import { TextField } from "~/components/form-fields";
import { createLinkSchema as shareLinkSchema, formConstraint } from "~/lib/schemas/forms.server";
import type { FormConstraint } from "~/components/use-schema-form";
import {
  countLabel,
  dateLabel,
  fullMoney,
  moneyRange,
  percent,
  statedBudgetLabel,
  tokenBudgetLabel,
  tokensPerMonthLabel,
} from "~/lib/format";
import { packageBreakdown, tokensPerMonthFor, WORKING_DAYS_PER_YEAR } from "~/lib/normalize";
import { levelStanding } from "~/models/market.server";
import { listPricingBases } from "~/models/pricing.server";
import {
  EMPLOYMENT_TYPE_LABELS,
  EQUITY_KIND_LABELS,
  LEVEL_LABELS,
  TOKEN_CAP_LABELS,
  TOKEN_SCOPE_LABELS,
  TOOL_LABELS,
  WORKPLACE_LABELS,
  labelOf,
} from "~/lib/vocabulary";
import { db } from "~/models/db.server";
import { getRoleDetail, usdPerUnit } from "~/models/role.server";
import { storedRoleDescription } from "~/models/description.server";
import { countRoleEvent } from "~/models/employer.server";
import { jobPostingJsonLd, payLine, scriptSafeJson } from "~/lib/job-posting";
import { shortlistsOf } from "~/models/recruiter.server";
import { getSessionUser } from "~/lib/session.server";
import { isbot } from "isbot";
import { config } from "~/lib/config.server";
import { visitorOf } from "~/lib/visitor.server";

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const now = Date.now();
  const role = getRoleDetail(db(), params.slug ?? "", now);
  // Drafts are not public: to a visitor they do not exist.
  if (!role || role.status === "draft") {
    throw new Response("We couldn't find that role. It may have been removed.", { status: 404 });
  }
  // A page view for the employer's dashboard: people only, once per visitor and day (reloads add nothing).
  if (role.isOpen && !isbot(request.headers.get("User-Agent"))) countRoleEvent(role.id, "view", visitorOf(request, context), now);
  const breakdown = packageBreakdown(
    {
      salaryMin: role.salary.min,
      salaryMax: role.salary.max,
      bonusTargetPercent: role.bonusTargetPercent,
      equityMin: role.equity.min,
      equityMax: role.equity.max,
    },
    usdPerUnit(db(), role.salary.currency),
    role.tokenBudget.usdPerYear,
  );
  const user = await getSessionUser(request);
  // Rendered and sanitized when the role was saved; a view only reads it. (Null only for a row
  // written by hand and not yet backfilled: the page then shows the Markdown as plain text.)
  const description = storedRoleDescription(db(), role.id);
  const origin = config().publicUrl;
  const payload = {
    buys: whatItBuys(role, now),
    canonicalUrl: new URL(`/roles/${role.slug}`, origin).toString(),
    // Search engines only get structured data for roles that are open.
    jsonLd: role.isOpen ? scriptSafeJson(jobPostingJsonLd(role, origin, description.html ?? "")) : null,
    // Signed-in users can share the role with a tracked link or put it on a shortlist.
    recruiter: user && role.isOpen ? { shortlists: shortlistsOf(user.id).map((s) => ({ publicId: s.publicId, title: s.title })), shareConstraint: formConstraint(shareLinkSchema) } : null,
    role,
    breakdown,
    descriptionHtml: description.html,
    summary: description.text ?? "",
    now,
  };
  // A closed or expired role still answers with its page (links to it keep working), marked
  // closed, with status 410 so crawlers drop it.
  return data(payload, { status: role.isOpen ? 200 : 410 });
}

/** What the budget buys: tokens at each model, per working day, against the market and reference points. */
function whatItBuys(role: NonNullable<ReturnType<typeof getRoleDetail>>, now: number) {
  const usd = role.tokenBudget.usdPerYear;
  if (usd === null) return null;
  return {
    usdPerYear: usd,
    perWorkingDay: usd / WORKING_DAYS_PER_YEAR,
    share: role.inferenceShare,
    models: listPricingBases(db()).map((b) => ({ modelName: b.modelName, tokensPerMonth: tokensPerMonthFor(usd, b), isDefault: b.isDefault })),
    level: levelStanding(db(), role.level, usd, now),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => {
  if (!loaded) return [{ title: "Role not found · Tokenboard" }];
  const { role } = loaded;
  const title = `${role.title} at ${role.company.name}`;
  const description = [payLine(role), loaded.summary].filter(Boolean).join(". ");
  return [
    { title: `${title} · ${moneyRange(role.salary.min, role.salary.max, role.salary.currency)} + ${tokenBudgetLabel(role.tokenBudget.usdPerYear)} tokens · Tokenboard` },
    { name: "description", content: description },
    { tagName: "link", rel: "canonical", href: loaded.canonicalUrl },
    // Social cards carry both figures.
    { property: "og:type", content: "website" },
    { property: "og:site_name", content: "Tokenboard" },
    { property: "og:title", content: `${title}: ${payLine(role)}` },
    { property: "og:description", content: description },
    { property: "og:url", content: loaded.canonicalUrl },
    { name: "twitter:card", content: "summary" },
    { name: "twitter:title", content: `${title}: ${payLine(role)}` },
    { name: "twitter:description", content: description },
    ...(role.isOpen ? [] : [{ name: "robots", content: "noindex" }]),
  ];
};

export default function RolePage() {
  const { role, breakdown, descriptionHtml, now, recruiter, jsonLd, buys } = useLoaderData<typeof loader>();
  const { tokenBudget, salary } = role;
  const closedLabel =
    role.status === "closed" ? "This role is closed" : role.isOpen ? null : "This role has expired";
  return (
    <article className="flex flex-col gap-8" aria-labelledby="role-title">
      {/* JSON with "<" escaped (scriptSafeJson), so nothing in it can end the script element. */}
      {jsonLd ? <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLd }} /> : null}
      {closedLabel ? (
        <div role="status" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-950">
          <p className="font-semibold">{closedLabel}</p>
          <p className="mt-1">
            It no longer takes applications.{" "}
            <Link to={`/companies/${role.company.slug}`} className="underline">
              See {role.company.name}&apos;s open roles
            </Link>{" "}
            or{" "}
            <Link to="/roles" className="underline">
              browse all roles
            </Link>
            .
          </p>
        </div>
      ) : null}

      <header className="flex flex-col gap-4">
        <p className="text-sm">
          <Link to="/roles" className="text-brand-700 hover:underline">
            ← All roles
          </Link>
        </p>
        <div>
          <h1 id="role-title" className="text-3xl font-bold tracking-tight text-slate-900">
            {role.title}
          </h1>
          <p className="mt-2 text-slate-700">
            <Link to={`/companies/${role.company.slug}`} className="font-semibold text-slate-900 hover:underline">
              {role.company.name}
            </Link>
            {" · "}
            {labelOf(LEVEL_LABELS, role.level)}
            {" · "}
            {labelOf(EMPLOYMENT_TYPE_LABELS, role.employmentType)}
            {" · "}
            {labelOf(WORKPLACE_LABELS, role.workplace)}
            {role.location ? ` · ${role.location}` : ""}
          </p>
          <p className="mt-1 text-sm text-slate-600">
            {role.publishedAt ? `Posted ${dateLabel(Date.parse(role.publishedAt))}` : null}
            {role.expiresAt && role.isOpen ? ` · Open until ${dateLabel(Date.parse(role.expiresAt))}` : null}
          </p>
        </div>
        <div className="max-w-2xl">
          <PayFigures role={role} size="page" />
        </div>
        {role.isOpen ? <ApplyButton slug={role.slug} applyUrl={role.applyUrl} applyEmail={role.applyEmail} /> : null}
      </header>

      <section aria-labelledby="package-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="package-heading" className="text-xl font-semibold text-slate-900">
          The full package
        </h2>
        {breakdown ? (
          <div className="mt-4">
            <PackageBar breakdown={breakdown} />
          </div>
        ) : null}
        <dl className="mt-5 grid gap-x-8 sm:grid-cols-2">
          <Row label="Salary">
            {moneyRange(salary.min, salary.max, salary.currency)} {salary.currency} per year
            {salary.currency !== "USD" && salary.minUsd !== null ? (
              <span className="block text-sm text-slate-600">
                ≈ {fullMoney(salary.minUsd)}–{fullMoney(salary.maxUsd ?? salary.minUsd)} USD
              </span>
            ) : null}
          </Row>
          <Row label="Bonus target">{role.bonusTargetPercent ? `${role.bonusTargetPercent}% of salary` : "None stated"}</Row>
          <Row label="Equity">
            {role.equity.kind && role.equity.kind !== "none"
              ? `${labelOf(EQUITY_KIND_LABELS, role.equity.kind)}${
                  role.equity.min !== null || role.equity.max !== null
                    ? `, ${moneyRange(role.equity.min, role.equity.max, salary.currency)} per year`
                    : ""
                }`
              : "None stated"}
          </Row>
          <Row label="Token budget (as stated)">
            {statedBudgetLabel(tokenBudget.amount, tokenBudget.unit, tokenBudget.period)}
            {tokenBudget.scope === "pooled" && tokenBudget.poolSize
              ? `, shared by a team of ${tokenBudget.poolSize}`
              : ""}
          </Row>
          <Row label="Token budget (normalized)">
            {tokenBudget.usdPerYear === 0
              ? "No budget"
              : `${tokenBudget.usdPerYear !== null ? fullMoney(tokenBudget.usdPerYear) : "—"} per year per person`}
            <span className="block text-sm text-slate-600">
              {tokensPerMonthLabel(tokenBudget.tokensPerMonth)}
              {role.pricingBasis
                ? ` at ${role.pricingBasis.modelName} prices (as of ${role.pricingBasis.asOf})`
                : ""}
            </span>
          </Row>
          <Row label="Cap and scope">
            {/* No budget has no cap or scope to speak of. */}
            {tokenBudget.usdPerYear === 0
              ? "No budget"
              : [
                  tokenBudget.cap ? labelOf(TOKEN_CAP_LABELS, tokenBudget.cap) : null,
                  tokenBudget.scope ? labelOf(TOKEN_SCOPE_LABELS, tokenBudget.scope) : null,
                ]
                  .filter(Boolean)
                  .join(" · ") || "Not stated"}
            {tokenBudget.cap === "uncapped" && tokenBudget.usdPerYear !== 0 ? (
              <span className="block text-sm text-slate-600">Uncapped: the amount is the expected spend.</span>
            ) : null}
          </Row>
          <Row label="Tools provided">
            {tokenBudget.tools.length === 0 && !tokenBudget.otherTools ? (
              "None stated"
            ) : (
              <span className="flex flex-wrap gap-1.5">
                {tokenBudget.tools.map((tool) => (
                  <Tag key={tool}>{labelOf(TOOL_LABELS, tool)}</Tag>
                ))}
                {tokenBudget.otherTools ? <Tag>{tokenBudget.otherTools}</Tag> : null}
              </span>
            )}
          </Row>
          <Row label="GPU access">{role.gpuAccess || "None stated"}</Row>
          <Row label="Fully loaded total">
            {moneyRange(role.totalComp.minUsd, role.totalComp.maxUsd)} USD per year
            <span className="block text-sm text-slate-600">salary + bonus + equity + token budget</span>
          </Row>
          <Row label="Inference share">
            {percent(role.inferenceShare)}
            <span className="block text-sm text-slate-600">of the package at its midpoint</span>
          </Row>
        </dl>
      </section>

      {buys ? <WhatItBuys buys={buys} levelLabel={labelOf(LEVEL_LABELS, role.level)} /> : null}

      <section aria-labelledby="about-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="about-heading" className="text-xl font-semibold text-slate-900">
          About the role
        </h2>
        {descriptionHtml !== null ? (
          // Rendered from Markdown and sanitized when saved (app/lib/markdown.server.ts).
          <div className="prose-role mt-2" dangerouslySetInnerHTML={{ __html: descriptionHtml }} />
        ) : (
          <p className="mt-2 whitespace-pre-line text-slate-700">{role.description}</p>
        )}
      </section>

      <section aria-labelledby="company-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="company-heading" className="text-xl font-semibold text-slate-900">
          {role.companyDetail.name}
        </h2>
        <p className="mt-2 text-slate-700">
          {[role.companyDetail.headquarters, role.companyDetail.sizeBand ? `${role.companyDetail.sizeBand} people` : null]
            .filter(Boolean)
            .join(" · ")}
        </p>
        <p className="mt-3">
          <Link to={`/companies/${role.company.slug}`} className="font-medium text-brand-700 hover:underline">
            All roles at {role.company.name}
          </Link>
        </p>
        {role.isOpen ? (
          <div className="mt-5">
            <ApplyButton slug={role.slug} applyUrl={role.applyUrl} applyEmail={role.applyEmail} />
          </div>
        ) : null}
      </section>
      {recruiter ? <RecruiterTools slug={role.slug} shortlists={recruiter.shortlists} shareConstraint={recruiter.shareConstraint} /> : null}
      <p className="sr-only">Page generated {dateLabel(now)}</p>
    </article>
  );
}

/** Reference points from public discussion of what inference budgets look like (DESIGN.md). */
const REFERENCES = [
  { label: "a seat stipend ($20-40 a month)", usdPerYear: 360 },
  { label: "heavy personal automation ($12k a year)", usdPerYear: 12_000 },
  { label: "a generous $100k a year", usdPerYear: 100_000 },
];

function WhatItBuys({ buys, levelLabel }: { buys: NonNullable<ReturnType<typeof whatItBuys>>; levelLabel: string }) {
  const ratio = (reference: number) => {
    const x = buys.usdPerYear / reference;
    return x >= 1.05 ? `${x >= 10 ? Math.round(x) : x.toFixed(1)}× ` : x <= 0.95 ? `${Math.round(x * 100)}% of ` : "about ";
  };
  return (
    <section aria-labelledby="buys-heading" className="rounded-xl border border-token-100 bg-white p-5 shadow-sm">
      <h2 id="buys-heading" className="text-xl font-semibold text-slate-900">
        What this budget buys
      </h2>
      {buys.usdPerYear === 0 ? (
        <p className="mt-2 text-slate-700">This role states no token budget.</p>
      ) : (
        <div className="mt-3 grid gap-6 md:grid-cols-2">
          <div>
            <p className="text-slate-800">
              {fullMoney(buys.perWorkingDay)} per working day, {percent(buys.share)} of the package.
            </p>
            <table className="mt-3 w-full text-left text-sm">
              <caption className="text-left text-slate-600">Tokens a month at each model's prices</caption>
              <tbody className="divide-y divide-slate-100">
                {buys.models.map((m) => (
                  <tr key={m.modelName}>
                    <th scope="row" className="py-1 pr-3 font-medium text-slate-800">
                      {m.modelName}
                      {m.isDefault ? <span className="text-slate-600"> (default)</span> : null}
                    </th>
                    <td className="py-1 text-right tabular-nums">{tokensPerMonthLabel(Math.round(m.tokensPerMonth))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="mt-2 text-xs text-slate-600">
              <Link to="/pricing" className="underline">
                About these prices
              </Link>
            </p>
          </div>
          <div className="flex flex-col gap-3 text-slate-800">
            {buys.level.percentile !== null && buys.level.median !== null ? (
              <p>
                Higher than <strong>{Math.round(buys.level.percentile)}%</strong> of open {levelLabel.toLowerCase()} roles; their median is{" "}
                {fullMoney(buys.level.median)} a year ({countLabel(buys.level.roles, "role")}).
              </p>
            ) : null}
            <ul className="list-disc pl-5 text-sm">
              {REFERENCES.map((r) => (
                <li key={r.label}>
                  {ratio(r.usdPerYear)}
                  {r.label}
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </section>
  );
}

function RecruiterTools({ slug, shortlists, shareConstraint }: { slug: string; shortlists: { publicId: string; title: string }[]; shareConstraint: FormConstraint }) {
  return (
    <section aria-labelledby="recruiter-tools" className="flex flex-col gap-4 rounded-xl border border-dashed border-slate-300 bg-white p-5">
      <h2 id="recruiter-tools" className="text-lg font-semibold text-slate-900">
        Share with a tracked link
      </h2>
      <ShareLinkForm slug={slug} constraint={shareConstraint} />
      {shortlists.length ? (
        <Form method="post" action="/recruiter" className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="intent" value="add-to-shortlist" />
          <input type="hidden" name="role" value={slug} />
          <div className="min-w-56 flex-1">
            <label htmlFor="shortlist-pick" className="block text-sm font-medium text-slate-800">
              Add to shortlist
            </label>
            <select id="shortlist-pick" name="shortlist" className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2">
              {shortlists.map((s) => (
                <option key={s.publicId} value={s.publicId}>
                  {s.title}
                </option>
              ))}
            </select>
          </div>
          <Button variant="secondary">Add to shortlist</Button>
        </Form>
      ) : (
        <p className="text-sm text-slate-700">
          <Link to="/recruiter" className="text-brand-700 underline">
            Create a shortlist
          </Link>{" "}
          to collect roles for a candidate.
        </p>
      )}
    </section>
  );
}

/**
 * A tracked link to this role, with the label that names it on the dashboard. The browser
 * checks the field's limits (from the loader); /recruiter's action checks the rest.
 */
function ShareLinkForm({ slug, constraint }: { slug: string; constraint: FormConstraint }) {
  const [form, fields] = useForm<z.input<typeof createLinkSchema>>({ id: "share-link", constraint });
  return (
    <Form method="post" action="/recruiter" {...getFormProps(form)} className="flex flex-wrap items-start gap-2">
      <input type="hidden" name="intent" value="create-link" />
      <input type="hidden" name="role" value={slug} />
      <TextField
        field={fields.label}
        label="Label (where you'll share it)"
        hint="Left empty, the link is named after the role and today's date."
        placeholder="LinkedIn post"
        className="min-w-56 flex-1"
      />
      <Button className="sm:mt-10">Create tracked link</Button>
    </Form>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="border-b border-slate-100 py-3">
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd className="mt-0.5 text-slate-900">{children}</dd>
    </div>
  );
}

function ApplyButton({ slug, applyUrl, applyEmail }: { slug: string; applyUrl: string | null; applyEmail: string | null }) {
  if (!applyUrl && !applyEmail) return null;
  // Through /roles/:slug/apply, which counts the click and forwards to the employer.
  return (
    <a
      href={`/roles/${slug}/apply`}
      rel="nofollow"
      className={buttonClass({ size: "lg", className: "w-fit" })}
    >
      Apply{applyUrl ? " on the company's site" : " by email"}
    </a>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
