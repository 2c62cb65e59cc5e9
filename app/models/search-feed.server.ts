/**
 * Feeds the in-memory search index (app/search) from SQLite: builds it from the listed roles
 * once, then applies the change log (`role_changes`, appended by triggers in every writing
 * transaction; migration 0005) so the index stays exactly as current as the database.
 *
 * When changes are applied: right before every search (one indexed read of the log's tail,
 * a few microseconds when nothing is new) and every 250 ms from a timer in the server. The
 * read before each search is what makes a change visible at once, in the writing process and
 * in every other one (a second server, a script), without the model code that writes having
 * to know about search; the timer keeps the work off the request path and keeps a quiet
 * process from falling a day behind the pruned log.
 *
 * A snapshot of the index on disk (app/search/snapshot.ts) makes a restart fast: the server
 * loads it when it belongs to this very database and the change log still reaches back to it,
 * applies the log from there, and saves a new one after a build, every SNAPSHOT_INTERVAL_MS
 * while something changed, and at a graceful shutdown (see `startSearchFeed`).
 *
 * One index per database connection, kept on globalThis so a development rebuild that
 * re-imports this module does not build a second one.
 */
import crypto from "node:crypto";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { Database, Statement } from "better-sqlite3";
import type { Db } from "../../db/client";
import { SearchIndex, SnapshotError, SnapshotReader, SNAPSHOT_FORMAT_VERSION, type DocumentBlock } from "~/search";
import { companyNames, DOCUMENT_COLUMNS, documentsInRange, rangeStatement, toDocument, type DocumentRow } from "./search-documents.server";
import type { BuildWorkerData } from "./search-build.worker";

/** Log rows applied per catch-up; a larger backlog (a bulk recompute) is spread over ticks. */
const CATCH_UP_BATCH = 5_000;
/** Roles read per query when applying changes. */
const FETCH_CHUNK = 500;
export const FEED_INTERVAL_MS = 250;
/** Below this many role ids a build runs in-process (starting workers costs more). */
const WORKER_BUILD_FROM = 200_000;
const MAX_BUILD_WORKERS = 4;
/** How often a serving process saves a snapshot of its index, when the index changed. */
export const SNAPSHOT_INTERVAL_MS = 10 * 60_000;
/** A snapshot's save is abandoned when the index changes under it; it is tried again this much later. */
const SNAPSHOT_RETRY_MS = 3_000;
const SNAPSHOT_ATTEMPTS = 20;
/**
 * Log rows a loaded snapshot may be behind: applying one costs about 0.6 ms at a million roles,
 * so past this many (or a fiftieth of the board) a build is as quick.
 */
const SNAPSHOT_BACKLOG = 20_000;
/** The build worker runs from source through tsx, like the server itself. */
const WORKER_FILE = path.resolve(process.cwd(), "app/models/search-build-worker.mjs");

interface Feed {
  index: SearchIndex;
  lastSeq: number;
  statements: {
    range: Statement;
    byIds: Statement;
    tail: Statement;
    head: Statement;
    oldest: Statement;
    logRow: Statement;
    idSpan: Statement;
  };
  timer: NodeJS.Timeout | null;
  builds: number;
  snapshot: SnapshotState | null;
}

interface SnapshotState {
  path: string;
  timer: NodeJS.Timeout | null;
  /** The build count and index version the file on disk holds (nothing to save while they match). */
  saved: string | null;
  saving: Promise<SnapshotSaveReport | null> | null;
}

export interface SnapshotSaveReport {
  path: string;
  bytes: number;
  seq: number;
  /** Wall time of the save, and the longest the event loop was held by one slice of it (wall and CPU time). */
  ms: number;
  longestSliceMs: number;
  longestSliceCpuMs: number;
  /** Saves abandoned because the index changed while they were written. */
  abandoned: number;
}

export interface SearchIndexReport {
  roles: number;
  seconds: number;
  /** Where the index came from: a snapshot file or a build from the roles. */
  source: "snapshot" | "build";
  /** Why a snapshot was not used (no snapshot configured: undefined). */
  snapshotRefused?: string;
  /** Change-log rows applied after loading a snapshot. */
  caughtUp: number;
  /** Threads that read and tokenized the roles (1: in-process). */
  workers: number;
  /** Memory held by the index: roaring's bitmaps plus its typed arrays. */
  indexBytes: number;
  rssBytes: number;
}

const holder = globalThis as typeof globalThis & { __tokenboardSearchFeeds?: WeakMap<Database, Feed> };
const feeds = (holder.__tokenboardSearchFeeds ??= new WeakMap());

function prepare(client: Database): Feed["statements"] {
  return {
    range: rangeStatement(client),
    byIds: client
      .prepare(
        `SELECT ${DOCUMENT_COLUMNS} FROM roles AS r JOIN compensation AS c ON c.role_id = r.id JOIN companies AS co ON co.id = r.company_id
         WHERE r.id IN (SELECT value FROM json_each(?))`,
      )
      .raw(true),
    tail: client.prepare("SELECT seq, role_id FROM role_changes WHERE seq > ? ORDER BY seq LIMIT ?").raw(true),
    head: client.prepare("SELECT coalesce(max(seq), 0) FROM role_changes").pluck(),
    oldest: client.prepare("SELECT min(seq) FROM role_changes").pluck(),
    logRow: client.prepare("SELECT role_id, changed_at FROM role_changes WHERE seq = ?").raw(true),
    idSpan: client.prepare("SELECT coalesce(min(id), 0) AS low, coalesce(max(id), 0) AS high FROM roles"),
  };
}

/**
 * Builds (or rebuilds) the index in this thread. The log's head is read first, so changes
 * committed during the pass are applied after it (applying a change twice is harmless).
 */
function build(statements: Feed["statements"], now: number): { index: SearchIndex; lastSeq: number } {
  const lastSeq = statements.head.get() as number;
  const index = SearchIndex.build(documentsInRange(statements.range, companyNames(statements.range.database), 0, Number.MAX_SAFE_INTEGER, now), now);
  return { index, lastSeq };
}

/**
 * The same build spread over worker threads, each reading and tokenizing one range of ids on
 * its own connection while this thread adds their blocks to the index. Reading and cutting
 * up half a gigabyte of descriptions is most of a build at a million roles; one worker per
 * core divides it.
 */
async function buildInWorkers(client: Database, statements: Feed["statements"], now: number, workers: number): Promise<{ index: SearchIndex; lastSeq: number }> {
  const lastSeq = statements.head.get() as number;
  const { low, high } = statements.idSpan.get() as { low: number; high: number };
  const assembler = SearchIndex.assembler(now);
  const step = Math.ceil((high + 1 - low) / workers);
  const started: Worker[] = [];
  try {
    await Promise.all(
    Array.from({ length: workers }, (_, i) => {
      const data: BuildWorkerData = { file: client.name, now, fromId: low + i * step, toId: i === workers - 1 ? high + 1 : low + (i + 1) * step };
      return new Promise<void>((resolve, reject) => {
        const worker = new Worker(WORKER_FILE, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
        started.push(worker);
        worker.on("message", (message: { block?: DocumentBlock; done?: boolean }) => {
          if (message.block) assembler.add(message.block, i);
          if (message.done) resolve();
        });
        worker.once("error", reject);
        worker.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`search index build worker exited with ${code}`))));
      });
    }),
    );
  } catch (error) {
    for (const worker of started) void worker.terminate();
    throw error;
  }
  return { index: assembler.finish(), lastSeq };
}

/**
 * Applies the log rows after the last one applied (at most CATCH_UP_BATCH of them). A gap
 * after the last seq means the rows were pruned before this process read them: rebuild.
 */
function catchUp(feed: Feed, now: number): number {
  const rows = feed.statements.tail.all(feed.lastSeq, CATCH_UP_BATCH) as [number, number][];
  if (rows.length === 0) return 0;
  if (rows[0]![0] > feed.lastSeq + 1) {
    Object.assign(feed, build(feed.statements, now));
    feed.builds++;
    return 0;
  }
  const changed = [...new Set(rows.map((row) => row[1]))];
  for (let start = 0; start < changed.length; start += FETCH_CHUNK) {
    const chunk = changed.slice(start, start + FETCH_CHUNK);
    const found = new Set<number>();
    for (const row of feed.statements.byIds.iterate(JSON.stringify(chunk)) as IterableIterator<DocumentRow>) {
      found.add(row[0]);
      const doc = toDocument(row);
      if (doc) feed.index.upsert(doc, now);
      else feed.index.remove(row[0]);
    }
    for (const id of chunk) if (!found.has(id)) feed.index.remove(id);
  }
  feed.lastSeq = rows[rows.length - 1]![0];
  return rows.length;
}

function feedFor(db: Db, now: number): Feed {
  let feed = feeds.get(db.$client);
  if (!feed) {
    const statements = prepare(db.$client);
    feed = { ...build(statements, now), statements, timer: null, builds: 1, snapshot: null };
    feeds.set(db.$client, feed);
  }
  return feed;
}

/**
 * The index for this database, current with every change committed so far (built on first
 * use). Call it right before answering from it.
 */
export function searchIndex(db: Db, now = Date.now()): SearchIndex {
  const feed = feedFor(db, now);
  catchUp(feed, now);
  return feed.index;
}

export interface StartOptions {
  intervalMs?: number;
  /** Build threads; default: one per core (at most 4) for a large board, else in-process. */
  workers?: number;
  /** The snapshot file (loaded at start when it fits, saved after a build, periodically and at shutdown); null: none. */
  snapshotPath?: string | null;
  /** How often the snapshot is saved while the index changes (default SNAPSHOT_INTERVAL_MS). */
  snapshotIntervalMs?: number;
}

/**
 * Who this database is, as a snapshot records it: a random instance id kept in the database
 * file's header (SQLite's `application_id`, set on first use; a copy or a restored backup
 * carries it too, which the log check below catches) and the migrations applied.
 */
function databaseIdentity(client: Database, assign: boolean): { instance: number; schema: string } {
  let instance = client.pragma("application_id", { simple: true }) as number;
  if (instance === 0 && assign && !client.readonly) {
    instance = crypto.randomInt(1, 2 ** 31 - 1);
    client.pragma(`application_id = ${instance}`);
  }
  let schema = "none";
  try {
    const row = client.prepare("SELECT count(*) AS n, max(created_at) AS last FROM __drizzle_migrations").get() as { n: number; last: number | null };
    schema = `${row.n}:${row.last ?? 0}`;
  } catch {
    // A database made without the migrator: only its instance id tells it apart.
  }
  return { instance, schema };
}

interface SnapshotHeader {
  instance: number;
  schema: string;
  /** The last change-log row the index reflects, and that row's role and time. */
  seq: number;
  anchor: [roleId: number, changedAt: number] | null;
  roles: number;
  savedAt: string;
}

/**
 * The index from the snapshot at `file`, or why it cannot be used. Used only when it was saved
 * from this database (same instance id and migrations) and the change log still holds the very
 * row it was saved at (same seq, role and time: a database restored from a backup, or a copy
 * that went its own way, has another row there or none), and the backlog after it is small
 * enough to apply.
 */
function loadSnapshot(client: Database, statements: Feed["statements"], file: string): { index: SearchIndex; lastSeq: number } | { refused: string } {
  let reader: SnapshotReader;
  try {
    reader = SnapshotReader.open(file);
  } catch (error) {
    return { refused: error instanceof SnapshotError ? error.message : String(error) };
  }
  try {
    const header = reader.header as Partial<SnapshotHeader>;
    const identity = databaseIdentity(client, false);
    if (header.instance !== identity.instance) return { refused: `saved from another database (instance ${header.instance}, this one ${identity.instance})` };
    if (header.schema !== identity.schema) return { refused: `saved under other migrations (${header.schema}, now ${identity.schema})` };
    const seq = header.seq;
    if (typeof seq !== "number" || !Number.isSafeInteger(seq) || seq < 0) return { refused: "no change-log position in its header" };
    const head = statements.head.get() as number;
    if (seq > head) return { refused: `saved at change ${seq}, but this database's log ends at ${head} (restored from a backup?)` };
    if (seq > 0) {
      const row = statements.logRow.get(seq) as [number, number] | undefined;
      if (!row) return { refused: `the change log no longer reaches back to change ${seq} (pruned after a day)` };
      const anchor = header.anchor;
      if (!anchor || anchor[0] !== row[0] || anchor[1] !== row[1]) return { refused: `change ${seq} in this database's log is not the one it was saved at (a restored or copied database)` };
    } else {
      const oldest = statements.oldest.get() as number | null;
      if (oldest !== null && oldest > 1) return { refused: "the change log no longer reaches back to its start" };
    }
    const roles = typeof header.roles === "number" ? header.roles : 0;
    const limit = Math.max(SNAPSHOT_BACKLOG, Math.floor(roles / 50));
    if (head - seq > limit) return { refused: `${head - seq} changes behind the database (a build is quicker past ${limit})` };
    try {
      return { index: SearchIndex.loadSnapshot(reader), lastSeq: seq };
    } catch (error) {
      return { refused: `unusable: ${error instanceof Error ? error.message : String(error)}` };
    }
  } finally {
    reader.close();
  }
}

/**
 * Builds the index now (the server calls this before it listens) and applies the log every
 * FEED_INTERVAL_MS from then on. With a snapshot path, the index is loaded from the snapshot
 * when it fits (see `loadSnapshot`) and caught up from the log before this resolves; after a
 * build a new snapshot is saved in the background. Returns what the start took.
 */
export async function startSearchFeed(db: Db, options: StartOptions = {}): Promise<SearchIndexReport> {
  const started = performance.now();
  const client = db.$client;
  let feed = feeds.get(client);
  let workers = 1;
  let source: SearchIndexReport["source"] = "build";
  let snapshotRefused: string | undefined;
  let caughtUp = 0;
  const snapshotPath = options.snapshotPath && !client.memory ? path.resolve(options.snapshotPath) : null;
  if (!feed) {
    const statements = prepare(client);
    let loaded: { index: SearchIndex; lastSeq: number } | null = null;
    if (snapshotPath) {
      const attempt = loadSnapshot(client, statements, snapshotPath);
      if ("refused" in attempt) snapshotRefused = attempt.refused;
      else loaded = attempt;
    }
    let built: { index: SearchIndex; lastSeq: number } | null = loaded;
    if (loaded) {
      source = "snapshot";
    } else {
      const { high } = statements.idSpan.get() as { high: number };
      workers = options.workers ?? (high >= WORKER_BUILD_FROM && !client.memory ? Math.min(MAX_BUILD_WORKERS, os.availableParallelism()) : 1);
      if (workers > 1) {
        try {
          built = await buildInWorkers(client, statements, Date.now(), workers);
        } catch (error) {
          console.error("search index: the worker build failed; building in-process", error);
          workers = 1;
        }
      }
    }
    // Another caller may have built it in-process meanwhile.
    feed = feeds.get(client) ?? { ...(built ?? build(statements, Date.now())), statements, timer: null, builds: 1, snapshot: null };
    feeds.set(client, feed);
  }
  // A loaded snapshot is caught up whole before serving (the backlog was bounded above).
  for (let applied = catchUp(feed, Date.now()); applied > 0 && source === "snapshot"; applied = catchUp(feed, Date.now())) caughtUp += applied;
  const seconds = (performance.now() - started) / 1000;
  if (!feed.timer) {
    const running = feed;
    const timer = setInterval(() => {
      if (!client.open) {
        clearInterval(timer);
        return;
      }
      try {
        catchUp(running, Date.now());
      } catch (error) {
        // A busy or failing read is retried at the next tick; searches catch up themselves.
        console.error("search index: applying the change log failed", error);
      }
    }, options.intervalMs ?? FEED_INTERVAL_MS);
    // The feed never keeps the process alive on its own.
    timer.unref();
    feed.timer = timer;
  }
  if (snapshotPath && !feed.snapshot) {
    const state: SnapshotState = { path: snapshotPath, timer: null, saved: source === "snapshot" && caughtUp === 0 ? savedMarker(feed) : null, saving: null };
    feed.snapshot = state;
    const running = feed;
    state.timer = setInterval(() => void saveInBackground(db, running), options.snapshotIntervalMs ?? SNAPSHOT_INTERVAL_MS);
    state.timer.unref();
    // A fresh build (or a long catch-up) is worth keeping at once.
    if (state.saved === null) setImmediate(() => void saveInBackground(db, running));
  }
  const stats = feed.index.stats();
  return {
    roles: stats.listed,
    seconds,
    source,
    snapshotRefused,
    caughtUp,
    workers,
    indexBytes: stats.bitmapBytes + stats.arrayBytes,
    rssBytes: process.memoryUsage().rss,
  };
}

function savedMarker(feed: Feed): string {
  return `${feed.builds}:${feed.index.version}`;
}

async function saveInBackground(db: Db, feed: Feed): Promise<void> {
  try {
    const report = await saveSearchSnapshot(db);
    if (report) {
      console.log(
        `search index: snapshot saved at change ${report.seq}, ${Math.round(report.bytes / 1e6)} MB in ${(report.ms / 1000).toFixed(1)} s ` +
          `(longest pause ${report.longestSliceMs.toFixed(1)} ms, ${report.longestSliceCpuMs.toFixed(1)} ms of CPU${report.abandoned ? `; ${report.abandoned} attempts abandoned as the index changed` : ""})`,
      );
    }
  } catch (error) {
    console.error(`search index: saving the snapshot to ${feed.snapshot?.path} failed`, error);
  }
}

/**
 * Saves this connection's index to its snapshot file unless the file already holds this
 * state. A save is abandoned when the index changes while it is written (the file would mix
 * two states) and tried again a few seconds later. Resolves with null when there was nothing
 * to save (no snapshot configured, nothing changed, or every attempt was overtaken).
 */
export function saveSearchSnapshot(db: Db): Promise<SnapshotSaveReport | null> {
  const feed = feeds.get(db.$client);
  const state = feed?.snapshot;
  if (!feed || !state) return Promise.resolve(null);
  state.saving ??= (async () => {
    try {
      for (let attempt = 0; attempt < SNAPSHOT_ATTEMPTS; attempt++) {
        if (!db.$client.open) return null;
        // Expiries first, so the marker and the count below are of the state that is written.
        const now = Date.now();
        feed.index.advance(now);
        const marker = savedMarker(feed);
        if (marker === state.saved) return null;
        const seq = feed.lastSeq;
        const anchor = seq > 0 ? ((feed.statements.logRow.get(seq) as [number, number] | undefined) ?? null) : null;
        if (seq > 0 && !anchor) return null;
        const identity = databaseIdentity(db.$client, true);
        const header: SnapshotHeader = { ...identity, seq, anchor, roles: feed.index.count(now), savedAt: new Date().toISOString() };
        const index = feed.index;
        const written = await index.saveSnapshot(state.path, { ...header, format: SNAPSHOT_FORMAT_VERSION });
        if (written && feed.index === index && savedMarker(feed) === marker) {
          state.saved = marker;
          return { path: state.path, bytes: written.bytes, seq, ms: written.ms, longestSliceMs: written.longestSliceMs, longestSliceCpuMs: written.longestSliceCpuMs, abandoned: attempt };
        }
        await new Promise((resolve) => setTimeout(resolve, SNAPSHOT_RETRY_MS * (0.5 + Math.random())).unref());
      }
      console.warn(`search index: the snapshot was overtaken by changes ${SNAPSHOT_ATTEMPTS} times; trying again at the next interval`);
      return null;
    } finally {
      state.saving = null;
    }
  })();
  return state.saving;
}

/** Stops the timer (graceful shutdown, tests). */
export function stopSearchFeed(db: Db): void {
  const feed = feeds.get(db.$client);
  if (feed?.timer) clearInterval(feed.timer);
  if (feed?.snapshot?.timer) clearInterval(feed.snapshot.timer);
  if (feed) {
    feed.timer = null;
    if (feed.snapshot) feed.snapshot.timer = null;
  }
}

/**
 * The index as the feed last left it, without reading the log first (tests: what the
 * background feed alone has applied); null before it is built.
 */
export function peekSearchIndex(db: Db): SearchIndex | null {
  return feeds.get(db.$client)?.index ?? null;
}

/** How many times this connection's index was built (tests: falling behind the log rebuilds). */
export function searchIndexBuilds(db: Db): number {
  return feeds.get(db.$client)?.builds ?? 0;
}
