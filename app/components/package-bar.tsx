import type { PackageBreakdown } from "~/lib/normalize";
import { money, percent } from "~/lib/format";

const PARTS = [
  { key: "salaryUsd", label: "Salary", color: "#2f55d4" },
  { key: "bonusUsd", label: "Bonus", color: "#7c93e6" },
  { key: "equityUsd", label: "Equity", color: "#b4c3f2" },
  { key: "tokenUsd", label: "Token budget", color: "#1f9d5c" },
] as const;

/**
 * The four lines of pay as one stacked bar (server-rendered SVG), with the same figures as a
 * list beside it for screen readers and for anyone who prefers numbers.
 */
export function PackageBar({ breakdown }: { breakdown: PackageBreakdown }) {
  const total = breakdown.totalUsd;
  if (!(total > 0)) return null;
  const parts = PARTS.map((part) => ({ ...part, value: breakdown[part.key] })).filter((p) => p.value > 0);
  let x = 0;
  const width = 600;
  return (
    <figure className="flex flex-col gap-3">
      <svg
        viewBox={`0 0 ${width} 28`}
        className="h-7 w-full"
        role="img"
        aria-label={`Package at midpoint: ${parts.map((p) => `${p.label} ${percent(p.value / total)}`).join(", ")}`}
        preserveAspectRatio="none"
      >
        {parts.map((part) => {
          const w = (part.value / total) * width;
          const rect = <rect key={part.key} x={x} y={0} width={Math.max(w, 1)} height={28} fill={part.color} />;
          x += w;
          return rect;
        })}
      </svg>
      <figcaption>
        <ul className="flex flex-wrap gap-x-5 gap-y-1 text-sm text-slate-700">
          {parts.map((part) => (
            <li key={part.key} className="flex items-center gap-1.5">
              <span aria-hidden="true" className="inline-block h-3 w-3 rounded-sm" style={{ background: part.color }} />
              {part.label}: {money(part.value)} ({percent(part.value / total)})
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
