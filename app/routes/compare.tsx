import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { money, moneyRange, percent, statedBudgetLabel, tokenBudgetLabel, tokensPerMonthAtLabel } from "~/lib/format";
import { tokensPerMonthFor } from "~/lib/normalize";
import { EQUITY_KIND_LABELS, TOKEN_CAP_LABELS, TOKEN_SCOPE_LABELS, TOOL_LABELS, labelOf } from "~/lib/vocabulary";
import { db } from "~/models/db.server";
import { listPricingBases } from "~/models/pricing.server";
import { getRoleDetail, usdPerUnit, type RoleDetail } from "~/models/role.server";

export const meta: MetaFunction = () => [{ title: "Compare roles side by side · Tokenboard" }];

const MAX_ROLES = 4;

/**
 * /compare?roles=a&roles=b: 2 to 4 roles side by side. The selection is the URL.
 * &basis=<pricing basis slug> counts every role's tokens a month at the same model's prices;
 * without it each role's count is at its own basis, named beside it.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const searchParams = new URL(request.url).searchParams;
  const slugs = [...new Set(searchParams.getAll("roles").map((s) => s.trim()).filter((s) => /^[a-z0-9-]{1,160}$/.test(s)))];
  const bases = listPricingBases(db());
  const basisSlug = searchParams.get("basis") ?? "";
  const basis = basisSlug ? (bases.find((b) => b.slug === basisSlug) ?? null) : null;
  const now = Date.now();
  const roles = slugs
    .slice(0, MAX_ROLES)
    .map((slug) => getRoleDetail(db(), slug, now))
    .filter((role): role is RoleDetail => role !== null && role.status !== "draft")
    .map((role) => ({
      ...role,
      usdPerUnit: usdPerUnit(db(), role.salary.currency),
      tokensShown:
        basis && role.tokenBudget.usdPerYear !== null
          ? { perMonth: Math.round(tokensPerMonthFor(role.tokenBudget.usdPerYear, basis)), modelName: basis.modelName }
          : { perMonth: role.tokenBudget.tokensPerMonth, modelName: role.tokenBudget.pricingBasis?.modelName ?? null },
    }));
  const basisProblem = basisSlug && !basis ? `There is no pricing basis “${basisSlug.slice(0, 60)}”; tokens are counted at each role's own basis.` : null;
  const problem =
    basisProblem ??
    (slugs.length > MAX_ROLES
      ? `Compare at most ${MAX_ROLES} roles at a time; showing the first ${MAX_ROLES}.`
      : roles.length < 2
        ? "Pick 2 to 4 roles to compare: tick “Compare” on the roles you like in the search."
        : roles.length < slugs.length
          ? "Some of those roles no longer exist and were left out."
          : null);
  // Nothing chosen yet is the usual way in (the header links here): a page that explains how
  // to pick, not an error. Only slugs that were asked for and cannot be shown are a 400.
  const status = (roles.length < 2 && slugs.length > 0) || basisProblem ? 400 : 200;
  return data(
    {
      roles,
      problem,
      slugs: roles.map((r) => r.slug),
      bases: bases.map((b) => ({ slug: b.slug, modelName: b.modelName, isDefault: b.isDefault })),
      basis: basis?.slug ?? "",
    },
    { status },
  );
}

/**
 * A role as compared: its detail, the USD value of one unit of its currency (null without a
 * rate) and its tokens a month at the basis shown (the visitor's choice, else its own).
 */
type ComparedRole = RoleDetail & { usdPerUnit: number | null; tokensShown: { perMonth: number | null; modelName: string | null } };

/** An amount in the role's currency in USD, so every "best" compares like with like. */
function inUsd(role: ComparedRole, amount: number | null): number | null {
  return amount === null || role.usdPerUnit === null ? null : amount * role.usdPerUnit;
}

interface RowSpec {
  label: string;
  /** Higher is better; the highest value gets marked. Rows without one are not ranked. */
  score?: (role: ComparedRole) => number | null;
  cell: (role: ComparedRole) => ReactNode;
}

const ROWS: RowSpec[] = [
  {
    label: "Salary",
    score: (r) => r.salary.maxUsd,
    cell: (r) => (
      <>
        {moneyRange(r.salary.min, r.salary.max, r.salary.currency)}
        {r.salary.currency !== "USD" ? <span className="block text-xs text-slate-600">≈ {moneyRange(r.salary.minUsd, r.salary.maxUsd)} USD</span> : null}
      </>
    ),
  },
  {
    label: "Bonus target",
    // The bonus in USD at the top of the salary range: 20% of ₹1.6M is less than 10% of $200k.
    score: (r) => (r.bonusTargetPercent && r.salary.maxUsd !== null ? (r.salary.maxUsd * r.bonusTargetPercent) / 100 : 0),
    cell: (r) =>
      r.bonusTargetPercent ? (
        <>
          {r.bonusTargetPercent}%
          {r.salary.maxUsd !== null ? <span className="block text-xs text-slate-600">≈ up to {money((r.salary.maxUsd * r.bonusTargetPercent) / 100)} USD</span> : null}
        </>
      ) : (
        "—"
      ),
  },
  {
    label: "Equity per year",
    score: (r) => (r.equity.kind && r.equity.kind !== "none" ? inUsd(r, r.equity.max ?? r.equity.min) : 0),
    cell: (r) =>
      r.equity.kind && r.equity.kind !== "none" ? (
        <>
          {labelOf(EQUITY_KIND_LABELS, r.equity.kind)}, {moneyRange(r.equity.min, r.equity.max, r.salary.currency)}
          {r.salary.currency !== "USD" && r.usdPerUnit !== null ? (
            <span className="block text-xs text-slate-600">≈ {moneyRange(inUsd(r, r.equity.min), inUsd(r, r.equity.max))} USD</span>
          ) : null}
        </>
      ) : (
        "—"
      ),
  },
  { label: "Token budget (as stated)", cell: (r) => statedBudgetLabel(r.tokenBudget.amount, r.tokenBudget.unit, r.tokenBudget.period) },
  {
    label: "Token budget (normalized)",
    score: (r) => r.tokenBudget.usdPerYear,
    cell: (r) => (
      <>
        {tokenBudgetLabel(r.tokenBudget.usdPerYear)}
        {r.tokenBudget.usdPerYear ? <span className="block text-xs text-slate-600">{tokensPerMonthAtLabel(r.tokensShown.perMonth, r.tokensShown.modelName)}</span> : null}
      </>
    ),
  },
  {
    label: "Cap and scope",
    cell: (r) =>
      r.tokenBudget.usdPerYear === 0
        ? "No budget"
        : [r.tokenBudget.cap ? labelOf(TOKEN_CAP_LABELS, r.tokenBudget.cap) : null, r.tokenBudget.scope ? labelOf(TOKEN_SCOPE_LABELS, r.tokenBudget.scope) : null]
        .filter(Boolean)
        .join(" · ") || "—",
  },
  { label: "Tools", score: (r) => r.tokenBudget.tools.length, cell: (r) => r.tokenBudget.tools.map((t) => labelOf(TOOL_LABELS, t)).join(", ") || "—" },
  { label: "Fully loaded total", score: (r) => r.totalComp.maxUsd, cell: (r) => moneyRange(r.totalComp.minUsd, r.totalComp.maxUsd) },
  { label: "Inference share", score: (r) => r.inferenceShare, cell: (r) => percent(r.inferenceShare) },
];

export default function ComparePage() {
  const { roles, problem, slugs, bases, basis } = useLoaderData<typeof loader>();
  const without = (slug: string) => {
    const rest = slugs.filter((s) => s !== slug);
    return `/compare?${new URLSearchParams(rest.map((s) => ["roles", s]))}`;
  };
  return (
    <div className="flex flex-col gap-6">
      <header>
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">Compare roles</h1>
        <p className="mt-1 text-slate-700">The whole package side by side; the best value in each row is marked. Share this page's address to share the comparison.</p>
      </header>
      {problem ? (
        <p role="status" className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-amber-950">
          {problem}{" "}
          <Link to="/roles" className="font-medium underline">
            Browse roles
          </Link>
        </p>
      ) : null}
      {roles.length > 1 ? (
        <form method="get" action="/compare" className="flex flex-wrap items-end gap-2 rounded-xl border border-slate-200 bg-white p-3 shadow-sm">
          {slugs.map((slug) => (
            <input key={slug} type="hidden" name="roles" value={slug} />
          ))}
          <div className="flex min-w-0 flex-col gap-1">
            <label htmlFor="basis" className="text-sm font-medium text-slate-800">
              Count tokens a month at
            </label>
            <select id="basis" name="basis" defaultValue={basis} className="max-w-full rounded-md border border-slate-400 bg-white px-2 py-2 text-sm text-slate-900">
              <option value="">Each role's own pricing basis</option>
              {bases.map((b) => (
                <option key={b.slug} value={b.slug}>
                  {b.modelName} prices{b.isDefault ? " (default)" : ""}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="rounded-md bg-brand-700 px-3 py-2 text-sm font-semibold text-white hover:bg-brand-600">
            Show
          </button>
          <Link to="/pricing" className="py-2 text-sm text-slate-700 underline">
            How pricing bases work
          </Link>
        </form>
      ) : null}
      {roles.length > 2 ? <p className="-mb-4 text-sm text-slate-700 sm:hidden">Swipe the table sideways to see every role; the row names stay in view.</p> : null}
      {roles.length > 0 ? (
        // Wide on a phone: the table scrolls sideways inside its own region (relative, so even
        // its screen-reader-only text stays inside), with the row names kept in view.
        <div className="relative overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm" data-scrolls role="region" aria-label="Comparison table" tabIndex={0}>
          <table className="w-full min-w-[36rem] text-left text-sm">
            <caption className="sr-only">Roles compared: {roles.map((r) => r.title).join(", ")}</caption>
            <thead>
              <tr>
                <td className="sticky left-0 z-10 bg-white p-3" />
                {roles.map((role) => (
                  <th key={role.slug} scope="col" className="p-3 align-top">
                    <Link to={role.url} className="text-base font-semibold text-brand-700 hover:underline">
                      {role.title}
                    </Link>
                    <span className="block font-normal text-slate-700">{role.company.name}</span>
                    {!role.isOpen ? <span className="mt-1 inline-block rounded-full bg-amber-100 px-2 py-0.5 text-xs text-amber-950">closed</span> : null}
                    <Link to={without(role.slug)} className="mt-1 block text-xs font-normal text-slate-600 underline">
                      Remove<span className="sr-only"> {role.title} from the comparison</span>
                    </Link>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {ROWS.map((row) => {
                const scores = row.score ? roles.map((r) => row.score!(r) ?? -Infinity) : [];
                const best = scores.length ? Math.max(...scores) : null;
                const marked = best !== null && best > -Infinity && scores.filter((s) => s === best).length < roles.length;
                return (
                  <tr key={row.label}>
                    <th scope="row" className="sticky left-0 z-10 w-28 bg-white p-3 font-medium text-slate-700 sm:w-auto">
                      {row.label}
                    </th>
                    {roles.map((role, i) => {
                      const isBest = marked && scores[i] === best;
                      return (
                        <td key={role.slug} className={`p-3 align-top ${isBest ? "bg-token-50 font-semibold text-slate-900" : "text-slate-800"}`}>
                          {row.cell(role)}
                          {isBest ? <span className="ml-1 text-xs font-semibold text-token-800">★ best</span> : null}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
