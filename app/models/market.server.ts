/**
 * The market picture: token budgets by level (box plots), token budget against salary, how
 * many roles provide each tool, and the median inference share by month of posting. All of
 * it is aggregated in SQL (window functions pick the order statistics), so the work in
 * JavaScript is proportional to the number of levels and months, not of roles. Results are
 * cached per filter set until the listing changes, like the search's counts.
 *
 * SQLite-specific (window functions, strftime).
 */
import type { Db } from "../../db/client";
import { LEVELS, TOOLS, type Level, type Tool, type Workplace } from "~/lib/vocabulary";
import type { BoxPlot } from "~/lib/stats";

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
  const parts = ["r.status = 'published'", "r.expires_at > ?"];
  const args: unknown[] = [now];
  if (filters.workplace.length) {
    parts.push(`r.workplace IN (${filters.workplace.map(() => "?").join(",")})`);
    args.push(...filters.workplace);
  }
  if (filters.level.length) {
    parts.push(`r.level IN (${filters.level.map(() => "?").join(",")})`);
    args.push(...filters.level);
  }
  for (const tool of filters.tool) {
    parts.push("EXISTS (SELECT 1 FROM role_tools t WHERE t.tool = ? AND t.role_id = r.id)");
    args.push(tool);
  }
  return { sql: parts.join(" AND "), args };
}

/**
 * Quantiles of `value` per group, computed in SQL: only the rows at the order statistics a
 * type-7 quantile needs (first, last, and the two around each quartile) leave the database.
 */
function groupQuantiles(db: Db, groupExpr: string, valueExpr: string, filters: MarketFilters, now: number) {
  const w = where(filters, now);
  const positions = [0.25, 0.5, 0.75]
    .map((q) => `rn - 1 = CAST((n - 1) * ${q} AS INTEGER) OR rn - 1 = CAST((n - 1) * ${q} AS INTEGER) + ((n - 1) * ${q} > CAST((n - 1) * ${q} AS INTEGER))`)
    .join(" OR ");
  const rows = db.$client
    .prepare(
      `WITH ranked AS (
         SELECT ${groupExpr} AS grp, ${valueExpr} AS v,
                row_number() OVER (PARTITION BY ${groupExpr} ORDER BY ${valueExpr}) AS rn,
                count(*) OVER (PARTITION BY ${groupExpr}) AS n
         FROM roles r JOIN compensation c ON c.role_id = r.id
         WHERE ${w.sql} AND ${valueExpr} IS NOT NULL)
       SELECT grp, n, rn, v FROM ranked WHERE rn = 1 OR rn = n OR ${positions}`,
    )
    .all(...w.args) as { grp: string; n: number; rn: number; v: number }[];
  const groups = new Map<string, { n: number; at: Map<number, number> }>();
  for (const row of rows) {
    const group = groups.get(row.grp) ?? { n: row.n, at: new Map<number, number>() };
    group.at.set(row.rn - 1, row.v);
    groups.set(row.grp, group);
  }
  const result = new Map<string, BoxPlot>();
  for (const [grp, { n, at }] of groups) {
    // The same type-7 interpolation as quantileSorted, read from the order statistics fetched.
    const quantile = (q: number) => {
      const position = (n - 1) * q;
      const low = at.get(Math.floor(position))!;
      const high = at.get(Math.ceil(position))!;
      return low + (high - low) * (position - Math.floor(position));
    };
    result.set(grp, { n, min: at.get(0)!, q1: quantile(0.25), median: quantile(0.5), q3: quantile(0.75), max: at.get(n - 1)! });
  }
  return result;
}

const SCATTER_POINTS = 400;

function computeMarket(db: Db, filters: MarketFilters, now: number): MarketData {
  const w = where(filters, now);
  const total = (db.$client.prepare(`SELECT count(*) AS n FROM roles r WHERE ${w.sql}`).get(...w.args) as { n: number }).n;

  const byLevel = groupQuantiles(db, "r.level", "c.token_usd_per_year", filters, now);
  const boxes = LEVELS.filter((level) => byLevel.has(level)).map((level) => ({ level, box: byLevel.get(level)! }));

  // An even sample across ids, so the scatter stays readable and cheap at any size.
  const step = Math.max(1, Math.floor(total / SCATTER_POINTS));
  const points = db.$client
    .prepare(
      `SELECT r.slug AS slug, r.title AS title, r.level AS level, c.salary_max_usd AS salaryUsd, c.token_usd_per_year AS tokenUsd
       FROM roles r JOIN compensation c ON c.role_id = r.id
       WHERE ${w.sql} AND r.id % ? = 0 AND c.salary_max_usd IS NOT NULL AND c.token_usd_per_year IS NOT NULL
       LIMIT ?`,
    )
    .all(...w.args, step, SCATTER_POINTS) as MarketData["points"];

  const toolRows = db.$client
    .prepare(
      `SELECT t.tool AS tool, count(*) AS n FROM role_tools t JOIN roles r ON r.id = t.role_id
       WHERE ${w.sql} GROUP BY t.tool`,
    )
    .all(...w.args) as { tool: Tool; n: number }[];
  const toolCounts = new Map(toolRows.map((row) => [row.tool, row.n]));
  const tools = TOOLS.map((tool) => ({ tool, roles: toolCounts.get(tool) ?? 0, share: total ? (toolCounts.get(tool) ?? 0) / total : 0 })).sort(
    (a, b) => b.roles - a.roles,
  );

  const byMonth = groupQuantiles(db, "strftime('%Y-%m', r.published_at / 1000, 'unixepoch')", "c.inference_share", filters, now);
  const months = [...byMonth.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, box]) => ({ month, roles: box.n, medianShare: box.median }));

  return { total, boxes, points, tools, months };
}

const cache = new Map<string, MarketData>();

/** The market for a filter set, cached until the listing changes (or the minute turns). */
export function marketData(db: Db, filters: MarketFilters, now: number): MarketData {
  const minute = Math.floor(now / 60_000) * 60_000;
  const version = (db.$client.prepare("SELECT version FROM listing_version WHERE id = 1").get() as { version: number } | undefined)?.version ?? 0;
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
  const version = (db.$client.prepare("SELECT version FROM listing_version WHERE id = 1").get() as { version: number } | undefined)?.version ?? 0;
  const key = JSON.stringify([db.$client.name, version, Math.floor(minute / 600_000), level]);
  const hit = levelCache.get(key);
  if (hit) return hit;
  const values = db.$client
    .prepare(
      `SELECT c.token_usd_per_year AS v FROM roles r JOIN compensation c ON c.role_id = r.id
       WHERE r.status = 'published' AND r.expires_at > ? AND r.level = ? AND c.token_usd_per_year IS NOT NULL
       ORDER BY c.token_usd_per_year`,
    )
    .pluck()
    .all(minute, level) as number[];
  levelCache.set(key, values);
  if (levelCache.size > 50) levelCache.delete(levelCache.keys().next().value as string);
  return values;
}
