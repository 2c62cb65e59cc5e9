/**
 * Candidate search: the one module behind /roles, /api/roles, company pages, feeds, the embed
 * and the landing page's figures. A thin facade over the in-memory search index (app/search,
 * kept current by app/models/search-feed.server.ts): the index answers which roles make the
 * page, the next cursor and every count; the database then reads just the page's rows, by id,
 * in one query. No request reads rows in proportion to the size of the board.
 *
 * Pages are keyset pages: every sort is total (role id breaks ties, roles without a value for
 * the sorted field come last) and the cursor holds the last role's sort key, so paging never
 * repeats or skips a role and costs the same at page 1 and page 5,000.
 *
 * Going back: a page also gets a backward cursor (its first role's key, read "the page that
 * ends before this role"), answered by the index walking the order the other way, so
 * Previous costs what Next costs and stays right while roles come and go (a stack of earlier
 * cursors would grow with every page; an offset would make a deep page cost its depth).
 * Where the visitor is ("21-40 of 1,234") rides along in the cursor as the position of the
 * page's first role: counting the roles before a key exactly would cost a pass over the
 * sort's buckets per page, and the position only labels the page, it never selects roles,
 * so a role published meanwhile can shift the label by one but never the page's contents.
 */
import type { Statement } from "better-sqlite3";
import type { Db } from "../../db/client";
import { CursorError, decodeCursor, encodeCursor } from "~/lib/cursor.server";
import type { SearchFilters, SearchParams } from "~/lib/search-params";
import { DEFAULT_TUNING, type PageStrategy, type SearchAggregates, type SearchTuning, type SortKey } from "~/search";
import { searchIndex } from "./search-feed.server";
import { toSummary, type RoleSummary, type SummaryRow } from "./role.server";

export { CursorError };
export type { SearchAggregates, SearchTuning };

const SUMMARY_SELECT = `
  r.id AS id, r.slug AS slug, r.title AS title, r.level AS level, r.discipline AS discipline,
  r.workplace AS workplace, r.location_text AS locationText, r.country_codes AS countryCodes,
  r.employment_type AS employmentType, r.published_at AS publishedAt, r.expires_at AS expiresAt,
  co.slug AS companySlug, co.name AS companyName,
  c.salary_currency AS salaryCurrency, c.salary_min AS salaryMin, c.salary_max AS salaryMax,
  c.salary_min_usd AS salaryMinUsd, c.salary_max_usd AS salaryMaxUsd,
  c.token_usd_per_year AS tokenUsdPerYear, c.tokens_per_month AS tokensPerMonth,
  c.token_amount AS tokenAmount, c.token_unit AS tokenUnit, c.token_period AS tokenPeriod,
  c.token_cap AS tokenCap, c.token_scope AS tokenScope, c.token_pool_size AS tokenPoolSize,
  c.tools AS tools, c.other_tools AS otherTools,
  c.total_min_usd AS totalMinUsd, c.total_max_usd AS totalMaxUsd, c.inference_share AS inferenceShare,
  pb.slug AS basisSlug, pb.model_name AS basisModelName`;

const statements = new WeakMap<Db["$client"], Statement>();
const companySlugStatements = new WeakMap<Db["$client"], Statement>();

/**
 * The filters with the company given by its current slug: a renamed company's former slug
 * (company_slug_history) still means that company, so feeds, embeds and API links made
 * before the rename keep showing its roles. The index knows current slugs only.
 */
function withCurrentCompanySlug<T extends SearchFilters>(db: Db, filters: T): T {
  if (filters.company === undefined) return filters;
  let statement = companySlugStatements.get(db.$client);
  if (!statement) {
    statement = db.$client
      .prepare(
        `SELECT coalesce((SELECT slug FROM companies WHERE slug = @slug),
                         (SELECT co.slug FROM company_slug_history h JOIN companies co ON co.id = h.company_id WHERE h.slug = @slug))`,
      )
      .pluck();
    companySlugStatements.set(db.$client, statement);
  }
  const current = statement.get({ slug: filters.company }) as string | null;
  return current && current !== filters.company ? { ...filters, company: current } : filters;
}

/**
 * The page's rows, by id, in the given order. A role that stopped being listed since the
 * index answered (another process closed it a moment ago) is left out rather than shown.
 */
function fetchSummaries(db: Db, ids: number[], now: number): RoleSummary[] {
  if (ids.length === 0) return [];
  let statement = statements.get(db.$client);
  if (!statement) {
    statement = db.$client.prepare(
      `SELECT ${SUMMARY_SELECT} FROM roles AS r JOIN compensation AS c ON c.role_id = r.id JOIN companies AS co ON co.id = r.company_id
       LEFT JOIN pricing_bases AS pb ON pb.id = coalesce(c.pricing_basis_id, (SELECT id FROM pricing_bases WHERE is_default = 1))
       WHERE r.id IN (SELECT value FROM json_each(?)) AND r.status = 'published' AND r.expires_at > ?`,
    );
    statements.set(db.$client, statement);
  }
  const rows = new Map((statement.all(JSON.stringify(ids), now) as SummaryRow[]).map((row) => [row.id as number, row]));
  return ids.flatMap((id) => {
    const row = rows.get(id);
    return row ? [toSummary(row)] : [];
  });
}

export interface SearchPage {
  roles: RoleSummary[];
  nextCursor: string | null;
  /** The page before this one (null on the first page). */
  prevCursor: string | null;
  /** The position of the page's first role in the whole result, from 0 (null: not known, a cursor from before positions were kept). */
  start: number | null;
}

/** What a cursor holds: a role's sort key, which way from it the page lies, and the page's position. */
interface Cursor {
  key: SortKey;
  direction: "after" | "before";
  start: number | null;
}

function encodePageCursor(sort: string, cursor: Cursor): string {
  return encodeCursor(sort, [cursor.key[0], cursor.key[1], cursor.start, cursor.direction === "after" ? 1 : -1]);
}

/** The cursor's contents; CursorError (a 400) unless it is a well-formed cursor of this sort (old two-part cursors still work). */
function readCursor(params: SearchParams): Cursor | null {
  if (!params.cursor) return null;
  let parts: (number | null)[];
  try {
    parts = decodeCursor(params.cursor, params.sort, 4);
  } catch {
    parts = decodeCursor(params.cursor, params.sort, 2);
  }
  const [value, id, start = null, direction = 1] = parts;
  const validStart = start === null || (Number.isSafeInteger(start) && start >= 0);
  if (value === undefined || typeof id !== "number" || !Number.isSafeInteger(id) || id < 0 || !validStart || (direction !== 1 && direction !== -1)) {
    throw new CursorError();
  }
  return { key: [value, id], direction: direction === 1 ? "after" : "before", start };
}

/** One page of listed roles matching the filters, in the requested order. */
export function searchRoles(db: Db, params: SearchParams, now: number, tuning: Partial<SearchTuning> = {}): SearchPage {
  return searchPageWithPlan(db, params, now, tuning).page;
}

/** The page and how the index found it (tests and the benchmark look at the strategy). */
export function searchPageWithPlan(
  db: Db,
  params: SearchParams,
  now: number,
  tuning: Partial<SearchTuning> = {},
): { page: SearchPage; strategy: PageStrategy; steps: number } {
  const cursor = readCursor(params);
  const filters = withCurrentCompanySlug(db, params);
  const index = searchIndex(db, now);
  const fullTuning = { ...DEFAULT_TUNING, ...tuning };
  const { sort, limit } = params;
  const after = (key: SortKey, start: number | null) => encodePageCursor(sort, { key, direction: "after", start });
  const before = (key: SortKey, start: number | null) =>
    encodePageCursor(sort, { key, direction: "before", start: start === null ? null : Math.max(0, start - limit) });

  if (cursor?.direction === "before") {
    const back = index.pageBefore({ filters, sort, before: cursor.key, limit }, now, fullTuning);
    // Nothing before it: the visitor is back at the start, so answer the first page itself.
    if (back.previousKey !== null) {
      const start = cursor.start !== null && cursor.start > 0 ? cursor.start : null;
      const last = back.ids[back.ids.length - 1];
      return {
        page: {
          roles: fetchSummaries(db, back.ids, now),
          nextCursor: last === undefined ? null : after(index.sortKeyOf(last, sort) ?? cursor.key, start === null ? null : start + limit),
          prevCursor: before(back.previousKey, start),
          start,
        },
        strategy: "buckets",
        steps: back.steps,
      };
    }
  }
  const forward = cursor?.direction === "after" ? cursor : null;
  const result = index.page({ filters, sort, after: forward?.key ?? null, limit }, now, fullTuning);
  const start = forward ? forward.start : 0;
  const first = result.ids[0];
  const firstKey = first === undefined ? null : index.sortKeyOf(first, sort);
  return {
    page: {
      roles: fetchSummaries(db, result.ids, now),
      nextCursor: result.nextKey ? after(result.nextKey, start === null ? null : start + limit) : null,
      prevCursor: forward && firstKey ? before(firstKey, start) : null,
      start,
    },
    strategy: result.strategy,
    steps: result.steps,
  };
}

/**
 * Everything the filter panel counts: the total, counts per workplace and level (each facet
 * ignoring its own selection, so a visitor sees what picking a value gives), per tool and the
 * token-budget histogram over the results. Exact, from bitmap cardinalities.
 */
export function searchAggregates(db: Db, filters: SearchFilters, now: number): SearchAggregates {
  return searchIndex(db, now).aggregates(withCurrentCompanySlug(db, filters), now);
}

/** The number of listed roles (the landing page's headline figure). */
export function countListedRoles(db: Db, now: number): number {
  return searchIndex(db, now).count(now);
}

const companyNameStatements = new WeakMap<Db["$client"], Statement>();

/** Companies' names by slug, for the few the filter panel lists (one query, bounded by the list). */
export function companyNamesBySlug(db: Db, slugs: string[]): Map<string, string> {
  if (slugs.length === 0) return new Map();
  let statement = companyNameStatements.get(db.$client);
  if (!statement) {
    statement = db.$client.prepare("SELECT slug, name FROM companies WHERE slug IN (SELECT value FROM json_each(?))");
    companyNameStatements.set(db.$client, statement);
  }
  return new Map((statement.all(JSON.stringify(slugs)) as { slug: string; name: string }[]).map((row) => [row.slug, row.name]));
}
