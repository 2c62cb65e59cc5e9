/**
 * The market picture: token budgets by level (box plots), token budget against salary, how
 * many roles provide each tool, and the median inference share by month of posting, for any
 * workplace/level/tool filters. Every figure comes from the in-memory search index
 * (app/search/market.ts: order statistics, bounds and cardinalities of the same bitmaps that
 * answer searches), caught up with the change log first as searches are, so the work is
 * proportional to the number of levels, tools, buckets and months, never to the roles. The
 * database reads only the scatter's sampled rows, by id, in one query.
 */
import type { Statement } from "better-sqlite3";
import type { Db } from "../../db/client";
import type { Level, Tool } from "~/lib/vocabulary";
import type { BoxPlot } from "~/lib/stats";
import type { SearchIndex } from "~/search";
import { levelStanding as standingInIndex, marketFigures, type MarketFilters } from "~/search/market";
import { searchIndex } from "./search-feed.server";

export type { MarketFilters };

export interface MarketData {
  total: number;
  boxes: { level: Level; box: BoxPlot }[];
  points: { slug: string; title: string; salaryUsd: number; tokenUsd: number; level: Level }[];
  tools: { tool: Tool; roles: number; share: number }[];
  months: { month: string; roles: number; medianShare: number }[];
}

const pointStatements = new WeakMap<Db["$client"], Statement>();

/**
 * The scatter's rows by id. A role another process closed a moment ago, or whose figures it
 * just cleared, is left out rather than drawn.
 */
function readPoints(db: Db, ids: number[], now: number): MarketData["points"] {
  if (ids.length === 0) return [];
  let statement = pointStatements.get(db.$client);
  if (!statement) {
    statement = db.$client.prepare(
      `SELECT r.slug AS slug, r.title AS title, r.level AS level, c.salary_max_usd AS salaryUsd, c.token_usd_per_year AS tokenUsd
       FROM roles AS r JOIN compensation AS c ON c.role_id = r.id
       WHERE r.id IN (SELECT value FROM json_each(?)) AND r.status = 'published' AND r.expires_at > ?
         AND c.salary_max_usd IS NOT NULL AND c.token_usd_per_year IS NOT NULL
       ORDER BY r.id`,
    );
    pointStatements.set(db.$client, statement);
  }
  return statement.all(JSON.stringify(ids), now) as MarketData["points"];
}

/** Recent answers per index, valid while its version stands (any change or expiry moves it). */
const caches = new WeakMap<SearchIndex, { version: number; entries: Map<string, MarketData> }>();
const CACHE_SIZE = 64;

/** The market for a filter set, as of `now`. */
export function marketData(db: Db, filters: MarketFilters, now: number): MarketData {
  const index = searchIndex(db, now);
  index.advance(now);
  let cache = caches.get(index);
  if (!cache || cache.version !== index.version) caches.set(index, (cache = { version: index.version, entries: new Map() }));
  const key = JSON.stringify([[...new Set(filters.workplace)].sort(), [...new Set(filters.level)].sort(), [...new Set(filters.tool)].sort()]);
  const hit = cache.entries.get(key);
  if (hit) return hit;
  const { sampleIds, ...figures } = marketFigures(index, filters, now);
  const value = { ...figures, points: readPoints(db, sampleIds, now) };
  cache.entries.set(key, value);
  if (cache.entries.size > CACHE_SIZE) cache.entries.delete(cache.entries.keys().next().value as string);
  return value;
}

/** Forgets this database's cached market answers and the index's result sets (benchmarks: every answer cold). */
export function dropMarketCaches(db: Db): void {
  const index = searchIndex(db);
  caches.delete(index);
  index.dropCaches();
}

/**
 * Where a token budget stands among the listed roles at its level ("what this budget buys"):
 * how many have a budget, their median and the budget's percentile rank, from the index.
 */
export function levelStanding(db: Db, level: Level, budget: number, now: number): { roles: number; median: number | null; percentile: number | null } {
  return standingInIndex(searchIndex(db, now), level, budget, now);
}
