import type { DailyPoint } from "~/models/recruiter.server";
import { countLabel } from "~/lib/format";

const SHORT_DAY = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
/** "Dec 3" for a YYYY-MM-DD day (UTC, so server and browser agree). */
const dayLabel = (day: string) => SHORT_DAY.format(new Date(`${day}T00:00:00Z`));

/** The value axis: 0 up to at least `max` in round whole steps (1, 2 or 5 × 10ⁿ), about four of them. */
export function valueTicks(max: number): number[] {
  if (max <= 0) return [0, 1];
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough)!);
  const ticks = [0];
  while (ticks[ticks.length - 1]! < max) ticks.push(ticks[ticks.length - 1]! + step);
  return ticks;
}

/**
 * Visits (bars) and apply clicks (dots) per day, a server-rendered SVG with dates along the
 * bottom and counts up the side; a summary and a table of the days with any count say the same
 * in words for screen readers.
 */
export function DailyChart({ days, title }: { days: DailyPoint[]; title: string }) {
  const totalVisits = days.reduce((s, d) => s + d.visits, 0);
  const totalApplies = days.reduce((s, d) => s + d.applyClicks, 0);
  const active = days.filter((d) => d.visits || d.applyClicks);
  const summary = `${title}: ${countLabel(totalVisits, "visit")} and ${countLabel(totalApplies, "apply click")} in the last ${days.length} days`;
  return (
    <figure className="flex flex-col gap-2">
      {/* Drawn twice, for a phone's width and a desk's, so the labels stay at reading size. */}
      <ChartSvg days={days} width={340} summary={summary} className="sm:hidden" />
      <ChartSvg days={days} width={640} summary={summary} className="max-sm:hidden" />
      <figcaption className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-slate-700">
        <span>
          <span aria-hidden="true" className="mr-1 inline-block h-2.5 w-2.5 rounded-sm bg-[#5b73d6]" />
          Visits per day
        </span>
        <span>
          <span aria-hidden="true" className="mr-1 inline-block h-2.5 w-2.5 rounded-full bg-[#146c43]" />
          Apply clicks per day
        </span>
        <span className="text-slate-600">
          {countLabel(totalVisits, "visit")} · {countLabel(totalApplies, "apply click")} in {days.length} days
          {active.length === 0 ? ": none yet" : ""}
        </span>
      </figcaption>
      {active.length ? (
        <table className="sr-only">
          <caption>{title}: days with visits or apply clicks</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Visits</th>
              <th scope="col">Apply clicks</th>
            </tr>
          </thead>
          <tbody>
            {active.map((d) => (
              <tr key={d.day}>
                <th scope="row">{dayLabel(d.day)}</th>
                <td>{d.visits.toLocaleString("en-US")}</td>
                <td>{d.applyClicks.toLocaleString("en-US")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </figure>
  );
}

function ChartSvg({ days, width, summary, className }: { days: DailyPoint[]; width: number; summary: string; className: string }) {
  const height = 200;
  const margin = { top: 10, right: 8, bottom: 28, left: 36 };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const ticks = valueTicks(Math.max(0, ...days.map((d) => Math.max(d.visits, d.applyClicks))));
  const top = ticks[ticks.length - 1]!;
  const y = (value: number) => margin.top + plotHeight - (value / top) * plotHeight;
  const step = plotWidth / Math.max(1, days.length);
  const x = (i: number) => margin.left + i * step;
  // A date every week, ending with today, along the bottom.
  const labelled = days.map((_, i) => i).filter((i) => (days.length - 1 - i) % 7 === 0);
  return (
    <svg viewBox={`0 0 ${width} ${height}`} className={`h-auto w-full ${className}`} role="img" aria-label={summary}>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={margin.left} x2={width - margin.right} y1={y(t)} y2={y(t)} stroke={t === 0 ? "#64748b" : "#e2e8f0"} />
          <text x={margin.left - 6} y={y(t)} dy="0.32em" textAnchor="end" fontSize="11" fill="#475569">
            {t.toLocaleString("en-US")}
          </text>
        </g>
      ))}
      {days.map((d, i) =>
        d.visits > 0 ? <rect key={d.day} x={x(i) + 1} y={y(d.visits)} width={Math.max(1, step - 2)} height={margin.top + plotHeight - y(d.visits)} fill="#5b73d6" /> : null,
      )}
      {days.map((d, i) =>
        d.applyClicks > 0 ? <circle key={`a-${d.day}`} cx={x(i) + step / 2} cy={y(d.applyClicks)} r={3.5} fill="#146c43" stroke="#fff" /> : null,
      )}
      {labelled.map((i) => (
        <g key={`x-${days[i]!.day}`}>
          <line x1={x(i) + step / 2} x2={x(i) + step / 2} y1={margin.top + plotHeight} y2={margin.top + plotHeight + 4} stroke="#64748b" />
          <text x={x(i) + step / 2} y={height - 8} textAnchor={i === days.length - 1 ? "end" : "middle"} fontSize="11" fill="#475569">
            {dayLabel(days[i]!.day)}
          </text>
        </g>
      ))}
    </svg>
  );
}
