/**
 * The live sections of the bench, on a board that changes while it is searched: a long tail of
 * distinct searches (people's searches are mostly distinct, so no cache answers them), `/market`
 * with distinct filter combinations (cold), and how soon another process' write shows in
 * search. Meanwhile another process (editor.ts) saves a listed role every second through the
 * app's model, so every cache keyed on the listing is dropped as it would be on a live board.
 *
 * Each section is measured beside the app's own 404 page, interleaved in the same queue and
 * served to the same clients, so machine speed and load cancel out of the ratios. The 404 page
 * is also measured alone (same clients, same editor) first: a search that blocks the server's
 * event loop slows the 404s queued behind it, which the interleaved figure alone would hide.
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import readline from "node:readline";
import { openDatabase } from "../../db/client";
import { Rng } from "../../db/demo-data";
import { parseSearchParams, SORTS } from "../../app/lib/search-params";
import { LEVELS, TOOLS, WORKPLACES } from "../../app/lib/vocabulary";
import type { EditorSummary } from "./editor";
import { REQUEST_HEADERS } from "./http";
import { ROOT } from "./databases";
import { log, ms, percentile, round } from "./stats";

export const LIVE_CLIENTS = 4;
export const EDIT_INTERVAL_MS = 1_000;
/** A request still unanswered after this counts as an error (the server is stuck). */
const REQUEST_TIMEOUT_MS = 120_000;
const WORKLOAD_SEED = 12;

export interface LiveEffort {
  /** Distinct searches per route (/roles and /api/roles each get their own). */
  searchesPerRoute: number;
  marketCombinations: number;
  freshnessProbes: number;
}
/**
 * 500 searches per route: a p99 is then the fifth-slowest answer, not the second. With 200,
 * `/api/roles` (3.7 ms of CPU) and the 404 page (7-9 ms) waited behind the same `/roles`
 * renders and their p99s swapped places from run to run while p50 and p90 did not.
 */
export const FULL_LIVE: LiveEffort = { searchesPerRoute: 500, marketCombinations: 60, freshnessProbes: 10 };
export const QUICK_LIVE: LiveEffort = { searchesPerRoute: 40, marketCombinations: 12, freshnessProbes: 3 };

// ---------------------------------------------------------------------------------------
// The workload

export interface Workload {
  /** Query strings, distinct across both routes. */
  roles: string[];
  api: string[];
  market: string[];
}

const STOPWORDS = new Set(
  "with that this your will from have they their what when where which about into over more than most also been were them then some such only other each very just like make made work".split(" "),
);

/** Words of listed roles' titles and descriptions, from roles picked at random: what people type. */
function keywordVocabulary(db: ReturnType<typeof openDatabase>, rng: Rng): string[] {
  const maxId = db.$client.prepare("SELECT max(id) FROM roles").pluck().get() as number;
  const read = db.$client.prepare("SELECT title, description FROM roles WHERE id = ? AND status = 'published'");
  const words = new Set<string>();
  for (let i = 0; i < 400 && words.size < 600; i++) {
    const row = read.get(rng.int(1, maxId)) as { title: string; description: string } | undefined;
    if (!row) continue;
    const text = `${row.title} ${row.description.slice(0, 600)}`.toLowerCase();
    for (const word of text.match(/[a-z]{4,14}/g) ?? []) if (!STOPWORDS.has(word)) words.add(word);
  }
  return [...words].sort();
}

function pickSome<T>(rng: Rng, list: readonly T[], most: number): T[] {
  const count = rng.int(1, most);
  const pool = [...list];
  const out: T[] = [];
  while (out.length < count && pool.length) out.push(pool.splice(rng.int(0, pool.length - 1), 1)[0]!);
  return out;
}

/** A dollar figure spread over orders of magnitude, rounded to two significant digits. */
function dollarsBetween(rng: Rng, low: number, high: number): number {
  const value = Math.exp(rng.range(Math.log(low), Math.log(high)));
  const step = 10 ** Math.max(0, Math.floor(Math.log10(value)) - 1);
  return Math.round(value / step) * step;
}

const FILTER_KINDS = ["minTokenBudget", "maxTokenBudget", "minSalary", "workplace", "level", "tool", "company", "q"] as const;
type FilterKind = (typeof FILTER_KINDS)[number];

/**
 * A seeded list of distinct searches: each 1-4 filters from the token budget bounds, minimum
 * salary, workplace, level, tool, company and a keyword, 70% of them with a sort.
 */
export function buildWorkload(databaseFile: string, effort: LiveEffort): Workload {
  const rng = new Rng(WORKLOAD_SEED);
  const db = openDatabase(databaseFile, { migrate: false });
  let vocabulary: string[];
  let companies: string[];
  try {
    vocabulary = keywordVocabulary(db, rng);
    companies = db.$client.prepare("SELECT slug FROM companies ORDER BY id").pluck().all() as string[];
  } finally {
    db.$client.close();
  }
  if (vocabulary.length < 20 || companies.length === 0) throw new Error("the database has too few roles for the long tail");

  const searches = new Set<string>();
  const sorts = SORTS.filter((sort) => sort !== "newest");
  while (searches.size < 2 * effort.searchesPerRoute) {
    const kinds = pickSome<FilterKind>(rng, FILTER_KINDS, 4);
    const query = new URLSearchParams();
    let min: number | undefined;
    for (const kind of [...kinds].sort((a, b) => FILTER_KINDS.indexOf(a) - FILTER_KINDS.indexOf(b))) {
      if (kind === "minTokenBudget") query.set(kind, String((min = dollarsBetween(rng, 1_000, 150_000))));
      else if (kind === "maxTokenBudget") query.set(kind, String(Math.max(min ?? 0, dollarsBetween(rng, 2_000, 250_000))));
      else if (kind === "minSalary") query.set(kind, String(dollarsBetween(rng, 60_000, 400_000)));
      else if (kind === "workplace") for (const value of pickSome(rng, WORKPLACES, 2)) query.append(kind, value);
      else if (kind === "level") for (const value of pickSome(rng, LEVELS, 2)) query.append(kind, value);
      else if (kind === "tool") for (const value of pickSome(rng, TOOLS, 2)) query.append(kind, value);
      else if (kind === "company") query.set(kind, rng.pick(companies));
      else {
        // A word, sometimes two, sometimes still being typed (a prefix).
        const words = [rng.pick(vocabulary), ...(rng.chance(0.15) ? [rng.pick(vocabulary)] : [])];
        query.set(kind, words.map((word) => (rng.chance(0.2) ? word.slice(0, rng.int(3, Math.max(3, word.length - 1))) : word)).join(" "));
      }
    }
    if (rng.chance(0.7)) query.set("sort", rng.pick(sorts));
    const text = query.toString();
    if (!parseSearchParams(query).ok) throw new Error(`generated an invalid search: ${text}`);
    searches.add(text);
  }
  const all = [...searches];

  // Its own sequence, so the combinations do not depend on how many searches came before.
  const marketRng = new Rng(WORKLOAD_SEED + 2);
  const market = new Set<string>();
  while (market.size < effort.marketCombinations) {
    const query = new URLSearchParams();
    const picks = marketRng.int(1, 3);
    for (let i = 0; i < picks; i++) {
      const kind = marketRng.pick(["workplace", "level", "tool"] as const);
      const value = marketRng.pick<string>(kind === "workplace" ? WORKPLACES : kind === "level" ? LEVELS : TOOLS);
      if (!query.getAll(kind).includes(value)) query.append(kind, value);
    }
    for (const kind of ["workplace", "level", "tool"]) {
      const values = query.getAll(kind).sort();
      query.delete(kind);
      for (const value of values) query.append(kind, value);
    }
    market.add(query.toString());
  }
  return { roles: all.filter((_, i) => i % 2 === 0), api: all.filter((_, i) => i % 2 === 1), market: [...market] };
}

// ---------------------------------------------------------------------------------------
// Clients

type LiveRoute = "/roles" | "/api/roles" | "404 page" | "/market";

interface Request_ {
  route: LiveRoute;
  path: string;
  expect: number;
}

interface Sample {
  route: LiveRoute;
  path: string;
  status: number;
  ms: number;
  error?: string;
}

export interface RouteTimings {
  route: LiveRoute;
  requests: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  status5xx: number;
  /** Answers other than the expected status (5xx included). */
  unexpected: number;
  /** No answer: timeouts, resets. */
  errors: number;
  /** The slowest requests, for a look at what made the tail. */
  slowest: { path: string; ms: number; status: number }[];
}

function shuffle<T>(rng: Rng, list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

async function timedGet(origin: string, request: Request_): Promise<Sample> {
  const started = performance.now();
  try {
    const response = await fetch(`${origin}${request.path}`, { headers: REQUEST_HEADERS, redirect: "manual", signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    await response.arrayBuffer();
    return { route: request.route, path: request.path, status: response.status, ms: performance.now() - started };
  } catch (error) {
    return { route: request.route, path: request.path, status: 0, ms: performance.now() - started, error: error instanceof Error ? error.message : String(error) };
  }
}

/** `clients` clients, each taking the next request from the shared queue as soon as it is free. */
async function runQueue(origin: string, queue: readonly Request_[], clients: number, label: string): Promise<Sample[]> {
  const samples: Sample[] = [];
  let next = 0;
  let lastReport = Date.now();
  const client = async () => {
    while (next < queue.length) {
      const request = queue[next++]!;
      samples.push(await timedGet(origin, request));
      if (Date.now() - lastReport > 15_000) {
        lastReport = Date.now();
        log(`${label}: ${samples.length} / ${queue.length} requests`);
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  return samples;
}

function timings(route: LiveRoute, samples: readonly Sample[], expect: number): RouteTimings {
  const mine = samples.filter((s) => s.route === route);
  const sorted = mine.map((s) => s.ms).sort((a, b) => a - b);
  return {
    route,
    requests: mine.length,
    p50: round(percentile(sorted, 50)),
    p90: round(percentile(sorted, 90)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? Number.NaN),
    status5xx: mine.filter((s) => s.status >= 500).length,
    unexpected: mine.filter((s) => s.status !== 0 && s.status !== expect).length,
    errors: mine.filter((s) => s.status === 0).length,
    slowest: [...mine]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 3)
      .map((s) => ({ path: s.path, ms: round(s.ms), status: s.status })),
  };
}

function describe(t: RouteTimings): string {
  const failures = t.unexpected || t.errors ? `  (${t.status5xx} 5xx, ${t.unexpected} unexpected, ${t.errors} errors)` : "";
  return `${t.route.padEnd(10)} ${t.requests} requests  p50 ${ms(t.p50).padStart(6)} ms  p99 ${ms(t.p99).padStart(6)} ms  max ${ms(t.max).padStart(6)} ms${failures}`;
}

// ---------------------------------------------------------------------------------------
// What the server logged

export interface LogFindings {
  /** Requests the server logged with a 5xx status. */
  status5xx: number;
  /**
   * Renders React aborted at the abort timer: documents answered 5xx after RENDER_ABORT_MS
   * (an abort before the shell is sent is answered 500 and logs nothing else), plus logged
   * errors that say "abort" (an abort after the shell: the page is cut short, the status 200).
   */
  abortedRenders: number;
  /** Other error lines (not request logs, not stack frames). */
  otherErrorLines: number;
  samples: string[];
}

/** ABORT_DELAY in app/entry.server.tsx: a render still running after it is aborted. */
const RENDER_ABORT_MS = 5_000;

function logSize(file: string): number {
  return fs.existsSync(file) ? fs.statSync(file).size : 0;
}

export function scanLog(file: string, from: number): LogFindings {
  const findings: LogFindings = { status5xx: 0, abortedRenders: 0, otherErrorLines: 0, samples: [] };
  const size = logSize(file);
  if (size <= from) return findings;
  const buffer = Buffer.alloc(size - from);
  const fd = fs.openSync(file, "r");
  try {
    fs.readSync(fd, buffer, 0, buffer.length, from);
  } finally {
    fs.closeSync(fd);
  }
  for (const line of buffer.toString("utf8").split("\n")) {
    if (line.trim() === "" || /^\s/.test(line)) continue; // stack frames and continuations
    if (line.startsWith("{")) {
      try {
        const entry = JSON.parse(line) as { status?: number; ms?: number; path?: string };
        if ((entry.status ?? 0) >= 500) {
          findings.status5xx++;
          if ((entry.ms ?? 0) >= RENDER_ABORT_MS && !entry.path?.startsWith("/api/")) findings.abortedRenders++;
          if (findings.samples.length < 3) findings.samples.push(line.slice(0, 200));
        }
        continue;
      } catch {
        // Not a request log line: an error printed as an object.
      }
    }
    if (/abort/i.test(line)) findings.abortedRenders++;
    else findings.otherErrorLines++;
    if (findings.samples.length < 3) findings.samples.push(line.slice(0, 200));
  }
  return findings;
}

// ---------------------------------------------------------------------------------------
// The other writer

interface Editor {
  freshen(word: string): Promise<{ slug: string; committedAt: number }>;
  stop(): Promise<EditorSummary>;
}

async function startEditor(databaseFile: string): Promise<Editor> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "tests/bench/editor.ts"], {
    cwd: ROOT,
    stdio: ["pipe", "pipe", "pipe"],
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "test", DATABASE_URL: databaseFile, EDIT_INTERVAL_MS: String(EDIT_INTERVAL_MS) },
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  process.once("exit", () => child.kill("SIGKILL"));
  const waiting = new Map<string, (line: string[]) => void>();
  const lines = readline.createInterface({ input: child.stdout! });
  lines.on("line", (line) => {
    const [kind, ...rest] = line.split(" ");
    const key = kind === "fresh" ? `fresh ${rest[0]}` : kind!;
    waiting.get(key)?.(rest);
    waiting.delete(key);
  });
  const expect = (key: string, timeoutMs: number) =>
    new Promise<string[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the editor did not answer "${key}" in ${timeoutMs / 1000} s:\n${stderr}`)), timeoutMs);
      waiting.set(key, (rest) => {
        clearTimeout(timer);
        resolve(rest);
      });
      void exited.then((code) => reject(new Error(`the editor exited (${code}):\n${stderr}`)));
    });
  const ready = await expect("ready", 120_000);
  log(`editor: saving a listed role every ${EDIT_INTERVAL_MS} ms (${ready.join(" ")})`);
  return {
    async freshen(word) {
      const answer = expect(`fresh ${word}`, 60_000);
      child.stdin!.write(`fresh ${word}\n`);
      const [, slug, committedAt] = await answer;
      if (!slug || slug === "-") throw new Error("the editor found no role to put the word in");
      return { slug, committedAt: Number(committedAt) };
    },
    async stop() {
      const answer = expect("done", 60_000);
      child.stdin!.end("stop\n");
      const [json] = [(await answer).join(" ")];
      await exited;
      return JSON.parse(json) as EditorSummary;
    },
  };
}

// ---------------------------------------------------------------------------------------
// The sections

export interface SectionResult {
  seconds: number;
  routes: RouteTimings[];
  /** The 404 page in the same queue. */
  notFound: RouteTimings;
  serverLog: LogFindings;
}

export interface FreshnessResult {
  probes: number;
  /** From the other process' commit to the first /api/roles answer that lists the change. */
  delaysMs: number[];
  p50: number;
  max: number;
  /** Probes not visible within FRESHNESS_TIMEOUT_MS. */
  missed: number;
}

export interface LiveResults {
  clients: number;
  editIntervalMs: number;
  effort: LiveEffort;
  examples: string[];
  /** The 404 page alone: the same clients and editor, nothing else queued. */
  notFoundAlone: SectionResult;
  longTail: SectionResult;
  market: SectionResult;
  freshness: FreshnessResult;
  editor: EditorSummary;
}

const FRESHNESS_TIMEOUT_MS = 10_000;

function notFoundRequests(count: number, tag: string): Request_[] {
  return Array.from({ length: count }, (_, i) => ({ route: "404 page" as const, path: `/bench-missing-${tag}-${i}`, expect: 404 }));
}

async function section(origin: string, logFile: string, label: string, queue: Request_[], routes: [LiveRoute, number][]): Promise<SectionResult> {
  const from = logSize(logFile);
  const started = performance.now();
  const samples = await runQueue(origin, queue, LIVE_CLIENTS, label);
  const seconds = round((performance.now() - started) / 1000);
  // The server writes its log line as a response finishes: give the last ones a moment.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const result: SectionResult = {
    seconds,
    routes: routes.map(([route, expect]) => timings(route, samples, expect)),
    notFound: timings("404 page", samples, 404),
    serverLog: scanLog(logFile, from),
  };
  for (const t of [...result.routes, result.notFound]) if (t.requests) log(`${label}: ${describe(t)}`);
  const found = result.serverLog;
  if (found.status5xx || found.abortedRenders || found.otherErrorLines) {
    log(`${label}: server log: ${found.status5xx} 5xx, ${found.abortedRenders} aborted renders, ${found.otherErrorLines} other error lines; e.g. ${found.samples[0] ?? ""}`);
  }
  return result;
}

async function freshness(origin: string, editor: Editor, probes: number, label: string): Promise<FreshnessResult> {
  const delays: number[] = [];
  let missed = 0;
  for (let i = 0; i < probes; i++) {
    const word = `zq${Array.from(crypto.randomBytes(8), (byte) => String.fromCharCode(97 + (byte % 26))).join("")}`;
    const { slug, committedAt } = await editor.freshen(word);
    let seenAt: number | null = null;
    while (Date.now() - committedAt < FRESHNESS_TIMEOUT_MS) {
      const response = await fetch(`${origin}/api/roles?q=${word}`, { headers: REQUEST_HEADERS });
      const body = (await response.json()) as { roles?: { slug: string }[] };
      // The answer's arrival: an upper bound on when the server saw the change.
      if (body.roles?.some((role) => role.slug === slug)) {
        seenAt = Date.now();
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    if (seenAt === null) missed++;
    else delays.push(Math.max(0, seenAt - committedAt));
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  const sorted = [...delays].sort((a, b) => a - b);
  const result = { probes, delaysMs: delays, p50: round(percentile(sorted, 50)), max: round(sorted[sorted.length - 1] ?? Number.NaN), missed };
  log(`${label}: freshness: ${probes} changes by another process visible in /api/roles after p50 ${ms(result.p50)} ms, max ${ms(result.max)} ms${missed ? `; ${missed} not within ${FRESHNESS_TIMEOUT_MS / 1000} s` : ""}`);
  return result;
}

/** The live sections, with the editor saving a role every second throughout. */
export async function measureLive(origin: string, logFile: string, databaseFile: string, effort: LiveEffort, label: string): Promise<LiveResults> {
  const workload = buildWorkload(databaseFile, effort);
  const rng = new Rng(WORKLOAD_SEED + 1);
  const editor = await startEditor(databaseFile);
  let editorStopped = false;
  try {
    const n = effort.searchesPerRoute;
    log(`${label}: the 404 page alone, ${n} requests from ${LIVE_CLIENTS} clients`);
    const notFoundAlone = await section(origin, logFile, `${label} 404 alone`, notFoundRequests(n, "alone"), []);

    log(`${label}: long tail: ${n} distinct searches each on /roles and /api/roles, with ${n} 404s, from ${LIVE_CLIENTS} clients`);
    const longTailQueue = shuffle(rng, [
      ...workload.roles.map((query) => ({ route: "/roles" as const, path: `/roles?${query}`, expect: 200 })),
      ...workload.api.map((query) => ({ route: "/api/roles" as const, path: `/api/roles?${query}`, expect: 200 })),
      ...notFoundRequests(n, "tail"),
    ]);
    const longTail = await section(origin, logFile, `${label} long tail`, longTailQueue, [
      ["/roles", 200],
      ["/api/roles", 200],
    ]);

    const m = workload.market.length;
    log(`${label}: /market cold: ${m} distinct filter combinations, each once, with ${m} 404s`);
    const marketQueue = shuffle(rng, [
      ...workload.market.map((query) => ({ route: "/market" as const, path: `/market?${query}`, expect: 200 })),
      ...notFoundRequests(m, "market"),
    ]);
    const market = await section(origin, logFile, `${label} market`, marketQueue, [["/market", 200]]);

    const fresh = await freshness(origin, editor, effort.freshnessProbes, label);
    editorStopped = true;
    const editorSummary = await editor.stop();
    log(`${label}: editor: ${editorSummary.edits} saves (p50 ${ms(editorSummary.editMs.p50)} ms, max ${ms(editorSummary.editMs.max)} ms), ${editorSummary.errors.length} errors`);
    return {
      clients: LIVE_CLIENTS,
      editIntervalMs: EDIT_INTERVAL_MS,
      effort,
      examples: workload.roles.slice(0, 5),
      notFoundAlone,
      longTail,
      market,
      freshness: fresh,
      editor: editorSummary,
    };
  } finally {
    if (!editorStopped) await editor.stop().catch(() => undefined);
  }
}
