/**
 * The in-process search matrix: searchRoles and searchAggregates called directly on a
 * benchmark database, through the same parameter parsing as the routes.
 */
import type { Db } from "../../db/client";
import { parseSearchParams, type SearchParams } from "../../app/lib/search-params";
import { searchAggregates, searchPageWithPlan, searchRoles } from "../../app/models/search.server";
import { dropMarketCaches, marketData } from "../../app/models/market.server";
import { peekSearchIndex } from "../../app/models/search-feed.server";
import { log, ms, summarize, timeRepeatedly, type QuietGate, type Timing } from "./stats";

export type QueryGroup = "sort" | "filter" | "keyword" | "paging" | "extra";

export interface MatrixQuery {
  id: string;
  /** The query string, as /api/roles would receive it. */
  query: string;
  group: QueryGroup;
  /** Fetch this page by cursor (pages before it are walked once, untimed). */
  page?: number;
}

/** p99 targets at 1M roles, ms; "extra" queries are informative only. */
export const TARGET_P99_MS: Record<QueryGroup, number | null> = {
  sort: 5,
  filter: 5,
  keyword: 50,
  paging: 5,
  extra: null,
};

export const MATRIX: readonly MatrixQuery[] = [
  { id: "sort=newest", query: "", group: "sort" },
  { id: "sort=tokens_desc", query: "sort=tokens_desc", group: "sort" },
  { id: "sort=tokens_asc", query: "sort=tokens_asc", group: "sort" },
  { id: "sort=salary_desc", query: "sort=salary_desc", group: "sort" },
  { id: "sort=salary_asc", query: "sort=salary_asc", group: "sort" },
  { id: "sort=total_desc", query: "sort=total_desc", group: "sort" },
  { id: "sort=share_desc", query: "sort=share_desc", group: "sort" },
  { id: "minTokenBudget=50000", query: "minTokenBudget=50000", group: "filter" },
  { id: "minSalary=200000", query: "minSalary=200000", group: "filter" },
  { id: "workplace=remote & level=senior", query: "workplace=remote&level=senior", group: "filter" },
  { id: "tool=claude-code & tool=cursor", query: "tool=claude-code&tool=cursor", group: "filter" },
  { id: "q=engineer (common)", query: "q=engineer", group: "keyword" },
  { id: "q=kubernetes (rarer)", query: "q=kubernetes", group: "keyword" },
  { id: "q=claude & remote, tokens_desc", query: "q=claude&workplace=remote&sort=tokens_desc", group: "keyword" },
  { id: "page 50 by cursor (newest)", query: "", group: "paging", page: 50 },
  { id: "page 50 by cursor (tokens_desc)", query: "sort=tokens_desc", group: "paging", page: 50 },
  // Informative: the HTTP run's filtered query, and selective filters the sort index walk
  // has to skip past (the worst case of walking a sort index).
  { id: "minTokenBudget=50000 & remote, tokens_desc", query: "minTokenBudget=50000&workplace=remote&sort=tokens_desc", group: "extra" },
  { id: "intern & onsite & self-hosted, salary_desc", query: "level=intern&workplace=onsite&tool=self-hosted&sort=salary_desc", group: "extra" },
  { id: "q=engineer & intern & self-hosted, total_desc", query: "q=engineer&level=intern&tool=self-hosted&sort=total_desc", group: "extra" },
];

export interface Effort {
  warmup: number;
  warmupBudgetMs: number;
  iterations: number;
  minIterations: number;
  budgetMs: number;
  coldIterations: number;
  coldBudgetMs: number;
}

export const FULL_EFFORT: Effort = {
  warmup: 20,
  warmupBudgetMs: 2_000,
  iterations: 200,
  minIterations: 5,
  budgetMs: 10_000,
  coldIterations: 10,
  coldBudgetMs: 20_000,
};
export const QUICK_EFFORT: Effort = {
  warmup: 3,
  warmupBudgetMs: 500,
  iterations: 30,
  minIterations: 3,
  budgetMs: 1_500,
  coldIterations: 2,
  coldBudgetMs: 5_000,
};

export interface MatrixResult extends Timing {
  id: string;
  query: string;
  group: QueryGroup;
  targetP99Ms: number | null;
  /** The search module's plan for the (last) timed query. */
  plan: string;
  /** Roles on the page. */
  rows: number;
  /** Roles matching the keyword, when there is one. */
  keywordMatches?: number;
  explain: string[];
  /** CPU other processes used just before (percent of one core). */
  otherCpuPercent: number;
}

function paramsFor(query: string): SearchParams {
  const parsed = parseSearchParams(new URLSearchParams(query));
  if (!parsed.ok) throw new Error(`bench query "${query}" is invalid: ${JSON.stringify(parsed.issues)}`);
  return parsed.params;
}

/** The index's page strategy and how many order entries or candidates it looked at. */
function explain(db: Db, params: SearchParams, now: number): { plan: string; lines: string[] } {
  const { strategy, steps } = searchPageWithPlan(db, params, now);
  return { plan: strategy, lines: [`${strategy}: ${steps} steps`] };
}

function keywordMatches(db: Db, q: string | undefined, now: number): number | undefined {
  if (!q) return undefined;
  return searchAggregates(db, { q, workplace: [], level: [], tool: [] }, now).total;
}

/** Walks to the page before `page` and returns the params that fetch `page`. */
function paramsForPage(db: Db, params: SearchParams, page: number, now: number, query: string): SearchParams {
  let cursor: string | undefined;
  for (let i = 1; i < page; i++) {
    const result = searchRoles(db, { ...params, cursor }, now);
    if (!result.nextCursor) throw new Error(`only ${i} pages for "${query}"`);
    cursor = result.nextCursor;
  }
  return { ...params, cursor };
}

export async function runMatrix(db: Db, now: number, effort: Effort, label: string, gate: QuietGate): Promise<MatrixResult[]> {
  const results: MatrixResult[] = [];
  for (const entry of MATRIX) {
    const base = paramsFor(entry.query);
    const params = entry.page ? paramsForPage(db, base, entry.page, now, entry.query) : base;
    const otherCpuPercent = await gate.pass(`${label} ${entry.id}`);
    let rows = 0;
    const timing = timeRepeatedly(
      () => {
        rows = searchRoles(db, params, now).roles.length;
      },
      effort,
    );
    const { plan, lines } = explain(db, params, now);
    const result: MatrixResult = {
      id: entry.id,
      query: entry.query,
      group: entry.group,
      targetP99Ms: TARGET_P99_MS[entry.group],
      ...timing,
      plan,
      rows,
      explain: lines,
      otherCpuPercent,
    };
    const matches = keywordMatches(db, base.q, now);
    if (matches !== undefined) result.keywordMatches = matches;
    results.push(result);
    log(`${label}: ${entry.id.padEnd(48)} p50 ${ms(timing.p50).padStart(7)} ms  p99 ${ms(timing.p99).padStart(7)} ms  (${timing.samples} runs, ${plan})`);
  }
  return results;
}

export interface AggregateResult {
  id: string;
  query: string;
  cold: Timing;
  warm: Timing;
  total: number;
  otherCpuPercent: number;
}

export const AGGREGATE_CASES: readonly { id: string; query: string }[] = [
  { id: "all listed roles", query: "" },
  { id: "minTokenBudget=50000 & remote", query: "minTokenBudget=50000&workplace=remote" },
  { id: "q=engineer", query: "q=engineer" },
];

/**
 * searchAggregates cold (the index's caches dropped before each call, so every count is
 * computed from the bitmaps as for a filter set never seen) and warm (cached lookups kept).
 * Every call is at the same `now`: the index's clock only moves forward, so a later time
 * would expire roles for the rest of the run.
 */
export async function runAggregates(db: Db, now: number, effort: Effort, label: string, gate: QuietGate): Promise<AggregateResult[]> {
  const results: AggregateResult[] = [];
  for (const entry of AGGREGATE_CASES) {
    const params = paramsFor(entry.query);
    const otherCpuPercent = await gate.pass(`${label} aggregates ${entry.id}`);
    const durations: number[] = [];
    const started = performance.now();
    let total = 0;
    // One untimed call first: it warms the process' and the OS's caches.
    searchAggregates(db, params, now);
    for (let i = 0; i < effort.coldIterations; i++) {
      peekSearchIndex(db)?.dropCaches();
      const t0 = performance.now();
      total = searchAggregates(db, params, now).total;
      durations.push(performance.now() - t0);
      if (performance.now() - started > effort.coldBudgetMs && durations.length >= 2) break;
    }
    const cold = summarize(durations);
    const warm = timeRepeatedly(() => searchAggregates(db, params, now), { ...effort, warmup: 1 });
    results.push({ id: entry.id, query: entry.query, cold, warm, total, otherCpuPercent });
    log(`${label}: aggregates ${entry.id.padEnd(34)} cold p50 ${ms(cold.p50)} ms (${cold.samples} runs), warm p99 ${ms(warm.p99)} ms; ${total} roles`);
  }
  return results;
}

export interface MarketResult {
  id: string;
  cold: ReturnType<typeof summarize>;
  warm: ReturnType<typeof summarize>;
  otherCpuPercent: number;
}

/** The /market page's data (issue: under 200 ms at 100k roles), cold and cached. */
export async function runMarket(db: Db, now: number, effort: Effort, label: string, gate: QuietGate): Promise<MarketResult[]> {
  const results: MarketResult[] = [];
  // One fixed time, as for the aggregates: the index's clock only moves forward.
  for (const [id, filters] of [
    ["all roles", { workplace: [], level: [], tool: [] }],
    ["remote, with Cursor", { workplace: ["remote"], level: [], tool: ["cursor"] }],
  ] as const) {
    const f = { workplace: [...filters.workplace], level: [...filters.level], tool: [...filters.tool] };
    const otherCpuPercent = await gate.pass(`${label} market ${id}`);
    marketData(db, f, now);
    const durations: number[] = [];
    for (let i = 0; i < Math.max(3, Math.min(10, effort.coldIterations)); i++) {
      dropMarketCaches(db);
      const t0 = performance.now();
      marketData(db, f, now);
      durations.push(performance.now() - t0);
    }
    const cold = summarize(durations);
    const warm = timeRepeatedly(() => marketData(db, f, now), { ...effort, warmup: 1 });
    results.push({ id, cold, warm, otherCpuPercent });
    log(`${label}: market ${id.padEnd(24)} cold p50 ${ms(cold.p50)} ms p99 ${ms(cold.p99)} ms, cached p99 ${ms(warm.p99)} ms`);
  }
  return results;
}
