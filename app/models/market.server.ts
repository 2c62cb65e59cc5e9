/**
 * The market picture: token budgets by level (box plots), token budget against salary, how
 * many roles provide each tool, and the median inference share by month of posting. All of
 * it is aggregated in SQL (window functions pick the order statistics) over listing_facts, a
 * narrow copy of the published roles' figures kept by triggers (migrations/0002), so the work
 * in JavaScript is proportional to the number of levels and months, not of roles, and no pass
 * reads the wide roles rows. Results are cached per filter set until the listing changes.
 *
 * SQLite-specific (window functions).
 */
import type { Db } from "../../db/client";
import { LEVELS, TOOLS, type Level, type Tool, type Workplace } from "~/lib/vocabulary";
import type { BoxPlot } from "~/lib/stats";
import { listingVersion } from "./listing-version.server";

export interface MarketFilters {
  workplace: Workplace[];
  level: Level[];
  tool: Tool[];
}

export interface MarketData {
  total: number;
  boxes: { level: Level; box: BoxPlot }[];
  points: { slug: string; title: string; salaryUsd: number; tokenUsd: number; level: Level }[];
  tools: { tool: Tool; roles: number; share: number }[];
  months: { month: string; roles: number; medianShare: number }[];
}

function where(filters: MarketFilters, now: number): { sql: string; args: unknown[] } {
  const parts = ["f.expires_at > ?"];
  const args: unknown[] = [now];
  if (filters.workplace.length) {
    parts.push(`f.workplace IN (${filters.workplace.map(() => "?").join(",")})`);
    args.push(...filters.workplace);
  }
  if (filters.level.length) {
    parts.push(`f.level IN (${filters.level.map(() => "?").join(",")})`);
    args.push(...filters.level);
  }
  for (const tool of filters.tool) {
    parts.push("EXISTS (SELECT 1 FROM role_tools t WHERE t.tool = ? AND t.role_id = f.role_id)");
    args.push(tool);
  }
  return { sql: parts.join(" AND "), args };
}

/**
 * Box-plot figures of `value` per group, read from an index ordered by (group, value): for each
 * group a count, then each order statistic a type-7 quantile needs is one index walk to its
 * offset. No sort of all the roles happens, and only a handful of numbers leave SQLite.
 */
function groupQuantiles(
  db: Db,
  index: string,
  groupColumn: "level" | "published_month",
  valueColumn: "token_usd_per_year" | "inference_share",
  groups: readonly string[],
  filters: MarketFilters,
  now: number,
) {
  const w = where(filters, now);
  const condition = `f.${groupColumn} = ? AND f.${valueColumn} IS NOT NULL AND ${w.sql}`;
  const countStatement = db.$client.prepare(`SELECT count(*) FROM listing_facts f INDEXED BY ${index} WHERE ${condition}`).pluck();
  const valueStatement = db.$client
    .prepare(`SELECT f.${valueColumn} FROM listing_facts f INDEXED BY ${index} WHERE ${condition} ORDER BY f.${valueColumn} LIMIT 1 OFFSET ?`)
    .pluck();
  const result = new Map<string, BoxPlot>();
  for (const group of groups) {
    const n = countStatement.get(group, ...w.args) as number;
    if (n === 0) continue;
    const at = new Map<number, number>();
    const valueAt = (k: number) => {
      if (!at.has(k)) at.set(k, valueStatement.get(group, ...w.args, k) as number);
      return at.get(k)!;
    };
    // The same type-7 interpolation as quantileSorted (app/lib/stats.ts).
    const quantile = (q: number) => {
      const position = (n - 1) * q;
      const low = valueAt(Math.floor(position));
      return low + (valueAt(Math.ceil(position)) - low) * (position - Math.floor(position));
    };
    result.set(group, { n, min: valueAt(0), q1: quantile(0.25), median: quantile(0.5), q3: quantile(0.75), max: valueAt(n - 1) });
  }
  return result;
}

const SCATTER_POINTS = 400;

function computeMarket(db: Db, filters: MarketFilters, now: number): MarketData {
  const w = where(filters, now);
  const total = (db.$client.prepare(`SELECT count(*) AS n FROM listing_facts f WHERE ${w.sql}`).get(...w.args) as { n: number }).n;

  const byLevel = groupQuantiles(db, "listing_facts_level_budget_idx", "level", "token_usd_per_year", LEVELS, filters, now);
  const boxes = LEVELS.filter((level) => byLevel.has(level)).map((level) => ({ level, box: byLevel.get(level)! }));

  // An even sample across ids, so the scatter stays readable and cheap at any size.
  const step = Math.max(1, Math.floor(total / SCATTER_POINTS));
  const points = db.$client
    .prepare(
      `SELECT f.slug AS slug, f.title AS title, f.level AS level, f.salary_max_usd AS salaryUsd, f.token_usd_per_year AS tokenUsd
       FROM listing_facts f
       WHERE ${w.sql} AND f.role_id % ? = 0 AND f.salary_max_usd IS NOT NULL AND f.token_usd_per_year IS NOT NULL
       LIMIT ?`,
    )
    .all(...w.args, step, SCATTER_POINTS) as MarketData["points"];

  // Without filters, each tool is one index range count over listing_tools; with them, one
  // pass over the filtered facts sums every tool at once (their JSON lists hold quoted slugs).
  const filtered = filters.workplace.length > 0 || filters.level.length > 0 || filters.tool.length > 0;
  const toolCounts = new Map<Tool, number>();
  if (filtered) {
    const sums = db.$client
      .prepare(`SELECT ${TOOLS.map((t) => `sum(instr(f.tools, '"${t}"') > 0) AS "${t}"`).join(", ")} FROM listing_facts f WHERE ${w.sql}`)
      .get(...w.args) as Record<Tool, number | null>;
    for (const tool of TOOLS) toolCounts.set(tool, sums[tool] ?? 0);
  } else {
    const count = db.$client.prepare("SELECT count(*) FROM listing_tools lt WHERE lt.tool = ? AND lt.expires_at > ?").pluck();
    for (const tool of TOOLS) toolCounts.set(tool, count.get(tool, now) as number);
  }
  const tools = TOOLS.map((tool) => ({ tool, roles: toolCounts.get(tool) ?? 0, share: total ? (toolCounts.get(tool) ?? 0) / total : 0 })).sort(
    (a, b) => b.roles - a.roles,
  );

  const monthList = db.$client
    .prepare("SELECT DISTINCT published_month FROM listing_facts INDEXED BY listing_facts_month_share_idx ORDER BY published_month")
    .pluck()
    .all() as string[];
  const byMonth = groupQuantiles(db, "listing_facts_month_share_idx", "published_month", "inference_share", monthList, filters, now);
  const months = [...byMonth.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, box]) => ({ month, roles: box.n, medianShare: box.median }));

  return { total, boxes, points, tools, months };
}

const cache = new Map<string, MarketData>();

/** The market for a filter set, cached until the listing changes (or the minute turns). */
export function marketData(db: Db, filters: MarketFilters, now: number): MarketData {
  const minute = Math.floor(now / 60_000) * 60_000;
  const version = listingVersion(db);
  const key = JSON.stringify([db.$client.name, version, minute, [...filters.workplace].sort(), [...filters.level].sort(), [...filters.tool].sort()]);
  const hit = cache.get(key);
  if (hit) return hit;
  const value = computeMarket(db, filters, minute);
  cache.set(key, value);
  if (cache.size > 200) cache.delete(cache.keys().next().value as string);
  return value;
}

/** Sorted token budgets of listed roles at a level, for percentile ranks (cached the same way). */
const levelCache = new Map<string, number[]>();
export function levelBudgets(db: Db, level: Level, now: number): number[] {
  const minute = Math.floor(now / 60_000) * 60_000;
  const version = listingVersion(db);
  const key = JSON.stringify([db.$client.name, version, Math.floor(minute / 600_000), level]);
  const hit = levelCache.get(key);
  if (hit) return hit;
  const values = db.$client
    .prepare(
      `SELECT f.token_usd_per_year AS v FROM listing_facts f
       WHERE f.expires_at > ? AND f.level = ? AND f.token_usd_per_year IS NOT NULL
       ORDER BY f.token_usd_per_year`,
    )
    .pluck()
    .all(minute, level) as number[];
  levelCache.set(key, values);
  if (levelCache.size > 50) levelCache.delete(levelCache.keys().next().value as string);
  return values;
}
