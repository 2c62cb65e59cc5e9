/**
 * The production server as a child process, for the benchmark and the stress tests: build it
 * when needed, start `tsx server.ts` in production mode on a given database and a free port,
 * wait for /healthz, and stop it (gracefully) or kill it (SIGKILL, as a crash would) as a
 * whole process group, since tsx runs the real node process as its own child.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");

type Log = (message: string) => void;

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

function buildIsCurrent(): boolean {
  const output = path.join(ROOT, "build/index.js");
  const inputs = [
    newestMtime(path.join(ROOT, "app")),
    ...["remix.config.js", "postcss.config.js"].map((file) => {
      const full = path.join(ROOT, file);
      return fs.existsSync(full) ? fs.statSync(full).mtimeMs : 0;
    }),
  ];
  const built = fs.existsSync(output) ? fs.statSync(output).mtimeMs : 0;
  return built >= Math.max(...inputs);
}

/** Blocks the thread (the build is synchronous, and so is waiting for another process' build). */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

// Test files run in parallel processes and each may find the build stale: one builds while the
// others wait, instead of several `remix build`s writing the same files at once.
const BUILD_LOCK = path.join(ROOT, ".cache/tokenboard-build.lock");
const STALE_LOCK_MS = 10 * 60_000;

/** Runs `remix build` when build/index.js is missing or older than the app's sources. */
export function ensureBuild(log: Log = (message) => console.log(message)): void {
  if (buildIsCurrent()) {
    log("build/index.js is up to date");
    return;
  }
  fs.mkdirSync(path.dirname(BUILD_LOCK), { recursive: true });
  const waitUntil = Date.now() + STALE_LOCK_MS;
  for (;;) {
    try {
      fs.mkdirSync(BUILD_LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      // A lock left by a build that was killed must not block every later run.
      const age = Date.now() - (fs.statSync(BUILD_LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS || Date.now() > waitUntil) fs.rmSync(BUILD_LOCK, { recursive: true, force: true });
      else sleepSync(500);
    }
  }
  try {
    // Another process may have built while this one waited.
    if (buildIsCurrent()) {
      log("build/index.js is up to date (built by another process)");
      return;
    }
    log(fs.existsSync(path.join(ROOT, "build/index.js")) ? "app/ changed since the last build: running remix build" : "no build yet: running remix build");
    const result = spawnSync(path.join(ROOT, "node_modules/.bin/remix"), ["build"], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
    if (result.status !== 0) throw new Error(`remix build failed (exit ${result.status ?? result.signal})`);
  } finally {
    fs.rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------
// The server

export function freePort(): Promise<number> {
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

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** Every group started here and not yet known to be gone, so an exit can take them along. */
const groups = new Set<number>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Whatever ends this process (a failed test, a thrown error), no server outlives it.
  process.on("exit", () => {
    for (const pid of groups) signalGroup(pid, "SIGKILL");
  });
}

/** For command-line tools: Ctrl-C or a kill stops the servers too, then exits. */
export function stopServersOnSignals(log: Log = (message) => console.error(message)): void {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping the server and exiting`);
      for (const pid of groups) signalGroup(pid, "SIGKILL");
      process.exit(130);
    });
  }
}

export interface ServerOptions {
  databaseFile: string;
  /** Where the server's stdout and stderr go (overwritten). */
  logFile: string;
  /** Defaults to a free port. */
  port?: number;
  /** Defaults to a fresh random one. */
  sessionSecret?: string;
  /** Extra environment (e.g. RATE_LIMITS=off). */
  env?: Record<string, string>;
  startupTimeoutMs?: number;
  /** How often /healthz is tried during start-up (default 100 ms; the bench times start-up). */
  healthPollMs?: number;
}

export interface ServerProcess {
  origin: string;
  port: number;
  pid: number;
  logFile: string;
  /** True until the leader has exited. */
  isRunning(): boolean;
  /** SIGTERM (graceful shutdown), SIGKILL after 5 s; resolves when the whole group is gone. */
  stop(): Promise<void>;
  /** SIGKILL to the whole group at once, as a crash or an OOM kill would; resolves when it is gone. */
  kill(): Promise<void>;
  /** The last lines of the server's log, for error messages. */
  logTail(lines?: number): string;
}

/** The environment of this process without the test runner's own variables. */
function inheritedEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(VITEST|TINYPOOL)/.test(key)) env[key] = value;
  }
  return env;
}

export async function startServer(options: ServerOptions): Promise<ServerProcess> {
  installExitHook();
  const port = options.port ?? (await freePort());
  const origin = `http://127.0.0.1:${port}`;
  const out = fs.openSync(options.logFile, "w");
  let child: ChildProcess;
  try {
    child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["server.ts"], {
      cwd: ROOT,
      detached: true, // its own process group, so the group can be signalled as one
      stdio: ["ignore", out, out],
      env: {
        ...inheritedEnv(),
        NODE_ENV: "production",
        SESSION_SECRET: options.sessionSecret ?? crypto.randomBytes(32).toString("hex"),
        DATABASE_URL: options.databaseFile,
        PORT: String(port),
        // Required in production; the address the tests reach it at.
        PUBLIC_URL: origin,
        ...options.env,
      },
    });
  } finally {
    fs.closeSync(out);
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error("could not start the server (no pid)");
  groups.add(pid);
  let leaderExited = false;
  const exited = new Promise<void>((resolve) =>
    child.once("exit", () => {
      leaderExited = true;
      resolve();
    }),
  );

  const logTail = (lines = 20) => {
    try {
      return fs.readFileSync(options.logFile, "utf8").split("\n").slice(-lines).join("\n");
    } catch {
      return "(no log)";
    }
  };

  /** Waits for the leader, then for every process of the group (node under tsx) to be gone. */
  const gone = async () => {
    await exited;
    const deadline = Date.now() + 10_000;
    while (groupAlive(pid) && Date.now() < deadline) {
      signalGroup(pid, "SIGKILL");
      await sleep(20);
    }
    if (groupAlive(pid)) throw new Error(`server process group ${pid} is still alive after SIGKILL`);
    groups.delete(pid);
  };

  const kill = async () => {
    signalGroup(pid, "SIGKILL");
    await gone();
  };

  const stop = async () => {
    if (!leaderExited) {
      signalGroup(pid, "SIGTERM");
      const timer = setTimeout(() => signalGroup(pid, "SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    }
    // The group may outlive its leader for a moment; make sure nothing is left.
    await kill();
  };

  const deadline = Date.now() + (options.startupTimeoutMs ?? 60_000);
  for (;;) {
    if (leaderExited) {
      await kill();
      throw new Error(`the server exited during startup; see ${options.logFile}:\n${logTail()}`);
    }
    try {
      const response = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not answer /healthz in time; see ${options.logFile}:\n${logTail()}`);
    }
    await sleep(options.healthPollMs ?? 100);
  }
  return { origin, port, pid, logFile: options.logFile, isRunning: () => !leaderExited, stop, kill, logTail };
}
