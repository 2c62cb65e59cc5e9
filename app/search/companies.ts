/**
 * A page of the company directory's figures from the search index: each company's listed
 * roles and their median token budget (USD a year, type-7 like every median here), from the
 * company's bitmap and the tokens field's order statistics. A few bitmap operations per
 * company on the page, whatever the size of the board.
 */
import type { SearchIndex } from "./index";
import { quantilesOf } from "./market";

export interface CompanyFigures {
  openRoles: number;
  /** Null when none of its listed roles states a budget. */
  medianTokenBudget: number | null;
}

export function companyFigures(index: SearchIndex, companyIds: readonly number[], now: number): Map<number, CompanyFigures> {
  const figures = new Map<number, CompanyFigures>();
  for (const companyId of companyIds) {
    const roles = index.companyRoles(companyId, now);
    try {
      figures.set(companyId, { openRoles: roles.size, medianTokenBudget: quantilesOf(index, "tokens", roles, [0.5])?.values[0] ?? null });
    } finally {
      roles.dispose();
    }
  }
  return figures;
}
