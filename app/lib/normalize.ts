/**
 * The one place where what an employer states becomes the comparable figures Tokenboard
 * stores, filters and sorts on. Pure: no database, no clock. Every write of a role's
 * compensation runs it (app/models/role.server.ts), the live preview in the role form runs it
 * in the browser, and changing a price re-runs it over the stored rows, so stored figures
 * never drift from stated ones.
 */
import type { TokenCap, TokenPeriod, TokenScope, TokenUnit } from "./vocabulary";

/**
 * Working days a year for budgets stated "per working day": 52 weeks x 5 days = 260, less
 * about 10 public holidays. Holidays are taken out because no one spends inference on them;
 * paid leave is not, because "per working day" budgets are quoted per business day of the
 * calendar, the way day rates are.
 */
export const WORKING_DAYS_PER_YEAR = 250;
export const MONTHS_PER_YEAR = 12;
const TOKENS_PER_MILLION = 1_000_000;

/**
 * What a plausible package looks like once normalized: USD a year, per person. The role form
 * refuses figures outside these bounds (app/lib/schemas/role.ts), because they are typos,
 * hourly or company-wide figures in the wrong field, or the wrong currency; published, they
 * would top every sort, win every comparison and stretch the market charts for everyone.
 */
export const PLAUSIBLE = {
  /**
   * The top of a salary range is at least this: below it a figure is an hourly or monthly
   * rate, or in thousands ("120" for $120k). The lowest real yearly pay listed, part-time
   * roles and internships in lower-cost countries, is a few thousand dollars.
   */
  salaryTopMinUsd: 2_000,
  /** Either end of a salary range is at most this: above any base salary for engineering work. */
  salaryMaxUsd: 2_000_000,
  /**
   * A year of equity is at most this: about the yearly grant of a distinguished engineer at
   * the largest tech companies; more is usually the whole grant, or the company's valuation.
   */
  equityMaxUsd: 5_000_000,
  /**
   * A token budget is at most this per person: four times the most generous frontier-agent
   * budgets seen (about $250k); more is a company-wide total entered as personal, or a yearly
   * amount entered per working day (250 times too much). Pooled budgets are divided by the
   * people who share them first.
   */
  tokenBudgetMaxUsd: 1_000_000,
  /** People sharing a pooled budget: a larger pool is a company-wide one, which says little about one person's. */
  poolSizeMax: 10_000,
  /** A bonus target, percent of the salary: more is usually the bonus in money typed as a percentage. */
  bonusMaxPercent: 200,
} as const;

/** The prices a token budget is converted at (a row of pricing_bases). */
export interface PriceBasis {
  usdPerMInput: number;
  usdPerMOutput: number;
  /** Share of tokens that are input, 0..1. */
  inputShare: number;
}

/** The package as the employer states it. Nulls are "not stated (yet)" (drafts). */
export interface StatedCompensation {
  salaryCurrency: string;
  salaryMin: number | null;
  salaryMax: number | null;
  bonusTargetPercent: number | null;
  /** Yearly equity value range, in the salary currency. */
  equityMin: number | null;
  equityMax: number | null;
  tokenAmount: number | null;
  tokenUnit: TokenUnit | null;
  tokenPeriod: TokenPeriod | null;
  tokenCap: TokenCap | null;
  tokenScope: TokenScope | null;
  /** People sharing a pooled budget; the normalized figures are per person. */
  tokenPoolSize: number | null;
}

export interface NormalizedFigures {
  tokenUsdPerYear: number | null;
  tokensPerMonth: number | null;
  salaryMinUsd: number | null;
  salaryMaxUsd: number | null;
  totalMinUsd: number | null;
  totalMaxUsd: number | null;
  /** Token budget / total compensation at the midpoint of the range, 0..1. */
  inferenceShare: number | null;
}

/** Blended USD per million tokens at the basis' input/output mix. */
export function blendedUsdPerMTokens(basis: PriceBasis): number {
  const share = clamp01(basis.inputShare);
  return share * basis.usdPerMInput + (1 - share) * basis.usdPerMOutput;
}

export function periodsPerYear(period: TokenPeriod): number {
  switch (period) {
    case "day":
      return WORKING_DAYS_PER_YEAR;
    case "month":
      return MONTHS_PER_YEAR;
    case "year":
      return 1;
  }
}

/**
 * A stated token budget in USD per year, per person. Tokens are priced at the basis' blended
 * rate; a pooled budget is divided among the people who share it.
 */
export function tokenBudgetUsdPerYear(
  amount: number,
  unit: TokenUnit,
  period: TokenPeriod,
  basis: PriceBasis,
  poolSize: number | null = null,
): number {
  const perPeriodUsd = unit === "usd" ? amount : amount * blendedUsdPerMTokens(basis);
  const people = poolSize && poolSize > 1 ? poolSize : 1;
  return nonNegative((perPeriodUsd * periodsPerYear(period)) / people);
}

/** Tokens a month that a yearly USD budget buys at the basis. */
export function tokensPerMonthFor(usdPerYear: number, basis: PriceBasis): number {
  const blended = blendedUsdPerMTokens(basis);
  if (!(blended > 0)) return 0;
  return nonNegative((usdPerYear / MONTHS_PER_YEAR / blended) * TOKENS_PER_MILLION);
}

/** The inverse of tokenBudgetUsdPerYear for a given unit and period (used by round trips). */
export function statedAmountFor(
  usdPerYear: number,
  unit: TokenUnit,
  period: TokenPeriod,
  basis: PriceBasis,
): number {
  const perPeriodUsd = usdPerYear / periodsPerYear(period);
  return unit === "usd" ? perPeriodUsd : perPeriodUsd / blendedUsdPerMTokens(basis);
}

/**
 * Turns a stated package into its normalized figures.
 * @param usdPerUnit USD for one unit of the salary currency (from exchange_rates); null when
 *   the currency has no rate, in which case no USD salary or total can be computed.
 */
export function normalizeCompensation(
  stated: StatedCompensation,
  basis: PriceBasis,
  usdPerUnit: number | null,
): NormalizedFigures {
  const tokenUsdPerYear =
    isFiniteNumber(stated.tokenAmount) && stated.tokenUnit && stated.tokenPeriod
      ? roundCents(
          tokenBudgetUsdPerYear(
            stated.tokenAmount,
            stated.tokenUnit,
            stated.tokenPeriod,
            basis,
            stated.tokenScope === "pooled" ? stated.tokenPoolSize : null,
          ),
        )
      : null;
  const tokensPerMonth = tokenUsdPerYear === null ? null : Math.round(tokensPerMonthFor(tokenUsdPerYear, basis));

  const rate = isFiniteNumber(usdPerUnit) && usdPerUnit > 0 ? usdPerUnit : null;
  const toUsd = (value: number | null) =>
    rate !== null && isFiniteNumber(value) ? roundCents(nonNegative(value * rate)) : null;

  const salaryMinUsd = toUsd(stated.salaryMin);
  const salaryMaxUsd = toUsd(stated.salaryMax);

  let totalMinUsd: number | null = null;
  let totalMaxUsd: number | null = null;
  let inferenceShare: number | null = null;
  if (salaryMinUsd !== null && salaryMaxUsd !== null) {
    const bonusShare = isFiniteNumber(stated.bonusTargetPercent) ? nonNegative(stated.bonusTargetPercent) / 100 : 0;
    // An equity range with one end stated counts that end for both.
    const equityMinUsd = toUsd(stated.equityMin ?? stated.equityMax) ?? 0;
    const equityMaxUsd = toUsd(stated.equityMax ?? stated.equityMin) ?? 0;
    const tokens = tokenUsdPerYear ?? 0;
    totalMinUsd = roundCents(salaryMinUsd * (1 + bonusShare) + equityMinUsd + tokens);
    totalMaxUsd = roundCents(salaryMaxUsd * (1 + bonusShare) + equityMaxUsd + tokens);
    const midpoint = totalMinUsd / 2 + totalMaxUsd / 2;
    inferenceShare = midpoint > 0 && Number.isFinite(midpoint) ? roundShare(Math.min(1, tokens / midpoint)) : 0;
  }

  // Absurd inputs (validation bounds them, but this function must hold on its own) can overflow
  // a sum to Infinity: such a figure is unknown, never stored as Infinity.
  return {
    tokenUsdPerYear: finiteOrNull(tokenUsdPerYear),
    tokensPerMonth: finiteOrNull(tokensPerMonth),
    salaryMinUsd: finiteOrNull(salaryMinUsd),
    salaryMaxUsd: finiteOrNull(salaryMaxUsd),
    totalMinUsd: finiteOrNull(totalMinUsd),
    totalMaxUsd: finiteOrNull(totalMaxUsd),
    inferenceShare: finiteOrNull(inferenceShare),
  };
}

function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

function nonNegative(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

function roundCents(value: number): number {
  const cents = Math.round(value * 100);
  // Beyond about 1e306 cents overflow to Infinity; such figures have no cents to round.
  return Number.isFinite(cents) ? cents / 100 : value;
}

function roundShare(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

export interface PackageBreakdown {
  salaryUsd: number;
  bonusUsd: number;
  equityUsd: number;
  tokenUsd: number;
  totalUsd: number;
}

/**
 * The package at the midpoint of its ranges, split into its four lines, in USD per year:
 * what the role page draws. Uses the same rules as normalizeCompensation (bonus on salary,
 * one stated equity end counting for both), so the parts add up to the stored midpoint total.
 */
export function packageBreakdown(
  stated: Pick<StatedCompensation, "salaryMin" | "salaryMax" | "bonusTargetPercent" | "equityMin" | "equityMax">,
  usdPerUnit: number | null,
  tokenUsdPerYear: number | null,
): PackageBreakdown | null {
  if (!isFiniteNumber(usdPerUnit) || usdPerUnit <= 0) return null;
  if (!isFiniteNumber(stated.salaryMin) || !isFiniteNumber(stated.salaryMax)) return null;
  const mid = (a: number | null, b: number | null) => {
    const low = a ?? b;
    const high = b ?? a;
    return isFiniteNumber(low) && isFiniteNumber(high) ? nonNegative((low + high) / 2) : 0;
  };
  const salaryUsd = mid(stated.salaryMin, stated.salaryMax) * usdPerUnit;
  const bonusUsd = isFiniteNumber(stated.bonusTargetPercent) ? (salaryUsd * nonNegative(stated.bonusTargetPercent)) / 100 : 0;
  const equityUsd = mid(stated.equityMin, stated.equityMax) * usdPerUnit;
  const tokenUsd = nonNegative(tokenUsdPerYear ?? 0);
  return { salaryUsd, bonusUsd, equityUsd, tokenUsd, totalUsd: salaryUsd + bonusUsd + equityUsd + tokenUsd };
}
