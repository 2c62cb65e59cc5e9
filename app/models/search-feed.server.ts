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
 * One index per database connection, kept on globalThis so a development rebuild that
 * re-imports this module does not build a second one.
 */
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { Database, Statement } from "better-sqlite3";
import type { Db } from "../../db/client";
import { SearchIndex, type DocumentBlock } from "~/search";
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
    idSpan: Statement;
  };
  timer: NodeJS.Timeout | null;
  builds: number;
}

export interface SearchIndexReport {
  roles: number;
  seconds: number;
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
function catchUp(feed: Feed, now: number): void {
  const rows = feed.statements.tail.all(feed.lastSeq, CATCH_UP_BATCH) as [number, number][];
  if (rows.length === 0) return;
  if (rows[0]![0] > feed.lastSeq + 1) {
    Object.assign(feed, build(feed.statements, now));
    feed.builds++;
    return;
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
}

function feedFor(db: Db, now: number): Feed {
  let feed = feeds.get(db.$client);
  if (!feed) {
    const statements = prepare(db.$client);
    feed = { ...build(statements, now), statements, timer: null, builds: 1 };
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
}

/**
 * Builds the index now (the server calls this before it listens) and applies the log every
 * FEED_INTERVAL_MS from then on. Returns what the build took.
 */
export async function startSearchFeed(db: Db, options: StartOptions = {}): Promise<SearchIndexReport> {
  const started = performance.now();
  const client = db.$client;
  let feed = feeds.get(client);
  let workers = 1;
  if (!feed) {
    const statements = prepare(client);
    const { high } = statements.idSpan.get() as { high: number };
    workers = options.workers ?? (high >= WORKER_BUILD_FROM && !client.memory ? Math.min(MAX_BUILD_WORKERS, os.availableParallelism()) : 1);
    let built: { index: SearchIndex; lastSeq: number } | null = null;
    if (workers > 1) {
      try {
        built = await buildInWorkers(client, statements, Date.now(), workers);
      } catch (error) {
        console.error("search index: the worker build failed; building in-process", error);
        workers = 1;
      }
    }
    // Another caller may have built it in-process meanwhile.
    feed = feeds.get(client) ?? { ...(built ?? build(statements, Date.now())), statements, timer: null, builds: 1 };
    feeds.set(client, feed);
  }
  catchUp(feed, Date.now());
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
  const stats = feed.index.stats();
  return { roles: stats.listed, seconds, workers, indexBytes: stats.bitmapBytes + stats.arrayBytes, rssBytes: process.memoryUsage().rss };
}

/** Stops the timer (graceful shutdown, tests). */
export function stopSearchFeed(db: Db): void {
  const feed = feeds.get(db.$client);
  if (feed?.timer) clearInterval(feed.timer);
  if (feed) feed.timer = null;
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
