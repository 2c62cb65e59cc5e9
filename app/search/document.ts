/**
 * What the index knows of a role: the document the feeder hands it, the numeric fields it
 * sorts and bounds on, and the small codes it stores per role.
 */
import type { Sort } from "~/lib/search-params";
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
} from "~/lib/vocabulary";
import type { KeywordSource } from "./tokenize";

/** A published role as the index sees it. */
export interface SearchDocument {
  id: number;
  companyId: number;
  companySlug: string;
  workplace: Workplace;
  level: Level;
  discipline: Discipline;
  employmentType: EmploymentType;
  /** ISO 3166-1 alpha-2 codes, upper case (none: the role names no country). */
  countries: readonly string[];
  tools: readonly Tool[];
  publishedAt: number;
  expiresAt: number;
  tokenUsdPerYear: number | null;
  salaryMaxUsd: number | null;
  totalMaxUsd: number | null;
  inferenceShare: number | null;
  keywords: KeywordSource;
}

export const DIMENSIONS = ["published", "tokens", "salary", "total", "share"] as const;
export type DimensionName = (typeof DIMENSIONS)[number];

/** Each sort: the field it orders by and its direction; ties go by role id the same way. */
export const SORT_ORDERS: Record<Sort, { dimension: DimensionName; descending: boolean }> = {
  newest: { dimension: "published", descending: true },
  tokens_desc: { dimension: "tokens", descending: true },
  tokens_asc: { dimension: "tokens", descending: false },
  salary_desc: { dimension: "salary", descending: true },
  salary_asc: { dimension: "salary", descending: false },
  total_desc: { dimension: "total", descending: true },
  share_desc: { dimension: "share", descending: true },
};

/** The value a document sorts by in each dimension. */
export function dimensionValue(doc: SearchDocument, dimension: DimensionName): number | null {
  switch (dimension) {
    case "published":
      return doc.publishedAt;
    case "tokens":
      return doc.tokenUsdPerYear;
    case "salary":
      return doc.salaryMaxUsd;
    case "total":
      return doc.totalMaxUsd;
    case "share":
      return doc.inferenceShare;
  }
}

export const WORKPLACE_CODE = new Map(WORKPLACES.map((w, i) => [w, i]));
export const LEVEL_CODE = new Map(LEVELS.map((l, i) => [l, i]));
export const DISCIPLINE_CODE = new Map(DISCIPLINES.map((d, i) => [d, i]));
export const EMPLOYMENT_CODE = new Map(EMPLOYMENT_TYPES.map((e, i) => [e, i]));
export const TOOL_BIT = new Map(TOOLS.map((t, i) => [t, 1 << i]));

export function toolMask(tools: readonly Tool[]): number {
  let mask = 0;
  for (const tool of tools) mask |= TOOL_BIT.get(tool) ?? 0;
  return mask;
}

/** A role's countries as one key ("DE,US": sorted, distinct), the unit the index interns. */
export function countryKey(countries: readonly string[]): string {
  return [...new Set(countries)].sort().join(",");
}
