import { Link } from "@remix-run/react";

export interface HistogramBar {
  /** Short axis label ("5k"); `description` says the whole range for screen readers. */
  label: string;
  description: string;
  count: number;
  /** Where choosing this range leads (none for an empty bar). */
  href: string | null;
  /** This range is the current budget filter. */
  current: boolean;
}

/**
 * Token budgets of the current results: one column per range, each a link that narrows the
 * search to that range (plain links: no JavaScript needed). The axis labels are each range's
 * lower bound; a link's name says its whole range and count. Columns stay at least 2rem wide,
 * so the nine of them fit a phone's width without scrolling.
 */
export function BudgetHistogram({ bars, total }: { bars: HistogramBar[]; total: number }) {
  const max = Math.max(1, ...bars.map((b) => b.count));
  return (
    <figure className="rounded-xl border border-slate-200 bg-white p-3 shadow-sm sm:p-4">
      <figcaption id="histogram-title" className="flex flex-wrap items-baseline justify-between gap-x-3 text-sm font-semibold text-slate-900">
        Token budgets in these results
        <span className="text-xs font-normal text-slate-600">Pick a range to narrow the search</span>
      </figcaption>
      <ul className="mt-2 grid grid-cols-9 gap-1" aria-labelledby="histogram-title">
        {bars.map((bar) => {
          const height = bar.count === 0 ? 0 : Math.max(4, Math.round((bar.count / max) * 100));
          const body = (
            <>
              <span aria-hidden="true" className="text-[10px] leading-none tabular-nums text-slate-600 sm:text-xs">
                {bar.count > 0 ? compact(bar.count) : ""}
              </span>
              <span aria-hidden="true" className="flex h-16 w-full items-end">
                <span
                  className={`w-full rounded-t ${bar.current ? "bg-brand-700" : "bg-token-700 group-hover:bg-token-800"}`}
                  style={{ height: `${height}%` }}
                />
              </span>
              <span aria-hidden="true" className="w-full border-t border-slate-300 pt-1 text-center text-[10px] leading-tight text-slate-700 sm:text-xs">
                {bar.label}
              </span>
              <span className="sr-only">
                {bar.description}: {bar.count.toLocaleString("en-US")} {bar.count === 1 ? "role" : "roles"}
              </span>
            </>
          );
          const shape = "group flex min-h-11 min-w-0 flex-col items-center gap-1 rounded px-0.5 pb-0.5";
          return (
            <li key={bar.label} className="min-w-0">
              {bar.href ? (
                <Link
                  to={bar.href}
                  preventScrollReset
                  aria-current={bar.current ? "true" : undefined}
                  className={`${shape} hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600 ${bar.current ? "bg-brand-50" : ""}`}
                >
                  {body}
                </Link>
              ) : (
                <span className={shape}>{body}</span>
              )}
            </li>
          );
        })}
      </ul>
      <p aria-hidden="true" className="mt-1 text-center text-xs text-slate-600">
        Token budget, US dollars per year ({total.toLocaleString("en-US")} roles)
      </p>
    </figure>
  );
}

/** 1,234 → "1.2k": counts short enough for a column on a phone. */
function compact(count: number): string {
  return count < 1000 ? String(count) : `${(count / 1000).toFixed(count < 10_000 ? 1 : 0)}k`;
}
