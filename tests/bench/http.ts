/**
 * The HTTP part: the production build served by server.ts on a benchmark database, loaded
 * with autocannon from this process. Traffic goes to 127.0.0.1 only; every run is bounded.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import autocannon, { type Result } from "autocannon";
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
// The build

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (entry.isFile()) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Runs `remix build` when build/index.js is missing or older than the app's sources. */
export function ensureBuild(): void {
  const output = path.join(ROOT, "build/index.js");
  const inputs = [
    newestMtime(path.join(ROOT, "app")),
    ...["remix.config.js", "postcss.config.js"].map((file) => {
      const full = path.join(ROOT, file);
      return fs.existsSync(full) ? fs.statSync(full).mtimeMs : 0;
    }),
  ];
  const built = fs.existsSync(output) ? fs.statSync(output).mtimeMs : 0;
  if (built >= Math.max(...inputs)) {
    log("build/index.js is up to date");
    return;
  }
  log(built ? "app/ changed since the last build: running remix build" : "no build yet: running remix build");
  const result = spawnSync(path.join(ROOT, "node_modules/.bin/remix"), ["build"], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
  if (result.status !== 0) throw new Error(`remix build failed (exit ${result.status ?? result.signal})`);
}

// ---------------------------------------------------------------------------------------
// The server

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export interface RunningServer {
  origin: string;
  logFile: string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

/** Kills a server's whole process group (tsx runs node as a child). */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

let cleanupInstalled = false;
/** Servers are stopped however this process ends (error, Ctrl-C, kill). */
function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.on("exit", () => {
    for (const child of running) killGroup(child, "SIGKILL");
  });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      log(`${signal}: stopping the server and exiting`);
      for (const child of running) killGroup(child, "SIGKILL");
      process.exit(130);
    });
  }
}

export async function startServer(databaseFile: string, label: string): Promise<RunningServer> {
  installCleanup();
  const port = await freePort();
  const logFile = path.join(CACHE_DIR, `server-${label}.log`);
  const out = fs.openSync(logFile, "w");
  const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["server.ts"], {
    cwd: ROOT,
    detached: true, // its own process group, so the group can be stopped as one
    stdio: ["ignore", out, out],
    env: {
      ...process.env,
      NODE_ENV: "production",
      SESSION_SECRET: crypto.randomBytes(32).toString("hex"),
      DATABASE_URL: databaseFile,
      PORT: String(port),
    },
  });
  fs.closeSync(out);
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.once("exit", () => running.delete(child));

  const stop = async () => {
    if (!running.has(child)) return;
    killGroup(child, "SIGTERM");
    const timer = setTimeout(() => killGroup(child, "SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
    // The group may outlive its leader for a moment; make sure nothing is left.
    killGroup(child, "SIGKILL");
  };

  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (!running.has(child)) throw new Error(`the server exited during startup; see ${path.relative(ROOT, logFile)}:\n${tail(logFile)}`);
    try {
      const response = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not answer /healthz within 60 s; see ${path.relative(ROOT, logFile)}:\n${tail(logFile)}`);
    }
    await sleep(250);
  }
  log(`${label}: server pid ${child.pid} listening on ${origin}`);
  return { origin, logFile, stop };
}

function tail(file: string): string {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-20).join("\n");
  } catch {
    return "(no log)";
  }
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
