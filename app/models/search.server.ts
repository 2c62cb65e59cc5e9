/**
 * Candidate search: the one module behind /roles, /api/roles, company pages and feeds.
 *
 * Pages are fetched by keyset: every sort is total (role id breaks ties) and the cursor holds
 * the last row's sort key, so paging never repeats or skips a role and costs the same at page
 * 1 and page 5,000. Each query walks an index chosen here on purpose, not left to the
 * planner: with statistics present SQLite was seen to pick a skip-scan plus a sort that took
 * seconds at a million roles. Which index serves what is noted on each plan below; the
 * EXPLAIN QUERY PLAN test (tests/integration/search-plans.test.ts) holds them to it.
 *
 * Counts, facet counts and the token-budget histogram scan the whole result set, so they are
 * cached per filter set and dropped whenever `listing_version` (bumped by triggers on every
 * listing change, by any process) moves, and at least once a minute as roles expire.
 *
 * This module is SQLite-specific (FTS5, INDEXED BY, row values).
 */
import type { Db } from "../../db/client";
import { CursorError, decodeCursor, encodeCursor } from "~/lib/cursor.server";
import { BUDGET_BUCKETS, type SearchFilters, type SearchParams, type Sort } from "~/lib/search-params";
import { LEVELS, TOOLS, WORKPLACES, type Level, type Tool, type Workplace } from "~/lib/vocabulary";
import { listingVersion } from "./listing-version.server";
import { toSummary, type RoleSummary, type SummaryRow } from "./role.server";

export { CursorError };

interface SortSpec {
  /** Sort key expression; the tie-break is the role id in the same direction. */
  key: string;
  direction: "asc" | "desc";
  /** Index walked in order when no small candidate set is known. */
  index: string;
  /** The table that index belongs to drives the join. */
  drive: "roles" | "compensation";
}

const SORT_SPECS: Record<Sort, SortSpec> = {
  newest: { key: "r.published_at", direction: "desc", index: "roles_listing_newest_idx", drive: "roles" },
  tokens_desc: { key: "c.token_usd_per_year", direction: "desc", index: "compensation_token_usd_idx", drive: "compensation" },
  tokens_asc: { key: "c.token_usd_per_year", direction: "asc", index: "compensation_token_usd_idx", drive: "compensation" },
  salary_desc: { key: "c.salary_max_usd", direction: "desc", index: "compensation_salary_max_idx", drive: "compensation" },
  salary_asc: { key: "c.salary_max_usd", direction: "asc", index: "compensation_salary_max_idx", drive: "compensation" },
  total_desc: { key: "c.total_max_usd", direction: "desc", index: "compensation_total_max_idx", drive: "compensation" },
  share_desc: { key: "c.inference_share", direction: "desc", index: "compensation_share_idx", drive: "compensation" },
};

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
  c.total_min_usd AS totalMinUsd, c.total_max_usd AS totalMaxUsd, c.inference_share AS inferenceShare`;

/** The words of a keyword search: letters and digits only (no FTS syntax), at most 8. */
export function keywordTerms(q: string | undefined): string[] {
  if (!q) return [];
  const words = q.normalize("NFKC").toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words)].slice(0, 8);
}

/**
 * Keyword text to an FTS5 query. A word that is in the index is matched as a word (the porter
 * stemmer already folds "engineers", "engineering" and "Claude"/"claud" together); a word that
 * is not, like the fragment a visitor is still typing ("kubern"), is matched as a prefix. Prefix
 * matching every word would be correct too, but a prefix like "engineer*" merges the lists of
 * every term it expands to and took 50-70 ms per lookup at a million roles, against 0.2 ms.
 * Null when there is no word to search for.
 */
export function ftsQueryFor(db: Db, q: string | undefined): string | null {
  const terms = keywordTerms(q);
  if (terms.length === 0) return null;
  const exists = db.$client.prepare("SELECT 1 FROM roles_fts WHERE roles_fts MATCH ? LIMIT 1");
  return terms
    .map((term) => (term.length >= 2 && !exists.get(`"${term}"`) ? `"${term}"*` : `"${term}"`))
    .join(" ");
}

/**
 * Up to this many keyword matches are fetched and sorted; beyond, the sort index is walked
 * and each row checked against the keywords (few rows are needed when matches are common).
 */
export const KEYWORD_CANDIDATE_LIMIT = 4000;

export interface SearchTuning {
  keywordCandidateLimit: number;
  /** See KEYWORD_WALK_SHARE. */
  keywordWalkShare: number;
}

interface Clause {
  sql: string;
  args: unknown[];
}

/** WHERE conditions for the filters (the listed-role condition included). */
function filterClauses(filters: SearchFilters, now: number, omit: { workplace?: boolean; level?: boolean } = {}): Clause[] {
  const clauses: Clause[] = [{ sql: "r.status = 'published' AND r.expires_at > ?", args: [now] }];
  if (filters.minTokenBudget !== undefined) clauses.push({ sql: "c.token_usd_per_year >= ?", args: [filters.minTokenBudget] });
  if (filters.maxTokenBudget !== undefined) clauses.push({ sql: "c.token_usd_per_year <= ?", args: [filters.maxTokenBudget] });
  if (filters.minSalary !== undefined) clauses.push({ sql: "c.salary_max_usd >= ?", args: [filters.minSalary] });
  if (filters.workplace.length && !omit.workplace) {
    clauses.push({ sql: `r.workplace IN (${filters.workplace.map(() => "?").join(",")})`, args: filters.workplace });
  }
  if (filters.level.length && !omit.level) {
    clauses.push({ sql: `r.level IN (${filters.level.map(() => "?").join(",")})`, args: filters.level });
  }
  for (const tool of filters.tool) {
    // Served by role_tools' primary key (tool, role_id).
    clauses.push({ sql: "EXISTS (SELECT 1 FROM role_tools t WHERE t.tool = ? AND t.role_id = r.id)", args: [tool] });
  }
  if (filters.company) {
    // A renamed company's former slug still means that company (company_slug_history), so
    // feeds, embeds and API links made before the rename keep showing its roles.
    clauses.push({
      sql: "r.company_id = coalesce((SELECT id FROM companies WHERE slug = ?), (SELECT company_id FROM company_slug_history WHERE slug = ?))",
      args: [filters.company, filters.company],
    });
  }
  return clauses;
}

type Plan =
  | { kind: "ordered" } // walk the sort's index
  | { kind: "keyword-candidates"; fts: string } // few keyword matches: fetch them, then sort
  | { kind: "keyword-set-walk"; fts: string } // some matches: walk the sort index, test each row against the match set
  | { kind: "keyword-walk"; fts: string } // very common words: walk the sort index, look each row up in the index
  | { kind: "company" }; // one company's roles: fetch them by company, then sort

/**
 * Above this share of roles matching, looking each walked row up in the keyword index (about
 * 0.16 ms a lookup, 20 / share lookups for a page) beats building the set of all matches once
 * (about 0.25 microseconds a match): the two cost the same near 11% at a million roles.
 */
const KEYWORD_WALK_SHARE = 0.11;
const DEFAULT_TUNING: SearchTuning = { keywordCandidateLimit: KEYWORD_CANDIDATE_LIMIT, keywordWalkShare: KEYWORD_WALK_SHARE };
/** Newest matches sampled to estimate how common a keyword is. */
const KEYWORD_SAMPLE = 2_000;

function choosePlan(db: Db, filters: SearchFilters, overrides: Partial<SearchTuning>): Plan {
  const tuning = { ...DEFAULT_TUNING, ...overrides };
  const fts = ftsQueryFor(db, filters.q);
  if (fts) {
    const matches = countKeywordMatches(db, fts, tuning.keywordCandidateLimit + 1);
    if (matches <= tuning.keywordCandidateLimit) return { kind: "keyword-candidates", fts };
    if (filters.company) return { kind: "company" };
    return keywordShare(db, fts) >= tuning.keywordWalkShare ? { kind: "keyword-walk", fts } : { kind: "keyword-set-walk", fts };
  }
  if (filters.company) return { kind: "company" };
  return { kind: "ordered" };
}

function countKeywordMatches(db: Db, fts: string, cap: number): number {
  const row = db.$client
    .prepare("SELECT count(*) AS n FROM (SELECT rowid FROM roles_fts WHERE roles_fts MATCH ? LIMIT ?)")
    .get(fts, cap) as { n: number };
  return row.n;
}

/**
 * The share of recent roles that match, estimated from the rowid span of the newest
 * KEYWORD_SAMPLE matches. FTS5 reads a match list backwards cheaply (0.4 ms for 2,000 at a
 * million roles) but does not seek on a rowid range (a `rowid > ?` count took 74 ms).
 */
function keywordShare(db: Db, fts: string): number {
  const maxId = (db.$client.prepare("SELECT max(id) AS id FROM roles").get() as { id: number | null }).id ?? 0;
  const sample = db.$client
    .prepare("SELECT count(*) AS n, min(rowid) AS oldest FROM (SELECT rowid FROM roles_fts WHERE roles_fts MATCH ? ORDER BY rowid DESC LIMIT ?)")
    .get(fts, KEYWORD_SAMPLE) as { n: number; oldest: number | null };
  if (!sample.oldest || maxId <= 0) return 1;
  return sample.n / (maxId - sample.oldest + 1);
}

/** FROM clause and keyword condition for a plan. */
function fromFor(plan: Plan, spec: SortSpec): { from: string; where: Clause[] } {
  const where: Clause[] = [];
  const fts = "fts" in plan ? plan.fts : null;
  if (plan.kind === "keyword-candidates") {
    // Roles by rowid from the match list; the sort then runs over at most the candidate limit.
    where.push({ sql: "r.id IN (SELECT rowid FROM roles_fts WHERE roles_fts MATCH ?)", args: [fts] });
    return {
      from: "roles AS r NOT INDEXED JOIN compensation AS c ON c.role_id = r.id JOIN companies AS co ON co.id = r.company_id",
      where,
    };
  }
  // Pushed last, so the cheap conditions on the row are tested before the keyword.
  if (plan.kind === "keyword-set-walk") {
    where.push({ sql: "r.id IN (SELECT rowid FROM roles_fts WHERE roles_fts MATCH ?)", args: [fts] });
  } else if (fts) {
    where.push({ sql: "EXISTS (SELECT 1 FROM roles_fts WHERE roles_fts MATCH ? AND rowid = r.id)", args: [fts] });
  }
  if (plan.kind === "company") {
    // roles_company_status_idx (company_id, status, ...): one company's published roles.
    return {
      from: "roles AS r INDEXED BY roles_company_status_idx JOIN compensation AS c ON c.role_id = r.id JOIN companies AS co ON co.id = r.company_id",
      where,
    };
  }
  if (spec.drive === "roles") {
    return {
      from: `roles AS r INDEXED BY ${spec.index} JOIN compensation AS c ON c.role_id = r.id JOIN companies AS co ON co.id = r.company_id`,
      where,
    };
  }
  // CROSS JOIN keeps compensation (and so its sort index) as the outer loop.
  return {
    from: `compensation AS c INDEXED BY ${spec.index} CROSS JOIN roles AS r ON r.id = c.role_id JOIN companies AS co ON co.id = r.company_id`,
    where,
  };
}

export interface SearchPage {
  roles: RoleSummary[];
  nextCursor: string | null;
}

/** Builds the page query; exported for the query-plan test. */
export function buildPageQuery(
  db: Db,
  params: SearchParams,
  now: number,
  tuning: Partial<SearchTuning> = {},
): { sql: string; args: unknown[]; plan: Plan } {
  const spec = SORT_SPECS[params.sort];
  const plan = choosePlan(db, params, tuning);
  const { from, where } = fromFor(plan, spec);
  const clauses = [...filterClauses(params, now), ...where];
  // Drafts may lack figures, and NULLs sort first: without this an ascending walk would step
  // over every figure-less draft before reaching a listed role. Listed roles always have them.
  if (spec.drive === "compensation") clauses.unshift({ sql: `${spec.key} IS NOT NULL`, args: [] });
  const idColumn = spec.drive === "compensation" && plan.kind !== "company" && plan.kind !== "keyword-candidates" ? "c.role_id" : "r.id";
  if (params.cursor) {
    const [value, id] = decodeCursor(params.cursor, params.sort);
    if (typeof value !== "number" || typeof id !== "number" || !Number.isSafeInteger(id)) throw new CursorError();
    const op = spec.direction === "desc" ? "<" : ">";
    clauses.push({ sql: `(${spec.key}, ${idColumn}) ${op} (?, ?)`, args: [value, id] });
  }
  const dir = spec.direction.toUpperCase();
  const sql = `SELECT ${SUMMARY_SELECT} FROM ${from} WHERE ${clauses.map((c) => c.sql).join(" AND ")}
    ORDER BY ${spec.key} ${dir}, ${idColumn} ${dir} LIMIT ?`;
  return { sql, args: [...clauses.flatMap((c) => c.args), params.limit + 1], plan };
}

/** One page of listed roles matching the filters, in the requested order. */
export function searchRoles(db: Db, params: SearchParams, now: number, tuning: Partial<SearchTuning> = {}): SearchPage {
  const { sql, args } = buildPageQuery(db, params, now, tuning);
  const rows = db.$client.prepare(sql).all(...args) as (SummaryRow & { [key: string]: unknown })[];
  const page = rows.slice(0, params.limit);
  const last = rows.length > params.limit ? page[page.length - 1] : undefined;
  return {
    roles: page.map(toSummary),
    nextCursor: last ? encodeCursor(params.sort, [sortValue(params.sort, last), last.id as number]) : null,
  };
}

function sortValue(sort: Sort, row: SummaryRow): number {
  switch (sort) {
    case "newest":
      return row.publishedAt as number;
    case "tokens_desc":
    case "tokens_asc":
      return row.tokenUsdPerYear as number;
    case "salary_desc":
    case "salary_asc":
      return row.salaryMaxUsd as number;
    case "total_desc":
      return row.totalMaxUsd as number;
    case "share_desc":
      return row.inferenceShare as number;
  }
}

// ---------------------------------------------------------------------------------------
// Counts, facets and the histogram

export interface SearchAggregates {
  total: number;
  /** Roles per workplace with every other filter applied (so a visitor sees what adding one gives). */
  workplace: Record<Workplace, number>;
  level: Record<Level, number>;
  /** Roles in the current results that provide each tool. */
  tool: Record<Tool, number>;
  /** Counts per BUDGET_BUCKETS entry over the current results. */
  budgetHistogram: number[];
}

/**
 * Everything the filter panel counts, in one pass over the rows that match the filters other
 * than workplace and level; those two are applied inside the sums, so each facet's counts
 * ignore that facet's own selection and the total respects all of them.
 */
function computeAggregates(db: Db, filters: SearchFilters, now: number): SearchAggregates {
  const clauses = filterClauses(filters, now, { workplace: true, level: true });
  const fts = ftsQueryFor(db, filters.q);
  if (fts) clauses.push({ sql: "r.id IN (SELECT rowid FROM roles_fts WHERE roles_fts MATCH ?)", args: [fts] });
  const workplaceOk = filters.workplace.length ? `r.workplace IN (${filters.workplace.map((w) => `'${w}'`).join(",")})` : "1";
  const levelOk = filters.level.length ? `r.level IN (${filters.level.map((l) => `'${l}'`).join(",")})` : "1";
  const all = `(${workplaceOk} AND ${levelOk})`;
  // Values interpolated below come from the closed vocabularies (validated), never from input.
  const sums = [
    `sum(${all}) AS total`,
    ...WORKPLACES.map((w) => `sum(r.workplace = '${w}' AND ${levelOk}) AS "workplace:${w}"`),
    ...LEVELS.map((l) => `sum(r.level = '${l}' AND ${workplaceOk}) AS "level:${l}"`),
    ...TOOLS.map((t) => `sum(${all} AND instr(c.tools, '"${t}"') > 0) AS "tool:${t}"`),
    ...BUDGET_BUCKETS.map(
      (b, i) =>
        `sum(${all} AND c.token_usd_per_year >= ${b.from}${Number.isFinite(b.to) ? ` AND c.token_usd_per_year < ${b.to}` : ""}) AS "bucket:${i}"`,
    ),
  ];
  const companyIndex = filters.company ? "INDEXED BY roles_company_status_idx" : "";
  const sql = `SELECT ${sums.join(", ")} FROM roles AS r ${companyIndex} JOIN compensation AS c ON c.role_id = r.id
    WHERE ${clauses.map((c) => c.sql).join(" AND ")}`;
  const row = db.$client.prepare(sql).get(...clauses.flatMap((c) => c.args)) as Record<string, number | null>;
  const n = (key: string) => row[key] ?? 0;
  return {
    total: n("total"),
    workplace: Object.fromEntries(WORKPLACES.map((w) => [w, n(`workplace:${w}`)])) as Record<Workplace, number>,
    level: Object.fromEntries(LEVELS.map((l) => [l, n(`level:${l}`)])) as Record<Level, number>,
    tool: Object.fromEntries(TOOLS.map((t) => [t, n(`tool:${t}`)])) as Record<Tool, number>,
    budgetHistogram: BUDGET_BUCKETS.map((_, i) => n(`bucket:${i}`)),
  };
}

const AGGREGATE_CACHE_SIZE = 500;
const aggregateCache = new Map<string, SearchAggregates>();

/** Aggregates for a filter set, from the cache while the listing has not changed. */
export function searchAggregates(db: Db, filters: SearchFilters, now: number): SearchAggregates {
  // Counted as of the start of the minute, so every request in that minute shares the entry.
  const minute = Math.floor(now / 60_000) * 60_000;
  const key = JSON.stringify([
    db.$client.name,
    listingVersion(db),
    minute,
    filters.q ?? null,
    filters.minTokenBudget ?? null,
    filters.maxTokenBudget ?? null,
    filters.minSalary ?? null,
    [...filters.workplace].sort(),
    [...filters.level].sort(),
    [...filters.tool].sort(),
    filters.company ?? null,
  ]);
  const cached = aggregateCache.get(key);
  if (cached) {
    // Refresh its place: the Map's insertion order is the eviction order.
    aggregateCache.delete(key);
    aggregateCache.set(key, cached);
    return cached;
  }
  const value = computeAggregates(db, filters, minute);
  aggregateCache.set(key, value);
  if (aggregateCache.size > AGGREGATE_CACHE_SIZE) aggregateCache.delete(aggregateCache.keys().next().value as string);
  return value;
}

/** The number of listed roles (the landing page's headline figure). */
export function countListedRoles(db: Db, now: number): number {
  return searchAggregates(db, { workplace: [], level: [], tool: [] }, now).total;
}
