/**
 * The search index's own figures on a seeded database (docs/decisions/002-search-index.md):
 * start-up build time, memory (RSS and the index's share), latency of typical and
 * adversarial searches with every cache dropped before each run (each search as if new), the
 * cost of applying one change, and roaring against plain typed-array bitsets for the
 * counts of one filter set.
 *
 *   npx tsx --expose-gc tests/bench/search-index.ts --db PATH [--workers N] [--out FILE]
 *
 * Writes JSON to tests/bench/results/search-index.json (or --out) and prints a summary.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../../db/client";
import { BUDGET_BUCKETS, parseSearchParams, type SearchParams } from "../../app/lib/search-params";
import { LEVELS, TOOLS, WORKPLACES } from "../../app/lib/vocabulary";
import { searchIndex, startSearchFeed, stopSearchFeed } from "../../app/models/search-feed.server";
import { searchAggregates, searchPageWithPlan } from "../../app/models/search.server";
import { Bitmap, type ReadonlyBitmap } from "../../app/search/bitmap";
import { summarize, type Timing } from "./stats";

const { values: args } = parseArgs({
  options: {
    db: { type: "string" },
    workers: { type: "string" },
    out: { type: "string", default: path.resolve(import.meta.dirname, "results/search-index.json") },
    runs: { type: "string", default: "60" },
  },
});
if (!args.db) {
  console.error("usage: tsx --expose-gc tests/bench/search-index.ts --db PATH [--workers N] [--out FILE]");
  process.exit(2);
}
const RUNS = Number(args.runs);
const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;
const gc = () => (globalThis as { gc?: () => void }).gc?.();

// ---------------------------------------------------------------------------------------
// Build

const rssBefore = process.memoryUsage().rss;
const db = openDatabase(args.db);
const cpuBefore = process.cpuUsage();
const report = await startSearchFeed(db, args.workers ? { workers: Number(args.workers) } : {});
const cpu = process.cpuUsage(cpuBefore);
stopSearchFeed(db);
gc();
const memory = process.memoryUsage();
const build = {
  roles: report.roles,
  seconds: Math.round(report.seconds * 100) / 100,
  workers: report.workers,
  processCpuSeconds: Math.round((cpu.user + cpu.system) / 1e4) / 100,
  indexMB: mb(report.indexBytes),
  rssAfterBuildMB: mb(report.rssBytes),
  rssSettledMB: mb(memory.rss),
  rssBeforeMB: mb(rssBefore),
  indexShareOfRss: Math.round((report.indexBytes / memory.rss) * 100) / 100,
};
console.log("build", build);

// ---------------------------------------------------------------------------------------
// Latency, each search as if new

const index = searchIndex(db);
const now = Date.now();

/** A rare word of the board's vocabulary (in about 0.01-0.1% of roles), and a common one. */
function wordsBySpread(): { rare: string; common: string } {
  const keywords = (index as unknown as { keywords: { termsStartingWith(w: string): string[]; match(w: string): ReadonlyBitmap } }).keywords;
  let rare = "kubernetes";
  let common = "engineer";
  const listed = report.roles;
  for (const term of keywords.termsStartingWith("")) {
    if (term.length < 5) continue;
    const share = keywords.match(term).size / listed;
    if (share > 0.0001 && share < 0.001) rare = term;
    if (share > 0.5 && term.length > 6) common = term;
  }
  return { rare, common };
}
const { rare, common } = wordsBySpread();
const someCompany = (db.$client.prepare("SELECT slug FROM companies ORDER BY id LIMIT 1 OFFSET 7").pluck().get() as string) ?? "none";

const CASES: { id: string; kind: "typical" | "adversarial"; query: string; page?: number }[] = [
  { id: "no filter, newest", kind: "typical", query: "" },
  { id: "remote & senior", kind: "typical", query: "workplace=remote&level=senior" },
  { id: "minTokenBudget=50k & remote, tokens_desc", kind: "typical", query: "minTokenBudget=50000&workplace=remote&sort=tokens_desc" },
  { id: "two tools, salary_desc", kind: "typical", query: "tool=claude-code&tool=cursor&sort=salary_desc" },
  { id: "one company", kind: "typical", query: `company=${someCompany}` },
  { id: `common keyword (${common})`, kind: "typical", query: `q=${common}` },
  { id: `rare keyword (${rare})`, kind: "typical", query: `q=${rare}&sort=share_desc` },
  { id: "intern & onsite & self-hosted, salary_desc", kind: "adversarial", query: "level=intern&workplace=onsite&tool=self-hosted&sort=salary_desc" },
  { id: "minTokenBudget=200k, tokens_asc", kind: "adversarial", query: "minTokenBudget=200000&sort=tokens_asc" },
  { id: "maxTokenBudget=100, tokens_desc", kind: "adversarial", query: "maxTokenBudget=100&sort=tokens_desc" },
  { id: "minSalary=400k, salary_asc", kind: "adversarial", query: "minSalary=400000&sort=salary_asc" },
  { id: "common keyword & intern & self-hosted, total_desc", kind: "adversarial", query: `q=${common}&level=intern&tool=self-hosted&sort=total_desc` },
  { id: "two-letter prefix (q=en)", kind: "adversarial", query: "q=en&sort=tokens_desc" },
  { id: "one-letter prefix (q=s)", kind: "adversarial", query: "q=s" },
  { id: "eight words", kind: "adversarial", query: "q=senior engineer agents platform build cloud team data&sort=salary_desc" },
  { id: "everything at once", kind: "adversarial", query: `q=eng&minTokenBudget=1000&maxTokenBudget=90000&minSalary=150000&workplace=remote&workplace=hybrid&level=senior&level=staff&tool=cursor&sort=share_desc` },
  { id: "page 50 by cursor, tokens_desc", kind: "adversarial", query: "sort=tokens_desc", page: 50 },
];

function paramsFor(query: string): SearchParams {
  const parsed = parseSearchParams(new URLSearchParams(query));
  if (!parsed.ok) throw new Error(`bad case ${query}`);
  return parsed.params;
}

interface CaseResult {
  id: string;
  kind: string;
  query: string;
  total: number;
  strategy: string;
  steps: number;
  /** The index's page alone, the page with its rows read by id, and the counts (ms). */
  page: Timing;
  pageWithRows: Timing;
  aggregates: Timing;
}

function time(work: () => void): Timing {
  const durations: number[] = [];
  for (let i = 0; i < RUNS + 3; i++) {
    index.dropCaches();
    const t0 = performance.now();
    work();
    if (i >= 3) durations.push(performance.now() - t0);
  }
  return summarize(durations);
}

const cases: CaseResult[] = [];
for (const entry of CASES) {
  let params = paramsFor(entry.query);
  for (let page = 1; page < (entry.page ?? 1); page++) {
    params = { ...params, cursor: searchPageWithPlan(db, params, now).page.nextCursor ?? undefined };
  }
  const plan = searchPageWithPlan(db, params, now);
  const pageOnly = time(() => {
    const after = params.cursor ? (JSON.parse(Buffer.from(params.cursor, "base64url").toString())[1] as [number, number]) : null;
    index.page({ filters: params, sort: params.sort, after, limit: params.limit }, now);
  });
  const withRows = time(() => searchPageWithPlan(db, params, now));
  const counts = time(() => searchAggregates(db, params, now));
  const result: CaseResult = {
    id: entry.id,
    kind: entry.kind,
    query: entry.query,
    total: searchAggregates(db, params, now).total,
    strategy: plan.strategy,
    steps: plan.steps,
    page: pageOnly,
    pageWithRows: withRows,
    aggregates: counts,
  };
  cases.push(result);
  console.log(
    `${entry.id.padEnd(52)} ${String(result.total).padStart(8)} ${result.strategy.padEnd(13)} steps ${String(result.steps).padStart(6)}  page p50 ${pageOnly.p50} p99 ${pageOnly.p99}  +rows p99 ${withRows.p99}  counts p50 ${counts.p50} p99 ${counts.p99} ms`,
  );
}

// ---------------------------------------------------------------------------------------
// One change: written, then the next search applies it

const victim = db.$client.prepare("SELECT id FROM roles WHERE status = 'published' AND expires_at > ? ORDER BY id DESC LIMIT 1").pluck().get(now) as number;
const changeDurations: number[] = [];
for (let i = 0; i < 40; i++) {
  db.$client.prepare("UPDATE roles SET title = ?, updated_at = ? WHERE id = ?").run(`Benchmark Edit ${i} Engineer`, Date.now(), victim);
  const t0 = performance.now();
  searchIndex(db);
  changeDurations.push(performance.now() - t0);
}
const applyOneChange = summarize(changeDurations);
console.log("apply one change (read the log, read the role, update the index)", applyOneChange);

// ---------------------------------------------------------------------------------------
// Roaring against plain typed-array bitsets: the counts of /roles for one filter set

const internals = index as unknown as {
  listed: ReadonlyBitmap;
  workplaceSets: ReadonlyBitmap[];
  levelSets: ReadonlyBitmap[];
  toolSets: ReadonlyBitmap[];
  histogramSets: ReadonlyBitmap[];
  dimensions: { tokens: { atLeast(set: ReadonlyBitmap, min: number): Bitmap } };
};
const maxId = (db.$client.prepare("SELECT max(id) FROM roles").pluck().get() as number) + 1;
const words = Math.ceil(maxId / 32);
function toBitset(bitmap: ReadonlyBitmap): Uint32Array {
  const bits = new Uint32Array(words);
  for (const id of bitmap.toUint32Array()) bits[id >>> 5]! |= 1 << (id & 31);
  return bits;
}
function andBits(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(words);
  for (let i = 0; i < words; i++) out[i] = a[i]! & b[i]!;
  return out;
}
function orBits(list: Uint32Array[]): Uint32Array {
  const out = new Uint32Array(words);
  for (const bits of list) for (let i = 0; i < words; i++) out[i]! |= bits[i]!;
  return out;
}
function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) as number;
}
function andCount(a: Uint32Array, b: Uint32Array): number {
  let n = 0;
  for (let i = 0; i < words; i++) n += popcount(a[i]! & b[i]!);
  return n;
}
// remote|hybrid, senior|staff, minTokenBudget >= 50k: base, base&W, base&L, result, then
// 3 + 8 + 9 + 9 counts, as SearchIndex.aggregates does.
const tokensAtLeast = internals.dimensions.tokens.atLeast(internals.listed, 50_000);
const roaringSets = { listed: internals.listed, workplaces: internals.workplaceSets, levels: internals.levelSets, tools: internals.toolSets, histogram: internals.histogramSets };
function roaringCounts(): number {
  const base = Bitmap.and(internals.listed, tokensAtLeast);
  const w = Bitmap.orMany([roaringSets.workplaces[0]!, roaringSets.workplaces[1]!]);
  const l = Bitmap.orMany([roaringSets.levels[3]!, roaringSets.levels[4]!]);
  const withW = Bitmap.and(base, w);
  const withL = Bitmap.and(base, l);
  const result = Bitmap.and(withW, withL);
  let sum = result.size;
  for (const set of roaringSets.workplaces) sum += withL.andCardinality(set);
  for (const set of roaringSets.levels) sum += withW.andCardinality(set);
  for (const set of [...roaringSets.tools, ...roaringSets.histogram]) sum += result.andCardinality(set);
  return sum;
}
const bitsets = {
  listed: toBitset(internals.listed),
  tokens: toBitset(tokensAtLeast),
  workplaces: internals.workplaceSets.map(toBitset),
  levels: internals.levelSets.map(toBitset),
  tools: internals.toolSets.map(toBitset),
  histogram: internals.histogramSets.map(toBitset),
};
function bitsetCounts(): number {
  const base = andBits(bitsets.listed, bitsets.tokens);
  const w = orBits([bitsets.workplaces[0]!, bitsets.workplaces[1]!]);
  const l = orBits([bitsets.levels[3]!, bitsets.levels[4]!]);
  const withW = andBits(base, w);
  const withL = andBits(base, l);
  const result = andBits(withW, withL);
  let sum = andCount(result, result);
  for (const set of bitsets.workplaces) sum += andCount(withL, set);
  for (const set of bitsets.levels) sum += andCount(withW, set);
  for (const set of [...bitsets.tools, ...bitsets.histogram]) sum += andCount(result, set);
  return sum;
}
if (roaringCounts() !== bitsetCounts()) throw new Error("roaring and bitsets disagree");
const timeOp = (work: () => number) => {
  const durations: number[] = [];
  for (let i = 0; i < RUNS + 5; i++) {
    const t0 = performance.now();
    work();
    if (i >= 5) durations.push(performance.now() - t0);
  }
  return summarize(durations);
};
const allSets = [internals.listed, ...internals.workplaceSets, ...internals.levelSets, ...internals.toolSets, ...internals.histogramSets, tokensAtLeast];
const comparison = {
  operation: "counts of /roles for remote|hybrid & senior|staff & minTokenBudget=50k: 5 ANDs/ORs, then 29 intersection counts",
  roaring: timeOp(roaringCounts),
  typedArrays: timeOp(bitsetCounts),
  roaringBytes: allSets.reduce((sum, set) => sum + set.getSerializationSizeInBytes("croaring"), 0),
  typedArrayBytes: allSets.length * words * 4,
};
console.log("roaring vs typed arrays", comparison);

const out = { date: new Date().toISOString(), database: args.db, build, cases, applyOneChange, roaringVsTypedArrays: comparison, buckets: BUDGET_BUCKETS.length, vocabulary: { workplaces: WORKPLACES.length, levels: LEVELS.length, tools: TOOLS.length } };
fs.mkdirSync(path.dirname(args.out!), { recursive: true });
fs.writeFileSync(args.out!, `${JSON.stringify(out, null, 2)}\n`);
console.log(`written to ${args.out}`);
db.$client.close();
