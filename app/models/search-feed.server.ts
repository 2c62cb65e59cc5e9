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
import type { Database, Statement } from "better-sqlite3";
import type { Db } from "../../db/client";
import { SearchIndex, type SearchDocument } from "~/search";
import { LEVELS, TOOLS, WORKPLACES, type Level, type Tool, type Workplace } from "~/lib/vocabulary";

/** Log rows applied per catch-up; a larger backlog (a bulk recompute) is spread over ticks. */
const CATCH_UP_BATCH = 5_000;
/** Roles read per query when applying changes. */
const FETCH_CHUNK = 500;
export const FEED_INTERVAL_MS = 250;

const DOCUMENT_COLUMNS = `r.id, r.status, r.company_id, co.slug, co.name, r.workplace, r.level, r.published_at, r.expires_at,
  c.token_usd_per_year, c.salary_max_usd, c.total_max_usd, c.inference_share, c.tools, c.other_tools, r.title, r.description`;

type DocumentRow = [
  id: number,
  status: string,
  companyId: number,
  companySlug: string,
  companyName: string,
  workplace: string,
  level: string,
  publishedAt: number | null,
  expiresAt: number | null,
  tokenUsdPerYear: number | null,
  salaryMaxUsd: number | null,
  totalMaxUsd: number | null,
  inferenceShare: number | null,
  tools: string,
  otherTools: string,
  title: string,
  description: string,
];

interface Feed {
  index: SearchIndex;
  lastSeq: number;
  statements: {
    all: Statement;
    byIds: Statement;
    tail: Statement;
    head: Statement;
  };
  timer: NodeJS.Timeout | null;
  builds: number;
}

export interface SearchIndexReport {
  roles: number;
  seconds: number;
  /** Memory held by the index: roaring's bitmaps plus its typed arrays. */
  indexBytes: number;
  rssBytes: number;
}

const holder = globalThis as typeof globalThis & { __tokenboardSearchFeeds?: WeakMap<Database, Feed> };
const feeds = (holder.__tokenboardSearchFeeds ??= new WeakMap());

const WORKPLACE_SET = new Set<string>(WORKPLACES);
const LEVEL_SET = new Set<string>(LEVELS);
const TOOL_SET = new Set<string>(TOOLS);
/** Tool lists by their JSON text: a board has few distinct combinations. */
const toolLists = new Map<string, Tool[]>();

function parseTools(json: string): Tool[] {
  let tools = toolLists.get(json);
  if (!tools) {
    let parsed: unknown = [];
    try {
      parsed = JSON.parse(json);
    } catch {
      parsed = [];
    }
    tools = Array.isArray(parsed) ? parsed.filter((t): t is Tool => typeof t === "string" && TOOL_SET.has(t)) : [];
    if (toolLists.size < 4096) toolLists.set(json, tools);
  }
  return tools;
}

/** A published role as a search document; null when it cannot be listed (no dates, values outside the vocabulary). */
function toDocument(row: DocumentRow): SearchDocument | null {
  const [id, status, companyId, companySlug, companyName, workplace, level, publishedAt, expiresAt] = row;
  if (status !== "published" || publishedAt === null || expiresAt === null) return null;
  if (!WORKPLACE_SET.has(workplace) || !LEVEL_SET.has(level)) return null;
  const tools = parseTools(row[13]);
  return {
    id,
    companyId,
    companySlug,
    workplace: workplace as Workplace,
    level: level as Level,
    tools,
    publishedAt,
    expiresAt,
    tokenUsdPerYear: row[9],
    salaryMaxUsd: row[10],
    totalMaxUsd: row[11],
    inferenceShare: row[12],
    keywords: { title: row[15], companyName, description: row[16], tools, otherTools: row[14] },
  };
}

function prepare(client: Database): Feed["statements"] {
  return {
    // NOT INDEXED: one pass over the table in id order (the build wants ascending ids).
    all: client
      .prepare(
        `SELECT ${DOCUMENT_COLUMNS} FROM roles AS r NOT INDEXED JOIN compensation AS c ON c.role_id = r.id JOIN companies AS co ON co.id = r.company_id
         WHERE r.status = 'published' AND r.expires_at > ? ORDER BY r.id`,
      )
      .raw(true),
    byIds: client
      .prepare(
        `SELECT ${DOCUMENT_COLUMNS} FROM roles AS r JOIN compensation AS c ON c.role_id = r.id JOIN companies AS co ON co.id = r.company_id
         WHERE r.id IN (SELECT value FROM json_each(?))`,
      )
      .raw(true),
    tail: client.prepare("SELECT seq, role_id FROM role_changes WHERE seq > ? ORDER BY seq LIMIT ?").raw(true),
    head: client.prepare("SELECT coalesce(max(seq), 0) FROM role_changes").pluck(),
  };
}

function* documents(statement: Statement, now: number): Generator<SearchDocument> {
  for (const row of statement.iterate(now) as IterableIterator<DocumentRow>) {
    const doc = toDocument(row);
    if (doc) yield doc;
  }
}

/** Builds (or rebuilds) the index: the log's head first, so changes made during the pass are applied after it. */
function build(feed: Pick<Feed, "statements">, now: number): { index: SearchIndex; lastSeq: number } {
  const lastSeq = feed.statements.head.get() as number;
  const index = SearchIndex.build(documents(feed.statements.all, now), now);
  return { index, lastSeq };
}

/**
 * Applies the log rows after the last one applied (at most CATCH_UP_BATCH of them). A gap
 * after the last seq means the rows were pruned before this process read them: rebuild.
 */
function catchUp(feed: Feed, now: number): void {
  const rows = feed.statements.tail.all(feed.lastSeq, CATCH_UP_BATCH) as [number, number][];
  if (rows.length === 0) return;
  if (rows[0]![0] > feed.lastSeq + 1) {
    Object.assign(feed, build(feed, now));
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
    feed = { ...build({ statements }, now), statements, timer: null, builds: 1 };
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

/**
 * Builds the index now (the server calls this before it listens) and applies the log every
 * FEED_INTERVAL_MS from then on. Returns what the build took.
 */
export function startSearchFeed(db: Db, intervalMs = FEED_INTERVAL_MS): SearchIndexReport {
  const started = performance.now();
  const feed = feedFor(db, Date.now());
  catchUp(feed, Date.now());
  const seconds = (performance.now() - started) / 1000;
  if (!feed.timer) {
    const timer = setInterval(() => {
      if (!db.$client.open) {
        clearInterval(timer);
        return;
      }
      try {
        catchUp(feed, Date.now());
      } catch (error) {
        // A busy or failing read is retried at the next tick; searches catch up themselves.
        console.error("search index: applying the change log failed", error);
      }
    }, intervalMs);
    feed.timer = timer;
    // The feed never keeps the process alive on its own.
    feed.timer.unref();
  }
  const stats = feed.index.stats();
  return { roles: stats.listed, seconds, indexBytes: stats.bitmapBytes + stats.arrayBytes, rssBytes: process.memoryUsage().rss };
}

/** Stops the timer (graceful shutdown, tests). */
export function stopSearchFeed(db: Db): void {
  const feed = feeds.get(db.$client);
  if (feed?.timer) clearInterval(feed.timer);
  if (feed) feed.timer = null;
}

/** How many times this connection's index was built (tests: falling behind the log rebuilds). */
export function searchIndexBuilds(db: Db): number {
  return feeds.get(db.$client)?.builds ?? 0;
}
