export interface HistogramBar {
  label: string;
  count: number;
}

/**
 * Token budgets of the current results as a small bar chart (server-rendered SVG). The same
 * counts are in a table for screen readers.
 */
export function BudgetHistogram({ bars, total }: { bars: HistogramBar[]; total: number }) {
  const max = Math.max(1, ...bars.map((b) => b.count));
  const width = 360;
  const height = 72;
  const gap = 4;
  const barWidth = (width - gap * (bars.length - 1)) / bars.length;
  return (
    <figure className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <figcaption id="histogram-title" className="text-sm font-semibold text-slate-900">
        Token budgets in these results
      </figcaption>
      <svg
        viewBox={`0 0 ${width} ${height + 1}`}
        preserveAspectRatio="none"
        className="mt-2 h-20 w-full"
        role="img"
        aria-labelledby="histogram-title histogram-desc"
      >
        <desc id="histogram-desc">
          {bars.map((b) => `${b.label}: ${b.count}`).join("; ")} (of {total} roles).
        </desc>
        {bars.map((bar, i) => {
          const h = bar.count === 0 ? 0 : Math.max(2, (bar.count / max) * height);
          const x = i * (barWidth + gap);
          return (
            <g key={bar.label}>
              <rect x={x} y={height - h} width={barWidth} height={h} rx={2} fill="#1f9d5c">
                <title>{`${bar.label}: ${bar.count} roles`}</title>
              </rect>
              <rect x={x} y={height} width={barWidth} height={1} fill="#cbd5e1" />
            </g>
          );
        })}
      </svg>
      <div aria-hidden="true" className="mt-1 flex justify-between text-xs text-slate-600">
        <span>{bars[0]?.label}</span>
        <span>USD per year →</span>
        <span>{bars[bars.length - 1]?.label}</span>
      </div>
      <table className="sr-only">
        <caption>Roles by token budget per year</caption>
        <thead>
          <tr>
            <th scope="col">Budget</th>
            <th scope="col">Roles</th>
          </tr>
        </thead>
        <tbody>
          {bars.map((bar) => (
            <tr key={bar.label}>
              <th scope="row">{bar.label}</th>
              <td>{bar.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
