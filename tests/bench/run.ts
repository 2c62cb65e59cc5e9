/**
 * npm run bench -- [--sizes 100000,1000000] [--quick] [--skip-http]
 *
 * For each size: build or reuse the seeded database, time the search matrix and the facet
 * aggregates in-process, then serve the production build on that database and load it with
 * autocannon. Writes tests/bench/results/latest.json (quick runs: quick.json) and ends with
 * a Markdown table and whether each target is met. Progress goes to stderr; the table to
 * stdout.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "../../db/client";
import { ensureDatabase, ROOT } from "./databases";
import { CONNECTIONS, ensureBuild, FULL_HTTP, HTTP_TARGETS, measureRoutes, QUICK_HTTP, REQUEST_HEADERS, startServer } from "./http";
import { AGGREGATE_CASES, FULL_EFFORT, MATRIX, QUICK_EFFORT, runAggregates, runMarket, runMatrix } from "./matrix";
import { parseBenchArgs, USAGE } from "./options";
import { checkTargets, markdownSummary, type BenchResults, type SizeResults } from "./report";
import { log, QuietGate, sizeLabel } from "./stats";

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

async function benchSize(
  size: number,
  options: { quick: boolean; skipHttp: boolean; buildError: string | undefined },
  gate: QuietGate,
): Promise<SizeResults> {
  const label = sizeLabel(size);
  const database = ensureDatabase(size);
  const effort = options.quick ? QUICK_EFFORT : FULL_EFFORT;

  // The app's own connection settings (openDatabase), as a server process would have them.
  const db = openDatabase(database.file);
  let matrix;
  let aggregates;
  let market;
  try {
    const now = Date.now();
    log(`${label}: timing ${MATRIX.length} searches (up to ${effort.iterations} runs each)`);
    matrix = await runMatrix(db, now, effort, label, gate);
    log(`${label}: timing searchAggregates cold and warm`);
    aggregates = await runAggregates(db, now, effort, label, gate);
    log(`${label}: timing the market page's data`);
    market = await runMarket(db, now, effort, label, gate);
  } finally {
    db.$client.close();
  }

  const result: SizeResults = {
    size,
    database: { ...database, file: path.relative(ROOT, database.file) },
    matrix,
    aggregates,
    market,
    http: null,
  };
  if (options.skipHttp) return result;
  if (options.buildError) {
    result.httpError = options.buildError;
    return result;
  }

  let server;
  try {
    server = await startServer(database.file, label);
    log(`${label}: load-testing ${HTTP_TARGETS.length} routes`);
    result.http = await measureRoutes(server.origin, options.quick ? QUICK_HTTP : FULL_HTTP, label, gate);
  } catch (error) {
    result.httpError = error instanceof Error ? error.message : String(error);
    log(`${label}: HTTP measurement failed: ${result.httpError}`);
  } finally {
    await server?.stop();
    if (server) log(`${label}: server stopped`);
  }
  return result;
}

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

  const effort = options.quick ? QUICK_EFFORT : FULL_EFFORT;
  const http = options.quick ? QUICK_HTTP : FULL_HTTP;
  const results: BenchResults = {
    date: started.toISOString(),
    quick: options.quick,
    machine: machineInfo(),
    settings: {
      sizes: options.sizes,
      matrix: effort,
      aggregateCases: AGGREGATE_CASES,
      skipHttp: options.skipHttp,
      connections: CONNECTIONS,
      httpSeconds: http.seconds,
      httpWarmupSeconds: http.warmupSeconds,
      requestHeaders: REQUEST_HEADERS,
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
  return sizes.some((s) => s.httpError) ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
