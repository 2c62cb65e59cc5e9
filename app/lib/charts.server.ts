/**
 * Chart geometry for the market page, computed on the server with d3-scale and d3-shape, so
 * the browser gets finished SVG coordinates and no charting code. Every mark carries the link
 * to the search it stands for and a text label for its accessible table.
 */
import { scaleBand, scaleLinear, scaleSymlog } from "d3-scale";
import { line } from "d3-shape";
import { countLabel, money, percent } from "./format";
import { searchParamsFor } from "./search-params";
import { LEVEL_LABELS, TOOL_LABELS } from "./vocabulary";
import type { MarketData, MarketFilters } from "~/models/market.server";

import { CHART } from "./chart-frame";
import { escapeXml } from "./xml";
const innerWidth = CHART.width - CHART.margin.left - CHART.margin.right;
const innerHeight = CHART.height - CHART.margin.top - CHART.margin.bottom;

function searchHref(filters: MarketFilters, extra: Partial<MarketFilters> & { sort?: "share_desc" | "tokens_desc" } = {}): string {
  const query = searchParamsFor({
    workplace: extra.workplace ?? filters.workplace,
    level: extra.level ?? filters.level,
    tool: extra.tool ?? filters.tool,
    sort: extra.sort,
  }).toString();
  return `/roles${query ? `?${query}` : ""}`;
}

/** Budgets span $0 to hundreds of thousands: a symmetric log scale shows both ends. */
function budgetScale(max: number, range: [number, number]) {
  return scaleSymlog().domain([0, Math.max(1_000, max)]).range(range).constant(1_000).nice();
}

const BUDGET_TICKS = [0, 1_000, 10_000, 50_000, 100_000, 250_000, 500_000, 1_000_000];

export function boxPlotChart(data: MarketData, filters: MarketFilters) {
  const max = Math.max(0, ...data.boxes.map((b) => b.box.max));
  const x = scaleBand<string>().domain(data.boxes.map((b) => b.level)).range([0, innerWidth]).padding(0.35);
  const y = budgetScale(max, [innerHeight, 0]);
  return {
    yTicks: BUDGET_TICKS.filter((t) => t <= y.domain()[1]!).map((t) => ({ position: y(t), label: t === 0 ? "$0" : money(t) })),
    boxes: data.boxes.map(({ level, box }) => ({
      level,
      label: LEVEL_LABELS[level],
      href: searchHref(filters, { level: [level], sort: "tokens_desc" }),
      x: x(level)!,
      width: x.bandwidth(),
      min: y(box.min),
      q1: y(box.q1),
      median: y(box.median),
      q3: y(box.q3),
      max: y(box.max),
      text: `${LEVEL_LABELS[level]}: median ${money(box.median)}, middle half ${money(box.q1)}-${money(box.q3)}, ${countLabel(box.n, "role")}`,
      values: box,
    })),
  };
}

/** Rows of the scatter's data table (the rest of the sample is only drawn). */
export const SCATTER_TABLE_ROWS = 25;

/**
 * The scatter: hundreds of linked points. They are written here as SVG markup, escaped, rather
 * than as React elements: rendering them with React cost about 13 ms of a /market request's
 * CPU, and the markup is the same either way. The page inserts it into its chart group.
 */
export function scatterChart(data: MarketData) {
  const xMax = Math.max(100_000, ...data.points.map((p) => p.salaryUsd));
  const yMax = Math.max(0, ...data.points.map((p) => p.tokenUsd));
  const x = scaleLinear().domain([0, xMax]).range([0, innerWidth]).nice();
  const y = budgetScale(yMax, [innerHeight, 0]);
  let pointsSvg = "";
  for (const p of data.points) {
    // Single-quoted attributes: the markup travels again inside the hydration JSON, where
    // double quotes would each be escaped.
    pointsSvg += `<a href='/roles/${escapeXml(encodeURIComponent(p.slug))}'><title>${escapeXml(scatterPointText(p))}</title><circle cx='${round1(x(p.salaryUsd))}' cy='${round1(y(p.tokenUsd))}' r='3.5'/></a>`;
  }
  return {
    xTicks: x.ticks(6).map((t) => ({ position: x(t), label: money(t) })),
    yTicks: BUDGET_TICKS.filter((t) => t <= y.domain()[1]!).map((t) => ({ position: y(t), label: t === 0 ? "$0" : money(t) })),
    count: data.points.length,
    pointsSvg,
    table: data.points.slice(0, SCATTER_TABLE_ROWS).map((p) => ({ slug: p.slug, title: p.title, salaryUsd: p.salaryUsd, tokenUsd: p.tokenUsd })),
  };
}

/** A scatter point's accessible name and tooltip. */
function scatterPointText(point: { title: string; salaryUsd: number; tokenUsd: number }): string {
  return `${point.title}: salary up to ${money(point.salaryUsd)}, token budget ${money(point.tokenUsd)}/yr`;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

export function toolChart(data: MarketData, filters: MarketFilters) {
  const y = scaleBand<string>().domain(data.tools.map((t) => t.tool)).range([0, innerHeight]).padding(0.2);
  const x = scaleLinear().domain([0, 1]).range([0, innerWidth]);
  return {
    bars: data.tools.map((t) => ({
      tool: t.tool,
      label: TOOL_LABELS[t.tool],
      href: searchHref(filters, { tool: [...new Set([...filters.tool, t.tool])] }),
      y: y(t.tool)!,
      height: y.bandwidth(),
      width: x(t.share),
      text: `${TOOL_LABELS[t.tool]}: ${percent(t.share)} of roles (${t.roles})`,
      share: t.share,
      roles: t.roles,
    })),
  };
}

export function monthChart(data: MarketData, filters: MarketFilters) {
  const x = scaleBand<string>().domain(data.months.map((m) => m.month)).range([0, innerWidth]).padding(0.5);
  const y = scaleLinear()
    .domain([0, Math.max(0.05, ...data.months.map((m) => m.medianShare))])
    .range([innerHeight, 0])
    .nice();
  const points = data.months.map((m) => ({
    month: m.month,
    cx: x(m.month)! + x.bandwidth() / 2,
    cy: y(m.medianShare),
    href: searchHref(filters, { sort: "share_desc" }),
    text: `${m.month}: median inference share ${percent(m.medianShare)} (${countLabel(m.roles, "role")})`,
    medianShare: m.medianShare,
    roles: m.roles,
  }));
  const path = line<{ cx: number; cy: number }>()
    .x((p) => p.cx)
    .y((p) => p.cy)(points);
  return {
    path: path ?? "",
    points,
    yTicks: y.ticks(5).map((t) => ({ position: y(t), label: percent(t) })),
  };
}
