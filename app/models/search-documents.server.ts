/**
 * Roles as search documents: the one query shape that reads them (for the start-up build, in
 * id order, and for changes, by id) and the row-to-document mapping, shared by the feeder
 * and its build workers.
 */
import type { Database, Statement } from "better-sqlite3";
import type { SearchDocument } from "../search/document";
import {
  DISCIPLINES,
  EMPLOYMENT_TYPES,
  LEVELS,
  TOOLS,
  WORKPLACES,
  type Discipline,
  type EmploymentType,
  type Level,
  type Tool,
  type Workplace,
} from "../lib/vocabulary";

export const DOCUMENT_COLUMNS = `r.id, r.status, r.company_id, co.slug, co.name, r.workplace, r.level, r.published_at, r.expires_at,
  c.token_usd_per_year, c.salary_max_usd, c.total_max_usd, c.inference_share, c.tools, c.other_tools, r.title, r.description,
  r.discipline, r.employment_type, r.country_codes`;

export type DocumentRow = [
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
  discipline: string,
  employmentType: string,
  countryCodes: string,
];

const WORKPLACE_SET = new Set<string>(WORKPLACES);
const LEVEL_SET = new Set<string>(LEVELS);
const TOOL_SET = new Set<string>(TOOLS);
const DISCIPLINE_SET = new Set<string>(DISCIPLINES);
const EMPLOYMENT_SET = new Set<string>(EMPLOYMENT_TYPES);
/** Country lists by their stored text ("US,CA"): few distinct ones. */
const countryLists = new Map<string, string[]>();

/** The stored country codes as the index takes them: upper-case two-letter codes (anything else is left out). */
export function parseCountries(text: string): string[] {
  let codes = countryLists.get(text);
  if (!codes) {
    codes = [...new Set(text.split(",").map((code) => code.trim().toUpperCase()))].filter((code) => /^[A-Z]{2}$/.test(code));
    if (countryLists.size < 4096) countryLists.set(text, codes);
  }
  return codes;
}

/** The listing's facets the vocabularies allow, or null when a value is outside them (the role cannot be listed). */
function facets(workplace: string, level: string, discipline: string, employmentType: string) {
  if (!WORKPLACE_SET.has(workplace) || !LEVEL_SET.has(level) || !DISCIPLINE_SET.has(discipline) || !EMPLOYMENT_SET.has(employmentType)) return null;
  return { workplace: workplace as Workplace, level: level as Level, discipline: discipline as Discipline, employmentType: employmentType as EmploymentType };
}
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
export function toDocument(row: DocumentRow): SearchDocument | null {
  const [id, status, companyId, companySlug, companyName, workplace, level, publishedAt, expiresAt] = row;
  if (status !== "published" || publishedAt === null || expiresAt === null) return null;
  const known = facets(workplace, level, row[17], row[18]);
  if (!known) return null;
  const tools = parseTools(row[13]);
  return {
    id,
    companyId,
    companySlug,
    ...known,
    countries: parseCountries(row[19]),
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

/** Companies by id, read once for a build (joining them to every row cost a third of the read). */
export type CompanyNames = Map<number, { slug: string; name: string }>;

export function companyNames(client: Database): CompanyNames {
  const rows = client.prepare("SELECT id, slug, name FROM companies").all() as { id: number; slug: string; name: string }[];
  return new Map(rows.map((row) => [row.id, { slug: row.slug, name: row.name }]));
}

/**
 * Published, unexpired roles with ids in [fromId, toId), in id order: one pass over the table
 * (NOT INDEXED keeps SQLite on the rowid range instead of the listing index plus a sort).
 * The company's slug and name come from `companyNames`, not from a join.
 */
export function rangeStatement(client: Database): Statement {
  return client
    .prepare(
      `SELECT r.id, r.company_id, r.workplace, r.level, r.published_at, r.expires_at,
              c.token_usd_per_year, c.salary_max_usd, c.total_max_usd, c.inference_share, c.tools, c.other_tools, r.title, r.description,
              r.discipline, r.employment_type, r.country_codes
       FROM roles AS r NOT INDEXED JOIN compensation AS c ON c.role_id = r.id
       WHERE r.id >= ? AND r.id < ? AND r.status = 'published' AND r.expires_at > ? ORDER BY r.id`,
    )
    .raw(true);
}

type RangeRow = [
  id: number,
  companyId: number,
  workplace: string,
  level: string,
  publishedAt: number,
  expiresAt: number,
  tokenUsdPerYear: number | null,
  salaryMaxUsd: number | null,
  totalMaxUsd: number | null,
  inferenceShare: number | null,
  tools: string,
  otherTools: string,
  title: string,
  description: string,
  discipline: string,
  employmentType: string,
  countryCodes: string,
];

export function* documentsInRange(statement: Statement, companies: CompanyNames, fromId: number, toId: number, now: number): Generator<SearchDocument> {
  for (const row of statement.iterate(fromId, toId, now) as IterableIterator<RangeRow>) {
    const company = companies.get(row[1]);
    if (!company) continue;
    const [id, companyId, workplace, level, publishedAt, expiresAt] = row;
    const known = facets(workplace, level, row[14], row[15]);
    if (!known) continue;
    const tools = parseTools(row[10]);
    yield {
      id,
      companyId,
      companySlug: company.slug,
      ...known,
      countries: parseCountries(row[16]),
      tools,
      publishedAt,
      expiresAt,
      tokenUsdPerYear: row[6],
      salaryMaxUsd: row[7],
      totalMaxUsd: row[8],
      inferenceShare: row[9],
      keywords: { title: row[12], companyName: company.name, description: row[13], tools, otherTools: row[11] },
    };
  }
}
