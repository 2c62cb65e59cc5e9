/**
 * Numbers for people: "$120k-$160k", "~1.4B tokens/mo", "21%". Used by every page, feed and
 * card so the same figure reads the same everywhere.
 */
import { TOKEN_PERIOD_LABELS, TOKEN_UNIT_LABELS, type TokenPeriod, type TokenUnit } from "./vocabulary";

const CURRENCY_SYMBOLS: Record<string, string> = {
  USD: "$",
  EUR: "€",
  GBP: "£",
  CAD: "CA$",
  AUD: "A$",
  CHF: "CHF ",
  SEK: "SEK ",
  JPY: "¥",
  INR: "₹",
  SGD: "S$",
};

export function currencySymbol(currency: string): string {
  return CURRENCY_SYMBOLS[currency] ?? `${currency} `;
}

/** 1234 -> "1.2k", 180000 -> "180k", 1_250_000 -> "1.25M", 1.5e15 -> "1,500T". No currency. */
export function compactNumber(value: number): string {
  const abs = Math.abs(value);
  const sign = value < 0 ? "-" : "";
  // Past a trillion the figure keeps its thousands separators rather than a run of digits before "B".
  if (abs >= 1e12) return sign + (abs >= 1e13 ? Math.round(abs / 1e12).toLocaleString("en-US") : trim(abs / 1e12, 1)) + "T";
  if (abs >= 1e9) return sign + trim(abs / 1e9, abs >= 1e10 ? 0 : 1) + "B";
  if (abs >= 1e6) return sign + trim(abs / 1e6, abs >= 1e7 ? 0 : 2) + "M";
  if (abs >= 1e3) return sign + trim(abs / 1e3, abs >= 1e4 ? 0 : 1) + "k";
  return sign + trim(abs, abs >= 10 ? 0 : 2);
}

function trim(value: number, decimals: number): string {
  return value.toFixed(decimals).replace(/\.0+$|(\.\d*?)0+$/, "$1");
}

/** "$180k" */
export function money(value: number, currency = "USD"): string {
  return currencySymbol(currency) + compactNumber(value);
}

/** "$180k-$220k", or one figure when both ends agree; "Not stated" when missing. */
export function moneyRange(min: number | null, max: number | null, currency = "USD"): string {
  if (min === null && max === null) return "Not stated";
  if (min === null || max === null || min === max) return money((min ?? max) as number, currency);
  const low = money(min, currency);
  const high = money(max, currency);
  return low === high ? low : `${low}-${high}`;
}

/** "~1.4B tokens/mo" */
export function tokensPerMonthLabel(tokensPerMonth: number | null): string {
  if (tokensPerMonth === null) return "—";
  if (tokensPerMonth === 0) return "0 tokens/mo";
  return `~${compactNumber(tokensPerMonth)} tokens/mo`;
}

/**
 * "~1.4B tokens/mo at Claude Sonnet 4 prices": tokens a month depend on the model they are
 * priced at, so a count is never shown without its basis.
 */
export function tokensPerMonthAtLabel(tokensPerMonth: number | null, modelName: string | null): string {
  const count = tokensPerMonthLabel(tokensPerMonth);
  return tokensPerMonth && modelName ? `${count} at ${modelName} prices` : count;
}

/** "$60k/yr" for the token budget; "No budget" for an explicit zero. */
export function tokenBudgetLabel(usdPerYear: number | null): string {
  if (usdPerYear === null) return "Not stated";
  if (usdPerYear === 0) return "No budget";
  return `${money(usdPerYear)}/yr`;
}

/** The budget as the employer stated it: "$400 per working day", "500M tokens per month". */
export function statedBudgetLabel(amount: number | null, unit: TokenUnit | null, period: TokenPeriod | null): string {
  if (amount === null || unit === null || period === null) return "Not stated";
  const periodLabel = TOKEN_PERIOD_LABELS[period];
  if (unit === "usd") return `${money(amount)} ${periodLabel}`;
  // Amounts in tokens are stated in millions.
  return `${compactNumber(amount * 1e6)} tokens ${periodLabel}`;
}

export function unitLabel(unit: TokenUnit): string {
  return TOKEN_UNIT_LABELS[unit];
}

/** 0.2105 -> "21%"; small shares keep a decimal: 0.004 -> "0.4%". */
export function percent(share: number | null): string {
  if (share === null) return "—";
  const pct = share * 100;
  if (pct > 0 && pct < 1) return `${pct.toFixed(1)}%`;
  return `${Math.round(pct)}%`;
}

/** Full amounts for detail pages: "$375,000". */
export function fullMoney(value: number, currency = "USD"): string {
  return currencySymbol(currency) + Math.round(value).toLocaleString("en-US");
}

// One formatter for every date: toLocaleDateString with options builds a new one per call
// (about 0.1 ms each, on the event loop, dozens of times per listing page).
const DATE_LABEL = new Intl.DateTimeFormat("en-US", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });

/** "Nov 28, 2026" in UTC, so server and browser agree. */
export function dateLabel(ms: number): string {
  return DATE_LABEL.format(ms);
}

/** "3 days ago", "today": relative to `now`, which the loader passes so renders agree. */
export function agoLabel(ms: number, now: number): string {
  const days = Math.floor((now - ms) / 86_400_000);
  if (days <= 0) return "today";
  if (days === 1) return "yesterday";
  if (days < 30) return `${days} days ago`;
  const months = Math.floor(days / 30);
  return months === 1 ? "a month ago" : `${months} months ago`;
}

/** "1 visit", "2 visits", "1,204 apply clicks": a count with its noun in the right number. */
export function countLabel(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? singular : pluralForm}`;
}
