/**
 * The market's figures from the search index: token budget box plots per level, tool shares,
 * the median inference share per month of posting, an even sample of roles for the scatter,
 * and where a budget stands among its level. Every figure comes from the same bitmaps and
 * orders that answer searches, so any workplace/level/tool filter costs a few bitmap
 * operations per level, bucket, tool and month, never a pass over the matching roles:
 *
 * - quantiles are order statistics read bucket by bucket (`orderStatistics`), with the same
 *   type-7 interpolation as quantileSorted (app/lib/stats.ts), so the numbers are exact;
 * - a month's roles are the result cut by the published-at field's bounds (UTC months, as
 *   the charts label them), and empty stretches of months are skipped in one step;
 * - the scatter's roles are picked by rank from the result bitmap; the caller reads just
 *   those rows by id.
 *
 * No database here: app/models/market.server.ts feeds it the current index.
 */
import type { BoxPlot } from "~/lib/stats";
import { LEVELS, TOOLS, type Level, type Tool, type Workplace } from "~/lib/vocabulary";
import { Bitmap, type ReadonlyBitmap } from "./bitmap";
import type { DimensionName } from "./document";
import type { SearchIndex } from "./index";

export interface MarketFilters {
  workplace: Workplace[];
  level: Level[];
  tool: Tool[];
}

export interface MarketFigures {
  total: number;
  boxes: { level: Level; box: BoxPlot }[];
  /** An even sample (ascending ids) of the matching roles that have both a salary and a token budget. */
  sampleIds: number[];
  tools: { tool: Tool; roles: number; share: number }[];
  months: { month: string; roles: number; medianShare: number }[];
}

/** Enough points to show the shape of the market; each one is a row read and a link drawn. */
export const SCATTER_POINTS = 250;

/** The q-quantiles (type 7) of a field over `set`, from the order statistics they need; null without values. */
export function quantilesOf(index: SearchIndex, dimension: DimensionName, set: ReadonlyBitmap, qs: readonly number[]): { n: number; values: number[] } | null {
  const n = index.countWithValue(dimension, set);
  if (n === 0) return null;
  const positions = qs.map((q) => (n - 1) * Math.min(1, Math.max(0, q)));
  const ks = positions.flatMap((p) => [Math.floor(p), Math.ceil(p)]);
  const at = index.orderStatistics(dimension, set, ks);
  const values = positions.map((position, i) => {
    const low = at[2 * i]!;
    const high = at[2 * i + 1]!;
    return low + (high - low) * (position - Math.floor(position));
  });
  return { n, values };
}

/** Box-plot figures of a field over `set`; null when no role of it has a value. */
export function boxOf(index: SearchIndex, dimension: DimensionName, set: ReadonlyBitmap): BoxPlot | null {
  const figures = quantilesOf(index, dimension, set, [0, 0.25, 0.5, 0.75, 1]);
  if (!figures) return null;
  const [min, q1, median, q3, max] = figures.values as [number, number, number, number, number];
  return { n: figures.n, min, q1, median, q3, max };
}

/** "YYYY-MM" of a time, in UTC. */
function monthOf(time: number): string {
  return new Date(time).toISOString().slice(0, 7);
}

function monthStart(time: number): number {
  const date = new Date(time);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

function nextMonthStart(time: number): number {
  const date = new Date(time);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}

/**
 * Per month of posting (UTC) that has roles with an inference share: how many, and their
 * median share. One bound on the published-at field per month with roles; a gap of empty
 * months costs one lookup of the next role's month.
 */
export function monthsOf(index: SearchIndex, set: ReadonlyBitmap): MarketFigures["months"] {
  const months: MarketFigures["months"] = [];
  let rest = index.withValue("published", set);
  while (rest.size > 0) {
    const first = index.kthSmallest("published", rest, 0)!;
    const later = index.restrict("published", rest, { min: nextMonthStart(first) });
    rest.andNotInPlace(later);
    const share = quantilesOf(index, "share", rest, [0.5]);
    if (share) months.push({ month: monthOf(monthStart(first)), roles: share.n, medianShare: share.values[0]! });
    rest.dispose();
    rest = later;
  }
  rest.dispose();
  return months;
}

/** `count` ids spread evenly by rank over `set` (all of them when it holds no more). */
export function evenSample(set: ReadonlyBitmap, count: number): number[] {
  const n = set.size;
  const m = Math.min(count, n);
  const ids: number[] = [];
  for (let i = 0; i < m; i++) ids.push(set.select(Math.floor((i * n) / m))!);
  return ids;
}

/** Everything /market draws, for the listed roles matching the filters at `now`. */
export function marketFigures(index: SearchIndex, filters: MarketFilters, now: number, samplePoints = SCATTER_POINTS): MarketFigures {
  const result = index.resultFor(filters, now);
  try {
    const total = result.size;

    const boxes: MarketFigures["boxes"] = [];
    for (const level of LEVELS) {
      if (filters.level.length > 0 && !filters.level.includes(level)) continue;
      const atLevel = Bitmap.and(result, index.levelSet(level));
      const box = boxOf(index, "tokens", atLevel);
      atLevel.dispose();
      if (box) boxes.push({ level, box });
    }

    const withBoth = index.withValue("salary", result);
    const eligible = index.withValue("tokens", withBoth);
    withBoth.dispose();
    const sampleIds = evenSample(eligible, samplePoints);
    eligible.dispose();

    const perTool = index.facetCardinalities(result).tool;
    const tools = TOOLS.map((tool) => ({ tool, roles: perTool[tool], share: total ? perTool[tool] / total : 0 })).sort((a, b) => b.roles - a.roles);

    return { total, boxes, sampleIds, tools, months: monthsOf(index, result) };
  } finally {
    result.dispose();
  }
}

/**
 * Where a token budget stands among the listed roles at its level: how many have a budget,
 * their median, and the budget's percentile rank (the share strictly below it plus half the
 * share equal to it, as percentileRank in app/lib/stats.ts). Two bounds and the median's
 * order statistics, whatever the number of roles.
 */
export function levelStanding(index: SearchIndex, level: Level, budget: number, now: number): { roles: number; median: number | null; percentile: number | null } {
  index.advance(now);
  const atLevel = index.levelSet(level);
  const median = quantilesOf(index, "tokens", atLevel, [0.5]);
  if (!median) return { roles: 0, median: null, percentile: null };
  const atLeast = index.restrict("tokens", atLevel, { min: budget });
  const atMost = index.restrict("tokens", atLevel, { max: budget });
  const below = median.n - atLeast.size;
  const equal = atMost.size - below;
  atLeast.dispose();
  atMost.dispose();
  return { roles: median.n, median: median.values[0]!, percentile: ((below + equal / 2) / median.n) * 100 };
}
