/**
 * The HTTP part: the production build served by server.ts on a benchmark database, loaded
 * with autocannon from this process. Traffic goes to 127.0.0.1 only; every run is bounded.
 */
import fs from "node:fs";
import path from "node:path";
import autocannon, { type Result } from "autocannon";
import { ensureBuild as ensureBuildOnce, startServer as startServerProcess, stopServersOnSignals } from "../support/server-process";
import { CACHE_DIR, ROOT } from "./databases";
import { count, log, ms, round, type QuietGate } from "./stats";

export type RouteKind = "trivial" | "static" | "page" | "api";

export interface HttpTarget {
  id: string;
  path: string;
  kind: RouteKind;
}

export const HTTP_TARGETS: readonly HttpTarget[] = [
  { id: "/healthz", path: "/healthz", kind: "trivial" },
  { id: "/favicon.svg", path: "/favicon.svg", kind: "static" },
  { id: "/roles", path: "/roles", kind: "page" },
  { id: "/roles filtered, tokens_desc", path: "/roles?minTokenBudget=50000&workplace=remote&sort=tokens_desc", kind: "page" },
  { id: "/api/roles", path: "/api/roles", kind: "api" },
  { id: "/api/roles filtered, tokens_desc", path: "/api/roles?minTokenBudget=50000&workplace=remote&sort=tokens_desc", kind: "api" },
  // The trivial route again at the end: its rate is the mean of both runs.
  { id: "/healthz (again)", path: "/healthz", kind: "trivial" },
];

export const CONNECTIONS = 10;
/** As a browser sends it: the server's compression middleware then gzips the pages. */
export const REQUEST_HEADERS: Record<string, string> = { "accept-encoding": "gzip, deflate, br" };

export interface HttpEffort {
  warmupSeconds: number;
  seconds: number;
}
export const FULL_HTTP: HttpEffort = { warmupSeconds: 3, seconds: 10 };
export const QUICK_HTTP: HttpEffort = { warmupSeconds: 1, seconds: 3 };

export interface HttpResult {
  id: string;
  path: string;
  kind: RouteKind;
  seconds: number;
  requestsPerSecond: number;
  requests: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  /** The first request of this route (for a page: facet counts computed, not cached). */
  firstRequestMs: number;
  /** Compressed bytes per response, as sent. */
  bytesPerResponse: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** CPU other processes used just before (percent of one core). */
  otherCpuPercent: number;
  /** requestsPerSecond over the trivial route's (the mean of its runs). */
  ratioToTrivial?: number;
}

// ---------------------------------------------------------------------------------------
// The build and the server (tests/support/server-process.ts, shared with the stress tests)

/** Runs `remix build` when build/index.js is missing or older than the app's sources. */
export function ensureBuild(): void {
  ensureBuildOnce(log);
}

export interface RunningServer {
  origin: string;
  logFile: string;
  /** The process group (tsx and the node process it runs). */
  pid: number;
  /** From spawning the server to its first 200 on /healthz. */
  startupMs: number;
  stop(): Promise<void>;
}

let signalsHandled = false;

export async function startServer(databaseFile: string, label: string): Promise<RunningServer> {
  if (!signalsHandled) {
    signalsHandled = true;
    stopServersOnSignals(log);
  }
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const logFile = path.join(CACHE_DIR, `server-${label}.log`);
  let server;
  const started = performance.now();
  try {
    // All of autocannon's traffic comes from one address: with the rate limits on, the bench
    // would measure 429s instead of the app.
    server = await startServerProcess({ databaseFile, logFile, env: { RATE_LIMITS: "off" }, healthPollMs: 20 });
  } catch (error) {
    throw new Error(error instanceof Error ? error.message : String(error));
  }
  const startupMs = round(performance.now() - started);
  log(`${label}: server pid ${server.pid} listening on ${server.origin}, serving /healthz ${ms(startupMs)} ms after it was spawned`);
  return { origin: server.origin, logFile, pid: server.pid, startupMs, stop: server.stop };
}

export interface ServerMemory {
  /** Resident set of the server's node process, MiB. */
  rssMiB: number;
  /** Its peak resident set so far (VmHWM), MiB. */
  peakRssMiB: number;
}

function statusField(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
  return match ? Number(match[1]) / 1024 : 0;
}

/**
 * The memory of the server: the largest process of its group (tsx's CLI runs the server as a
 * child node process; the CLI itself stays small). Linux only (/proc); null elsewhere.
 */
export function serverMemory(groupPid: number): ServerMemory | null {
  if (!fs.existsSync("/proc/self/status")) return null;
  let best: ServerMemory | null = null;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the command (which may hold spaces): state, ppid, pgrp, ...
      const pgrp = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
      if (pgrp !== groupPid) continue;
      const status = fs.readFileSync(`/proc/${entry}/status`, "utf8");
      const memory = { rssMiB: Math.round(statusField(status, "VmRSS")), peakRssMiB: Math.round(statusField(status, "VmHWM")) };
      if (!best || memory.rssMiB > best.rssMiB) best = memory;
    } catch {
      // The process went away while being read.
    }
  }
  return best;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---------------------------------------------------------------------------------------
// Load

function cannon(url: string, seconds: number): Promise<Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: CONNECTIONS, duration: seconds, timeout: 10, headers: REQUEST_HEADERS }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

/**
 * /roles caches its facet counts per minute: a warm-up and measurement that straddle a
 * minute boundary would time one recomputation by chance. Start them early in a minute
 * instead, so every run measures the same steady state; the cold computation is timed
 * in-process (searchAggregates cold).
 */
async function withinOneMinute(seconds: number): Promise<void> {
  const intoMinute = (Date.now() % 60_000) / 1000;
  if (intoMinute + seconds + 2 <= 60) return;
  const wait = 60 - intoMinute + 1;
  log(`waiting ${wait.toFixed(0)} s so the run does not cross a minute boundary`);
  await sleep(wait * 1000);
}

export async function measureRoutes(origin: string, effort: HttpEffort, label: string, gate: QuietGate): Promise<HttpResult[]> {
  const results: HttpResult[] = [];
  for (const target of HTTP_TARGETS) {
    const url = `${origin}${target.path}`;
    const otherCpuPercent = await gate.pass(`${label} ${target.id}`);
    if (target.kind === "page") await withinOneMinute(effort.warmupSeconds + effort.seconds);
    // The first request: for a page, its facet counts are not cached yet in this minute.
    const t0 = performance.now();
    const probe = await fetch(url, { headers: REQUEST_HEADERS });
    await probe.arrayBuffer();
    const firstRequestMs = round(performance.now() - t0);
    if (probe.status !== 200) throw new Error(`${target.path} answered ${probe.status}, not 200`);
    await cannon(url, effort.warmupSeconds);
    const result = await cannon(url, effort.seconds);
    const requests = result.latency.totalCount;
    const entry: HttpResult = {
      id: target.id,
      path: target.path,
      kind: target.kind,
      seconds: result.duration,
      requestsPerSecond: round(result.requests.average),
      requests,
      latencyP50Ms: result.latency.p50,
      latencyP99Ms: result.latency.p99,
      latencyMaxMs: result.latency.max,
      bytesPerResponse: Math.round(result.throughput.total / Math.max(requests, 1)),
      firstRequestMs,
      otherCpuPercent,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
    };
    results.push(entry);
    log(
      `${label}: ${target.id.padEnd(34)} ${count(entry.requestsPerSecond).padStart(6)} req/s  p99 ${ms(entry.latencyP99Ms).padStart(5)} ms` +
        `  first request ${ms(firstRequestMs)} ms` +
        `${entry.non2xx || entry.errors ? `  (${entry.non2xx} non-2xx, ${entry.errors} errors)` : ""}`,
    );
  }
  const trivial = results.filter((r) => r.kind === "trivial");
  const trivialRate = trivial.reduce((sum, r) => sum + r.requestsPerSecond, 0) / Math.max(trivial.length, 1);
  for (const entry of results) entry.ratioToTrivial = round(entry.requestsPerSecond / trivialRate);
  return results;
}
