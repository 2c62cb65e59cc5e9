/**
 * npm run bench -- [--sizes 100000,1000000] [--quick] [--skip-http] [--skip-matrix]
 *
 * For each size: build or reuse the seeded database (databases.ts), time the search matrix
 * and the facet aggregates in-process, then serve the production build on that database:
 * time its start-up, load fixed URLs with autocannon, run the live sections (live.ts: a long
 * tail of distinct searches, /market cold, freshness, while another process edits the board)
 * and read the server's memory. Writes tests/bench/results/latest.json (quick runs:
 * quick.json) and ends with Markdown tables and whether each target is met. Progress goes to
 * stderr; the tables to stdout.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "../../db/client";
import { searchSnapshotPathFor } from "../../app/lib/config.server";
import { saveSearchSnapshot, startSearchFeed, stopSearchFeed } from "../../app/models/search-feed.server";
import { CACHE_DIR, ensureDatabase, ROOT } from "./databases";
import { CONNECTIONS, ensureBuild, FULL_HTTP, HTTP_TARGETS, measureRoutes, QUICK_HTTP, REQUEST_HEADERS, serverMemory, startServer } from "./http";
import { FULL_LIVE, LIVE_CLIENTS, measureLive, QUICK_LIVE, EDIT_INTERVAL_MS } from "./live";
import { parseBenchArgs, USAGE } from "./options";
import { checkTargets, markdownSummary, type BenchResults, type ServerFigures, type SizeResults } from "./report";
import { log, ms, QuietGate, round, sizeLabel } from "./stats";

const RESULTS_DIR = path.join(ROOT, "tests/bench/results");

function git(args: string[]): string | null {
  try {
    return execFileSync("git", args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}

function machineInfo(): Record<string, unknown> {
  const cpus = os.cpus();
  const probe = openDatabase(":memory:", { migrate: false });
  const sqlite = probe.$client.prepare("select sqlite_version()").pluck().get() as string;
  probe.$client.close();
  const status = git(["status", "--porcelain"]);
  return {
    cpuCount: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    totalMemoryGiB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    sqlite,
    gitCommit: git(["rev-parse", "HEAD"]),
    gitDirty: status === null ? null : status.length > 0,
  };
}

interface RunOptions {
  quick: boolean;
  skipHttp: boolean;
  skipMatrix: boolean;
  buildError: string | undefined;
}

/** The in-process part: searchRoles, searchAggregates and the market's data on the database. */
async function inProcess(file: string, label: string, quick: boolean, gate: QuietGate): Promise<Pick<SizeResults, "matrix" | "aggregates" | "market">> {
  // Loaded only when wanted: it calls the search module's internals, which change with it.
  const { FULL_EFFORT, MATRIX, QUICK_EFFORT, runAggregates, runMarket, runMatrix } = await import("./matrix");
  const effort = quick ? QUICK_EFFORT : FULL_EFFORT;
  // The app's own connection settings (openDatabase), as a server process would have them.
  const db = openDatabase(file);
  try {
    // The index is built as the server builds it (worker threads on a big board), not by the
    // first timed search.
    // It is loaded from the snapshot beside the database, or built and saved there, as
    // `npm run db:migrate` does at a release, so the served app below starts as it would after one.
    log(`${label}: building the search index (or loading its snapshot)`);
    const built = await startSearchFeed(db, { snapshotPath: searchSnapshotPathFor(file, undefined) ?? undefined });
    await saveSearchSnapshot(db);
    log(`${label}: search index: ${built.roles} roles in ${built.seconds.toFixed(1)} s (${built.source}${built.source === "snapshot" ? "" : `, ${built.workers} threads`})`);
    const now = Date.now();
    log(`${label}: timing ${MATRIX.length} searches (up to ${effort.iterations} runs each)`);
    const matrix = await runMatrix(db, now, effort, label, gate);
    log(`${label}: timing searchAggregates cold and warm`);
    const aggregates = await runAggregates(db, now, effort, label, gate);
    log(`${label}: timing the market page's data`);
    const market = await runMarket(db, now, effort, label, gate);
    return { matrix, aggregates, market };
  } finally {
    stopSearchFeed(db);
    db.$client.close();
  }
}

async function benchSize(size: number, options: RunOptions, gate: QuietGate): Promise<SizeResults> {
  const label = sizeLabel(size);
  const database = ensureDatabase(size);
  const result: SizeResults = {
    size,
    database,
    ...(options.skipMatrix ? { matrix: [], aggregates: [], market: [] } : await inProcess(database.file, label, options.quick, gate)),
    http: null,
  };
  if (options.skipHttp) return result;
  if (options.buildError) {
    result.httpError = options.buildError;
    return result;
  }

  let server;
  try {
    await gate.pass(`${label} server start-up`);
    server = await startServer(database.file, label);
    const figures: ServerFigures = { startupMs: server.startupMs, firstSearchMs: 0, memoryAfterStartup: serverMemory(server.pid), memoryAfterRun: null };
    result.server = figures;
    // Serving /healthz is not serving search when an index is still being built: the first
    // search (one no other part of the bench asks, so no cache is warmed) shows that.
    const t0 = performance.now();
    const first = await fetch(`${server.origin}${FIRST_SEARCH}`, { headers: REQUEST_HEADERS });
    await first.arrayBuffer();
    figures.firstSearchMs = round(performance.now() - t0);
    log(`${label}: first search answered ${ms(figures.firstSearchMs)} ms after /healthz (${first.status}); server RSS ${figures.memoryAfterStartup?.rssMiB ?? "?"} MiB`);

    log(`${label}: load-testing ${HTTP_TARGETS.length} routes`);
    result.http = await measureRoutes(server.origin, options.quick ? QUICK_HTTP : FULL_HTTP, label, gate);

    await gate.pass(`${label} live sections`);
    try {
      result.live = await measureLive(server.origin, server.logFile, database.file, options.quick ? QUICK_LIVE : FULL_LIVE, label);
    } catch (error) {
      result.liveError = error instanceof Error ? error.message : String(error);
      log(`${label}: live sections failed: ${result.liveError}`);
    }
    figures.memoryAfterRun = serverMemory(server.pid);
    log(`${label}: server RSS after the run ${figures.memoryAfterRun?.rssMiB ?? "?"} MiB (peak ${figures.memoryAfterRun?.peakRssMiB ?? "?"} MiB)`);
  } catch (error) {
    result.httpError = error instanceof Error ? error.message : String(error);
    log(`${label}: HTTP measurement failed: ${result.httpError}`);
  } finally {
    await server?.stop();
    if (server) log(`${label}: server stopped; its log is ${server.logFile}`);
  }
  return result;
}

/** Not among the fixed URLs or the long tail's searches. */
const FIRST_SEARCH = "/api/roles?workplace=hybrid&sort=salary_desc";

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseBenchArgs(argv);
  if (!parsed.ok) {
    process.stderr.write(`bench: ${parsed.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (parsed.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const options = parsed.options;
  const started = new Date();
  log(`sizes ${options.sizes.map(sizeLabel).join(", ")}${options.quick ? ", quick" : ""}${options.skipHttp ? ", no HTTP" : ""}`);

  // The machine is shared (tests, builds): wait for quiet before each measurement, up to
  // this long in all; what other processes used is recorded with every figure.
  const gate = new QuietGate(options.quick ? 20_000 : 20 * 60_000);
  // Built once up front, so every size serves the same build.
  let buildError: string | undefined;
  if (!options.skipHttp) {
    try {
      ensureBuild();
    } catch (error) {
      buildError = error instanceof Error ? error.message : String(error);
      log(`no HTTP measurements: ${buildError}`);
    }
  }
  const sizes: SizeResults[] = [];
  for (const size of options.sizes) sizes.push(await benchSize(size, { ...options, buildError }, gate));

  const matrix = options.skipMatrix ? null : await import("./matrix");
  const http = options.quick ? QUICK_HTTP : FULL_HTTP;
  const results: BenchResults = {
    date: started.toISOString(),
    quick: options.quick,
    machine: machineInfo(),
    settings: {
      sizes: options.sizes,
      databaseCache: CACHE_DIR,
      matrix: matrix ? (options.quick ? matrix.QUICK_EFFORT : matrix.FULL_EFFORT) : null,
      aggregateCases: matrix?.AGGREGATE_CASES ?? null,
      skipHttp: options.skipHttp,
      skipMatrix: options.skipMatrix,
      connections: CONNECTIONS,
      httpSeconds: http.seconds,
      httpWarmupSeconds: http.warmupSeconds,
      requestHeaders: REQUEST_HEADERS,
      live: { clients: LIVE_CLIENTS, editIntervalMs: EDIT_INTERVAL_MS, ...(options.quick ? QUICK_LIVE : FULL_LIVE) },
      durationSeconds: Math.round((Date.now() - started.getTime()) / 1000),
      waitedForQuietSeconds: gate.waitedSeconds,
    },
    sizes,
    targets: checkTargets(sizes),
  };

  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, options.quick ? "quick.json" : "latest.json");
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  log(`wrote ${path.relative(ROOT, file)}`);

  process.stdout.write(`\n${markdownSummary(results)}\n`);
  return sizes.some((s) => s.httpError || s.liveError) ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
