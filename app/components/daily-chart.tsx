import type { DailyPoint } from "~/models/recruiter.server";

/**
 * Visits (bars) and apply clicks (dots) per day, server-rendered SVG; the figures are in a
 * table for screen readers.
 */
export function DailyChart({ days, title }: { days: DailyPoint[]; title: string }) {
  const width = 300;
  const height = 48;
  const max = Math.max(1, ...days.map((d) => Math.max(d.visits, d.applyClicks)));
  const step = width / days.length;
  const totalVisits = days.reduce((s, d) => s + d.visits, 0);
  const totalApplies = days.reduce((s, d) => s + d.applyClicks, 0);
  return (
    <figure className="flex flex-col gap-1">
      <svg viewBox={`0 0 ${width} ${height}`} className="h-12 w-full max-w-xs" role="img" aria-label={`${title}: ${totalVisits} visits and ${totalApplies} apply clicks in the last ${days.length} days`} preserveAspectRatio="none">
        {days.map((d, i) => {
          const h = (d.visits / max) * (height - 4);
          return <rect key={d.day} x={i * step + 1} y={height - h} width={Math.max(1, step - 2)} height={h} fill="#7c93e6" />;
        })}
        {days.map((d, i) =>
          d.applyClicks > 0 ? <circle key={`a-${d.day}`} cx={i * step + step / 2} cy={height - (d.applyClicks / max) * (height - 4)} r={2.5} fill="#146c43" /> : null,
        )}
      </svg>
      <figcaption className="text-xs text-slate-600">
        <span aria-hidden="true">
          <span className="mr-1 inline-block h-2 w-2 rounded-sm bg-[#7c93e6]" /> visits <span className="ml-2 mr-1 inline-block h-2 w-2 rounded-full bg-[#146c43]" /> apply clicks, last {days.length} days
        </span>
      </figcaption>
      <table className="sr-only">
        <caption>{title} per day</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Visits</th>
            <th scope="col">Apply clicks</th>
          </tr>
        </thead>
        <tbody>
          {days
            .filter((d) => d.visits || d.applyClicks)
            .map((d) => (
              <tr key={d.day}>
                <th scope="row">{d.day}</th>
                <td>{d.visits}</td>
                <td>{d.applyClicks}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </figure>
  );
}
