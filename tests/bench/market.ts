/**
 * `/market`'s figures, cold, for many filter combinations on a seeded database: every run
 * drops the market's cached answers and the index's result sets first (and moves the clock a
 * minute, which is what emptied the caches of the SQL version this replaced), so each answer
 * is computed as if new. The index is built before timing starts, as the server does.
 *
 *   npx tsx --expose-gc tests/bench/market.ts --db PATH [--runs N] [--module PATH] [--out FILE]
 *
 * `--module` times another implementation of marketData (the one before a change, for a
 * before/after figure). Writes JSON to tests/bench/results/market.json (or --out).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase, type Db } from "../../db/client";
import { LEVELS, TOOLS, WORKPLACES, type Level, type Tool, type Workplace } from "../../app/lib/vocabulary";
import { startSearchFeed, stopSearchFeed } from "../../app/models/search-feed.server";
import { summarize } from "./stats";

const { values: args } = parseArgs({
  options: {
    db: { type: "string" },
    runs: { type: "string", default: "5" },
    module: { type: "string", default: path.resolve(import.meta.dirname, "../../app/models/market.server.ts") },
    out: { type: "string", default: path.resolve(import.meta.dirname, "results/market.json") },
  },
});
if (!args.db) {
  console.error("usage: tsx --expose-gc tests/bench/market.ts --db PATH [--runs N] [--module PATH] [--out FILE]");
  process.exit(2);
}

interface Filters {
  workplace: Workplace[];
  level: Level[];
  tool: Tool[];
}
type MarketModule = {
  marketData: (db: Db, filters: Filters, now: number) => { total: number };
  dropMarketCaches?: (db: Db) => void;
};
const market = (await import(path.resolve(args.module))) as MarketModule;

/** A seeded list of filter combinations: none, each kind alone, and random mixes of all three. */
function combinations(): { label: string; filters: Filters }[] {
  let state = 42;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 4294967296;
  };
  const some = <T>(list: readonly T[], p: number) => list.filter(() => next() < p);
  const list: { label: string; filters: Filters }[] = [
    { label: "none", filters: { workplace: [], level: [], tool: [] } },
    { label: "remote", filters: { workplace: ["remote"], level: [], tool: [] } },
    { label: "senior", filters: { workplace: [], level: ["senior"], tool: [] } },
    { label: "cursor", filters: { workplace: [], level: [], tool: ["cursor"] } },
    { label: "remote + cursor", filters: { workplace: ["remote"], level: [], tool: ["cursor"] } },
  ];
  while (list.length < 30) {
    const filters = { workplace: some(WORKPLACES, 0.4), level: some(LEVELS, 0.3), tool: some(TOOLS, 0.15) };
    list.push({ label: JSON.stringify(filters), filters });
  }
  return list;
}

const db = openDatabase(args.db);
const report = await startSearchFeed(db);
stopSearchFeed(db);
console.log(`index: ${report.roles} roles in ${report.seconds.toFixed(1)} s`);

const gc = () => (globalThis as { gc?: () => void }).gc?.();
let now = Date.now();
const durations: number[] = [];
const perCombination: { label: string; total: number; p50: number; max: number }[] = [];
for (const { label, filters } of combinations()) {
  const times: number[] = [];
  let total = 0;
  for (let run = 0; run < Number(args.runs); run++) {
    market.dropMarketCaches?.(db);
    now += 60_000;
    gc();
    const started = performance.now();
    total = market.marketData(db, filters, now).total;
    times.push(performance.now() - started);
  }
  durations.push(...times);
  const summary = summarize(times);
  perCombination.push({ label, total, p50: summary.p50, max: summary.max });
  console.log(`${label.padEnd(70)} ${String(total).padStart(7)} roles  p50 ${summary.p50} ms  max ${summary.max} ms`);
}
const all = summarize(durations);
// Other work on the machine inflates every figure; the load average says how much there was.
const loadAverage = os.loadavg().map((load) => Math.round(load * 10) / 10);
console.log(`all ${all.samples} cold answers: p50 ${all.p50} ms, p90 ${all.p90} ms, p99 ${all.p99} ms, max ${all.max} ms (load average ${loadAverage.join(" / ")})`);
fs.mkdirSync(path.dirname(args.out), { recursive: true });
fs.writeFileSync(args.out, JSON.stringify({ db: path.basename(args.db), module: path.relative(process.cwd(), args.module), roles: report.roles, loadAverage, all, perCombination }, null, 2) + "\n");
