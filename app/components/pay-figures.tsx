import type { RoleSummary } from "~/models/role.server";
import { moneyRange, tokenBudgetLabel, tokensPerMonthAtLabel } from "~/lib/format";

/** A budget as a card shows it; the form's preview knows its basis by model name only. */
export type CardBudget = Omit<RoleSummary["tokenBudget"], "pricingBasis"> & { pricingBasis: { modelName: string } | null };

/**
 * The salary range and the token budget side by side, with equal weight: the product's
 * central promise, so every card and page uses this one component.
 */
export function PayFigures({ role, size = "card" }: { role: Pick<RoleSummary, "salary"> & { tokenBudget: CardBudget }; size?: "card" | "page" }) {
  const { salary, tokenBudget } = role;
  const figure = size === "page" ? "text-2xl sm:text-3xl" : "text-lg sm:text-xl";
  const showUsd = salary.currency !== "USD" && salary.minUsd !== null;
  return (
    <dl className="grid grid-cols-2 gap-2 sm:gap-3">
      <div className="rounded-lg border border-brand-100 bg-brand-50 px-3 py-2">
        <dt className="text-xs font-semibold uppercase tracking-wide text-brand-800">Salary</dt>
        <dd className={`${figure} font-bold text-slate-900`}>{moneyRange(salary.min, salary.max, salary.currency)}</dd>
        <dd className="text-xs text-slate-700">
          {showUsd ? `≈ ${moneyRange(salary.minUsd, salary.maxUsd)} USD/yr` : "per year"}
        </dd>
      </div>
      <div className="rounded-lg border border-token-100 bg-token-50 px-3 py-2">
        <dt className="text-xs font-semibold uppercase tracking-wide text-token-800">Token budget</dt>
        <dd className={`${figure} font-bold text-slate-900`}>{tokenBudgetLabel(tokenBudget.usdPerYear)}</dd>
        <dd className="text-xs text-slate-700">
          {tokenBudget.usdPerYear ? tokensPerMonthAtLabel(tokenBudget.tokensPerMonth, tokenBudget.pricingBasis?.modelName ?? null) : "no inference budget stated"}
        </dd>
      </div>
    </dl>
  );
}
