import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Button } from "~/components/button";
import { ChoiceGroup } from "~/components/choice-group";
import { CHART, type Tick } from "~/lib/chart-frame";
import { boxPlotChart, monthChart, scatterChart, toolChart } from "~/lib/charts.server";
import { money, percent } from "~/lib/format";
import { parseSearchParams } from "~/lib/search-params";
import { LEVELS, LEVEL_LABELS, TOOLS, TOOL_LABELS, WORKPLACES, WORKPLACE_LABELS } from "~/lib/vocabulary";
import { db } from "~/models/db.server";
import { marketData } from "~/models/market.server";

export const meta: MetaFunction = () => [
  { title: "The token budget market · Tokenboard" },
  { name: "description", content: "Token budgets by level, against salary, tools provided and the inference share of pay, from the roles on Tokenboard." },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = parseSearchParams(new URL(request.url).searchParams);
  // The market is narrowed by the same filters as /roles (workplace, level, tool).
  const filters = { workplace: parsed.params.workplace, level: parsed.params.level, tool: parsed.params.tool };
  const market = marketData(db(), filters, Date.now());
  return data(
    {
      filters,
      issues: parsed.ok ? [] : parsed.issues,
      total: market.total,
      boxes: boxPlotChart(market, filters),
      scatter: scatterChart(market),
      tools: toolChart(market, filters),
      months: monthChart(market, filters),
    },
    { status: parsed.ok ? 200 : 400 },
  );
}

const { width, height, margin } = CHART;
const innerHeight = height - margin.top - margin.bottom;

export default function MarketPage() {
  const { filters, issues, total, boxes, scatter, tools, months } = useLoaderData<typeof loader>();
  return (
    <div className="flex flex-col gap-8">
      <header>
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">The token budget market</h1>
        <p className="mt-1 max-w-3xl text-slate-700">
          What the {total.toLocaleString("en-US")} open roles on Tokenboard give people to work with. Every bar and point leads to the roles behind it.
        </p>
      </header>
      {issues.length ? (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 p-3 text-red-900">
          {issues.map((i) => i.message).join(" ")}
        </p>
      ) : null}

      <Form method="get" className="flex flex-wrap items-end gap-6 rounded-xl border border-slate-200 bg-white p-4 shadow-sm" aria-label="Narrow the charts">
        <ChoiceGroup inline name="workplace" legend="Workplace" options={WORKPLACES.map((w) => ({ value: w, label: WORKPLACE_LABELS[w] }))} selected={filters.workplace} />
        <ChoiceGroup inline name="level" legend="Level" options={LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l] }))} selected={filters.level} />
        <ChoiceGroup inline name="tool" legend="Tools (all of)" options={TOOLS.map((t) => ({ value: t, label: TOOL_LABELS[t] }))} selected={filters.tool} />
        <div className="flex gap-3">
          <Button>Update charts</Button>
          <Link to="/market" className="self-center text-sm font-medium text-brand-700 underline">
            Clear
          </Link>
        </div>
      </Form>

      <Chart id="levels" title="Token budget by level" description="Box plots: the line is the median, the box the middle half (25th to 75th percentile), the whiskers the lowest and highest budget. Log scale.">
        <ChartCanvas id="levels">
          <g transform={`translate(${margin.left},${margin.top})`}>
            <YAxis ticks={boxes.yTicks} />
            {boxes.boxes.map((b) => (
              // The axis label sits beside the link, not in it: a link's visible text must be part
              // of its name (axe: label-content-name-mismatch), and the name is the whole sentence.
              <g key={b.level}>
                <a href={b.href} aria-label={b.text}>
                  <title>{b.text}</title>
                  <line x1={b.x + b.width / 2} x2={b.x + b.width / 2} y1={b.min} y2={b.max} stroke="#475569" />
                  <rect x={b.x} y={b.q3} width={b.width} height={Math.max(1, b.q1 - b.q3)} fill="#dcf4e6" stroke="#146c43" />
                  <line x1={b.x} x2={b.x + b.width} y1={b.median} y2={b.median} stroke="#0f5434" strokeWidth={3} />
                </a>
                <text x={b.x + b.width / 2} y={innerHeight + 16} textAnchor="middle" fontSize={11} fill="#334155">
                  {b.label}
                </text>
              </g>
            ))}
          </g>
        </ChartCanvas>
        <DataTable
          caption="Token budget by level, USD per year"
          head={["Level", "Roles", "25th percentile", "Median", "75th percentile", "Highest"]}
          rows={boxes.boxes.map((b) => [
            <Link key="l" to={b.href} className="text-brand-700 underline">
              {b.label}
            </Link>,
            b.values.n,
            money(b.values.q1),
            money(b.values.median),
            money(b.values.q3),
            money(b.values.max),
          ])}
        />
      </Chart>

      <Chart id="scatter" title="Token budget against salary" description={`A sample of ${scatter.count} roles: salary (top of the range, USD) across, token budget (USD per year, log scale) up. Each point is a role.`}>
        <ChartCanvas id="scatter">
          <g transform={`translate(${margin.left},${margin.top})`}>
            <YAxis ticks={scatter.yTicks} />
            {scatter.xTicks.map((t) => (
              <text key={t.label} x={t.position} y={innerHeight + 16} textAnchor="middle" fontSize={11} fill="#334155">
                {t.label}
              </text>
            ))}
            {/* Each point is a link named by its title (SVG's own accessible name); the wide
                transparent stroke makes it big enough to tap without drawing it bigger. Paint
                comes from the group; the points are markup built and escaped on the server. */}
            <g fill="#2f55d4" fillOpacity={0.55} stroke="transparent" strokeWidth={10} dangerouslySetInnerHTML={{ __html: scatter.pointsSvg }} />
          </g>
        </ChartCanvas>
        <DataTable
          caption="Sampled roles"
          head={["Role", "Salary (top, USD)", "Token budget (USD/yr)"]}
          rows={scatter.table.map((p) => [
            <Link key="r" to={`/roles/${p.slug}`} className="text-brand-700 underline">
              {p.title}
            </Link>,
            money(p.salaryUsd),
            money(p.tokenUsd),
          ])}
          note={scatter.count > scatter.table.length ? `First ${scatter.table.length} of ${scatter.count} sampled roles.` : undefined}
        />
      </Chart>

      <Chart id="tools" title="Roles providing each tool" description="Share of the open roles that provide each tool.">
        <ChartCanvas id="tools">
          <g transform={`translate(${margin.left + 60},${margin.top})`}>
            {tools.bars.map((b) => (
              <g key={b.tool}>
                <text x={-8} y={b.y + b.height / 2 + 4} textAnchor="end" fontSize={11} fill="#334155">
                  {b.label}
                </text>
                <a href={b.href} aria-label={b.text}>
                  <title>{b.text}</title>
                  <rect x={0} y={b.y} width={Math.max(1, b.width * 0.85)} height={b.height} fill="#2f55d4" />
                </a>
                <text x={Math.max(1, b.width * 0.85) + 6} y={b.y + b.height / 2 + 4} fontSize={11} fill="#334155">
                  {percent(b.share)}
                </text>
              </g>
            ))}
          </g>
        </ChartCanvas>
        <DataTable
          caption="Roles providing each tool"
          head={["Tool", "Roles", "Share"]}
          rows={tools.bars.map((b) => [
            <Link key="t" to={b.href} className="text-brand-700 underline">
              {b.label}
            </Link>,
            b.roles,
            percent(b.share),
          ])}
        />
      </Chart>

      <Chart id="months" title="Median inference share by month of posting" description="The token budget's share of the whole package (salary, bonus, equity and tokens) for the median role posted each month.">
        <ChartCanvas id="months">
          <g transform={`translate(${margin.left},${margin.top})`}>
            <YAxis ticks={months.yTicks} />
            <path d={months.path} fill="none" stroke="#146c43" strokeWidth={2} />
            {months.points.map((p) => (
              <g key={p.month}>
                <a href={p.href} aria-label={p.text}>
                  <title>{p.text}</title>
                  <circle cx={p.cx} cy={p.cy} r={5} fill="#146c43" />
                </a>
                <text x={p.cx} y={innerHeight + 16} textAnchor="middle" fontSize={11} fill="#334155">
                  {p.month}
                </text>
              </g>
            ))}
          </g>
        </ChartCanvas>
        <DataTable caption="Median inference share by month" head={["Month", "Roles", "Median share"]} rows={months.points.map((p) => [p.month, p.roles, percent(p.medianShare)])} />
      </Chart>
    </div>
  );
}

function Chart({ id, title, description, children }: { id: string; title: string; description: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id={`${id}-title`} className="text-xl font-semibold text-slate-900">
        {title}
      </h2>
      <p className="text-sm text-slate-700">{description}</p>
      {children}
    </section>
  );
}

/**
 * The drawing area. On a phone the chart keeps its drawn size (text at 11 px, points big enough
 * to tap) and scrolls sideways inside its own box, with a hint, rather than shrinking to fit.
 */
function ChartCanvas({ id, children }: { id: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <p className="text-xs text-slate-600 sm:hidden" aria-hidden="true">
        Swipe sideways to see the whole chart.
      </p>
      <div className="-mx-5 overflow-x-auto px-5 sm:mx-0 sm:px-0">
        <svg viewBox={`0 0 ${width} ${height}`} className="w-full min-w-[40rem]" role="group" aria-labelledby={`${id}-title`}>
          {children}
        </svg>
      </div>
    </div>
  );
}

function YAxis({ ticks }: { ticks: Tick[] }) {
  return (
    <g aria-hidden="true">
      {ticks.map((t) => (
        <g key={t.label}>
          <line x1={0} x2={width - margin.left - margin.right} y1={t.position} y2={t.position} stroke="#e2e8f0" />
          <text x={-8} y={t.position + 4} textAnchor="end" fontSize={11} fill="#334155">
            {t.label}
          </text>
        </g>
      ))}
    </g>
  );
}

function DataTable({ caption, head, rows, note }: { caption: string; head: string[]; rows: ReactNode[][]; note?: string }) {
  return (
    <details>
      <summary className="cursor-pointer text-sm font-medium text-brand-700">Show the data</summary>
      <table className="mt-2 w-full text-left text-sm">
        <caption className="text-left text-slate-600">{caption}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col" className="border-b border-slate-200 py-1 pr-3 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {row.map((cell, j) => (
                <td key={j} className="border-b border-slate-100 py-1 pr-3">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {note ? <p className="text-xs text-slate-600">{note}</p> : null}
    </details>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
