/**
 * The search parameters of DESIGN.md's public contract, validated by one zod schema. The HTML
 * page, the JSON API and the feeds all read them through `parseSearchParams`, so a URL means
 * the same thing everywhere and a bad one gets the same message everywhere.
 *
 * Shared by server and browser (the filter panel builds URLs with `searchParamsFor`).
 */
import { z } from "./zod.server";
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
} from "./vocabulary";

export const SORTS = [
  "newest",
  "tokens_desc",
  "tokens_asc",
  "salary_desc",
  "salary_asc",
  "total_desc",
  "share_desc",
] as const;
export type Sort = (typeof SORTS)[number];
export const SORT_LABELS: Record<Sort, string> = {
  newest: "Newest",
  tokens_desc: "Token budget: high to low",
  tokens_asc: "Token budget: low to high",
  salary_desc: "Salary: high to low",
  salary_asc: "Salary: low to high",
  total_desc: "Total package: high to low",
  share_desc: "Inference share: high to low",
};

/** "Posted within" choices, in days (by the role's publication time). */
export const POSTED_WITHIN_DAYS = [1, 7, 30] as const;
export type PostedWithin = `${(typeof POSTED_WITHIN_DAYS)[number]}`;
export const POSTED_WITHIN_LABELS: Record<PostedWithin, string> = { "1": "Last 24 hours", "7": "Last 7 days", "30": "Last 30 days" };

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;
/** Upper bounds that no real budget or salary reaches; beyond them a value is a typo. */
const MAX_USD_PER_YEAR = 100_000_000;

export interface SearchFilters {
  q?: string;
  minTokenBudget?: number;
  maxTokenBudget?: number;
  minSalary?: number;
  workplace: Workplace[];
  level: Level[];
  tool: Tool[];
  /** The filters added later are optional, so callers that never set them need not list them. */
  discipline?: Discipline[];
  employmentType?: EmploymentType[];
  /** ISO 3166-1 alpha-2 codes, upper case: roles that name any of them. */
  country?: string[];
  /** Days: roles published at most this long ago. */
  postedWithin?: (typeof POSTED_WITHIN_DAYS)[number];
  company?: string;
}

export interface SearchParams extends SearchFilters {
  sort: Sort;
  cursor?: string;
  limit: number;
}

export interface ParamIssue {
  param: string;
  message: string;
}

export type ParsedSearch = { ok: true; params: SearchParams } | { ok: false; issues: ParamIssue[]; params: SearchParams };

const SINGLE = ["q", "minTokenBudget", "maxTokenBudget", "minSalary", "postedWithin", "company", "sort", "cursor", "limit"] as const;
const REPEATABLE = ["workplace", "level", "tool", "discipline", "employmentType", "country"] as const;

/** "120000", "120,000", "120k", "1.5m" → a number of dollars; anything else is refused. */
function dollars(param: string) {
  return z
    .string()
    .trim()
    .transform((text, ctx) => {
      const match = /^\$?(\d{1,3}(?:[,_]\d{3})+|\d{1,12})(\.\d+)?\s*([km])?$/i.exec(text);
      if (!match) {
        ctx.addIssue({ code: "custom", message: `${param} must be a number of US dollars per year, like 50000 or 50k` });
        return z.NEVER;
      }
      const suffix = match[3]?.toLowerCase();
      const value = Number(match[1]!.replace(/[,_]/g, "") + (match[2] ?? "")) * (suffix === "m" ? 1e6 : suffix === "k" ? 1e3 : 1);
      if (value > MAX_USD_PER_YEAR) {
        ctx.addIssue({ code: "custom", message: `${param} must be at most $100M per year` });
        return z.NEVER;
      }
      return value;
    });
}

function oneOf<T extends string>(list: readonly T[], param: string) {
  return z.enum(list as unknown as [T, ...T[]], {
    error: (issue) => `${param} must be one of ${list.join(", ")} (got "${String(issue.input).slice(0, 40)}")`,
  });
}

// Built on first use, which only loaders do: the browser bundle of a page that imports this
// module's constants and link builders (the /roles page) never runs or carries zod, which
// comes through a .server module (an empty module in the browser build).
let built: ReturnType<typeof buildSchema> | undefined;
const schema = () => (built ??= buildSchema());
const buildSchema = () =>
  z
  .object({
    q: z.string().trim().max(200, "q must be at most 200 characters").optional(),
    minTokenBudget: dollars("minTokenBudget").optional(),
    maxTokenBudget: dollars("maxTokenBudget").optional(),
    minSalary: dollars("minSalary").optional(),
    workplace: z.array(oneOf(WORKPLACES, "workplace")).max(WORKPLACES.length * 2).default([]),
    level: z.array(oneOf(LEVELS, "level")).max(LEVELS.length * 2).default([]),
    tool: z.array(oneOf(TOOLS, "tool")).max(TOOLS.length * 2).default([]),
    discipline: z.array(oneOf(DISCIPLINES, "discipline")).max(DISCIPLINES.length * 2).default([]),
    employmentType: z.array(oneOf(EMPLOYMENT_TYPES, "employmentType")).max(EMPLOYMENT_TYPES.length * 2).default([]),
    country: z
      .array(z.string().toUpperCase().regex(/^[A-Z]{2}$/, "country must be a two-letter ISO country code, like US or DE"))
      .max(20, "country may be given at most 20 times")
      .default([]),
    postedWithin: z
      .enum(["1", "7", "30"], { error: "postedWithin must be 1, 7 or 30 (days)" })
      .transform((days) => Number(days) as (typeof POSTED_WITHIN_DAYS)[number])
      .optional(),
    company: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9-]{0,99}$/, "company must be a company slug, like northwind-labs")
      .optional(),
    sort: oneOf(SORTS, "sort").default("newest"),
    cursor: z.string().max(200, "cursor is not valid").optional(),
    limit: z
      .string()
      .trim()
      .regex(/^\d{1,4}$/, `limit must be a whole number from 1 to ${MAX_LIMIT}`)
      .transform(Number)
      .pipe(z.number().min(1, `limit must be a whole number from 1 to ${MAX_LIMIT}`).max(MAX_LIMIT, `limit must be a whole number from 1 to ${MAX_LIMIT}`))
      .default(DEFAULT_LIMIT),
  })
  .superRefine((value, ctx) => {
    if (value.minTokenBudget !== undefined && value.maxTokenBudget !== undefined && value.minTokenBudget > value.maxTokenBudget) {
      ctx.addIssue({ code: "custom", path: ["maxTokenBudget"], message: "maxTokenBudget must be at least minTokenBudget" });
    }
  });

export const NO_FILTERS: SearchFilters = { workplace: [], level: [], tool: [], discipline: [], employmentType: [], country: [] };
const EMPTY: SearchParams = { ...NO_FILTERS, sort: "newest", limit: DEFAULT_LIMIT };

/**
 * Reads the contract's parameters from a query string. Empty values count as absent (a GET
 * form sends every field), unknown parameters are ignored, a single-valued parameter given
 * twice is an error. On failure the parameters that were valid are still returned, so a page
 * can keep the visitor's other choices.
 */
export function parseSearchParams(searchParams: URLSearchParams): ParsedSearch {
  const issues: ParamIssue[] = [];
  const input: Record<string, string | string[]> = {};
  for (const name of SINGLE) {
    const values = searchParams.getAll(name).filter((v) => v.trim() !== "");
    if (values.length > 1) issues.push({ param: name, message: `${name} may be given only once` });
    if (values.length >= 1) input[name] = values[0]!;
  }
  for (const name of REPEATABLE) {
    const values = searchParams.getAll(name).filter((v) => v.trim() !== "");
    input[name] = [...new Set(values.map((v) => v.trim()))];
  }

  const parsed = schema().safeParse(input);
  if (parsed.success && issues.length === 0) {
    const params = parsed.data as SearchParams;
    if (!params.q) delete params.q;
    return { ok: true, params };
  }
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const param = String(issue.path[0] ?? "query");
      if (!issues.some((known) => known.param === param)) issues.push({ param, message: issue.message });
    }
  }
  // Keep what was valid: parse each parameter alone and drop the ones that failed.
  const kept: SearchParams = { ...EMPTY, workplace: [], level: [], tool: [], discipline: [], employmentType: [], country: [] };
  const bad = new Set(issues.map((issue) => issue.param));
  const vocabularies: Record<(typeof REPEATABLE)[number], (value: string) => boolean> = {
    workplace: (v) => (WORKPLACES as readonly string[]).includes(v),
    level: (v) => (LEVELS as readonly string[]).includes(v),
    tool: (v) => (TOOLS as readonly string[]).includes(v),
    discipline: (v) => (DISCIPLINES as readonly string[]).includes(v),
    employmentType: (v) => (EMPLOYMENT_TYPES as readonly string[]).includes(v),
    country: (v) => /^[A-Za-z]{2}$/.test(v),
  };
  const keptInput = Object.fromEntries(
    Object.entries(input)
      .filter(([name]) => !bad.has(name) || (REPEATABLE as readonly string[]).includes(name))
      .map(([name, value]) =>
        Array.isArray(value) && bad.has(name)
          ? [name, value.filter(vocabularies[name as (typeof REPEATABLE)[number]]).slice(0, 20)]
          : [name, value],
      ),
  );
  const partial = schema().safeParse(keptInput);
  if (partial.success) Object.assign(kept, partial.data);
  if (!kept.q) delete kept.q;
  return { ok: false, issues, params: kept };
}

/**
 * A plain GET form's submission (it sends every field, set or not) as the query string of
 * the set values only: without the empty fields and the default sort. Null when no field is
 * empty (a URL someone wrote or a link made: left as it is). Other parameters keep their
 * order and values; unknown ones are left alone.
 */
export function withoutEmptyParams(searchParams: URLSearchParams): string | null {
  const known = new Set<string>([...SINGLE, ...REPEATABLE, "roles"]);
  const entries = [...searchParams];
  if (!entries.some(([name, value]) => known.has(name) && value.trim() === "")) return null;
  const kept = entries.filter(([name, value]) => !(known.has(name) && (value.trim() === "" || (name === "sort" && value === "newest"))));
  return new URLSearchParams(kept).toString();
}

/** The query string for a search (defaults left out), for links, chips and cursors. */
export function searchParamsFor(params: Partial<SearchParams>): URLSearchParams {
  const out = new URLSearchParams();
  if (params.q) out.set("q", params.q);
  if (params.minTokenBudget !== undefined) out.set("minTokenBudget", String(params.minTokenBudget));
  if (params.maxTokenBudget !== undefined) out.set("maxTokenBudget", String(params.maxTokenBudget));
  if (params.minSalary !== undefined) out.set("minSalary", String(params.minSalary));
  for (const value of params.workplace ?? []) out.append("workplace", value);
  for (const value of params.level ?? []) out.append("level", value);
  for (const value of params.tool ?? []) out.append("tool", value);
  for (const value of params.discipline ?? []) out.append("discipline", value);
  for (const value of params.employmentType ?? []) out.append("employmentType", value);
  for (const value of params.country ?? []) out.append("country", value);
  if (params.postedWithin !== undefined) out.set("postedWithin", String(params.postedWithin));
  if (params.company) out.set("company", params.company);
  if (params.sort && params.sort !== "newest") out.set("sort", params.sort);
  if (params.limit && params.limit !== DEFAULT_LIMIT) out.set("limit", String(params.limit));
  if (params.cursor) out.set("cursor", params.cursor);
  return out;
}

/** True when any filter (not sort or paging) is set. */
export function hasFilters(filters: SearchFilters): boolean {
  return Boolean(
    filters.q ||
      filters.minTokenBudget !== undefined ||
      filters.maxTokenBudget !== undefined ||
      filters.minSalary !== undefined ||
      filters.workplace.length ||
      filters.level.length ||
      filters.tool.length ||
      filters.discipline?.length ||
      filters.employmentType?.length ||
      filters.country?.length ||
      filters.postedWithin !== undefined ||
      filters.company,
  );
}

/** Token-budget histogram buckets, USD per year: [from, to). */
export const BUDGET_BUCKETS = [
  { label: "None", from: 0, to: 0.01 },
  { label: "<$1k", from: 0.01, to: 1_000 },
  { label: "$1k-5k", from: 1_000, to: 5_000 },
  { label: "$5k-12k", from: 5_000, to: 12_000 },
  { label: "$12k-25k", from: 12_000, to: 25_000 },
  { label: "$25k-50k", from: 25_000, to: 50_000 },
  { label: "$50k-100k", from: 50_000, to: 100_000 },
  { label: "$100k-250k", from: 100_000, to: 250_000 },
  { label: "$250k+", from: 250_000, to: Number.POSITIVE_INFINITY },
] as const;
