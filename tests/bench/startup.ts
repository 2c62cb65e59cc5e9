/**
 * Start-up of the production server on a large database, timed from launch to the first 200
 * of a search (`/roles?q=...`), twice: without a search index snapshot (a build, which then
 * saves one) and with it. Reports the server's RSS once serving and the snapshot's size, and
 * appends the figures to tests/bench/results/startup.json.
 *
 *     npx remix build
 *     tsx tests/bench/startup.ts --db /path/to/a/copy.db [--runs 1] [--keep-snapshot]
 *
 * The database is written to (the instance id in its header, the snapshot beside it): use a copy.
 * The server runs as `node --import tsx server.ts` (what `npm run serve` runs, in one process, so
 * its RSS is the server's own).
 */
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

const ROOT = path.resolve(import.meta.dirname, "../..");
const { values } = parseArgs({
  options: {
    db: { type: "string" },
    runs: { type: "string", default: "1" },
    port: { type: "string", default: "3917" },
    query: { type: "string", default: "engineer" },
    "keep-snapshot": { type: "boolean", default: false },
  },
});
if (!values.db) throw new Error("--db is required (a copy of a large database)");
const database = path.resolve(values.db);
const snapshot = `${database}.search-index`;
const port = Number(values.port);

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024);
}

interface Run {
  snapshot: "none" | "present";
  launchToListeningMs: number | null;
  launchToFirstSearchMs: number;
  rssMbAfterStart: number;
  snapshotMb: number | null;
  log: string[];
}

async function startOnce(): Promise<Run> {
  const hadSnapshot = fs.existsSync(snapshot);
  const launched = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "production",
      DATABASE_URL: database,
      PORT: String(port),
      PUBLIC_URL: `http://localhost:${port}`,
      SESSION_SECRET: crypto.randomBytes(32).toString("hex"),
      RATE_LIMITS: "off",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log: string[] = [];
  let listeningAt: number | null = null;
  let savedResolve: () => void = () => {};
  const saved = new Promise<void>((resolve) => (savedResolve = resolve));
  const onLine = (line: string) => {
    if (line.startsWith("{")) return;
    log.push(line);
    if (line.includes("listening on")) listeningAt = performance.now();
    if (line.includes("snapshot saved")) savedResolve();
  };
  for (const stream of [child.stdout!, child.stderr!]) {
    let buffered = "";
    stream.on("data", (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      const lines = buffered.split("\n");
      buffered = lines.pop()!;
      lines.forEach(onLine);
    });
  }
  let firstSearch = 0;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited:\n${log.join("\n")}`);
    try {
      const response = await fetch(`http://localhost:${port}/roles?q=${encodeURIComponent(values.query!)}`);
      await response.arrayBuffer();
      if (response.status === 200) {
        firstSearch = performance.now();
        break;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const rss = rssMb(child.pid!);
  // After a build, wait for the snapshot it saves (the next run loads it).
  if (!hadSnapshot) await Promise.race([saved, new Promise((resolve) => setTimeout(resolve, 120_000))]);
  child.kill("SIGTERM");
  await new Promise((resolve) => child.once("exit", resolve));
  return {
    snapshot: hadSnapshot ? "present" : "none",
    launchToListeningMs: listeningAt === null ? null : Math.round(listeningAt - launched),
    launchToFirstSearchMs: Math.round(firstSearch - launched),
    rssMbAfterStart: rss,
    snapshotMb: fs.existsSync(snapshot) ? Math.round(fs.statSync(snapshot).size / 1e6) : null,
    log: log.filter((line) => /search index|started in|descriptions|snapshot/.test(line)),
  };
}

const runs: Run[] = [];
for (let i = 0; i < Number(values.runs); i++) {
  if (!values["keep-snapshot"]) fs.rmSync(snapshot, { force: true });
  for (const run of [await startOnce(), await startOnce()]) {
    runs.push(run);
    console.log(JSON.stringify(run, null, 2));
  }
}
const resultsFile = path.join(ROOT, "tests/bench/results/startup.json");
const previous = fs.existsSync(resultsFile) ? (JSON.parse(fs.readFileSync(resultsFile, "utf8")) as unknown[]) : [];
previous.push({ at: new Date().toISOString(), database: path.basename(database), roles: runs[0]?.log.find((l) => l.includes("roles in")), runs });
fs.writeFileSync(resultsFile, `${JSON.stringify(previous, null, 2)}\n`);
