/**
 * Reading and writing roles with their compensation. Every write of a package goes through
 * `writeCompensation`, which runs the one normalization function, so the stored figures that
 * lists filter and sort on always match what the employer stated.
 */
import { and, asc, eq, gt, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { companies, compensation, exchangeRates, pricingBases, roles, roleTools } from "../../db/schema";
import { normalizeCompensation, type PriceBasis, type StatedCompensation } from "~/lib/normalize";
import type { Level, TokenCap, TokenPeriod, TokenScope, TokenUnit, Tool, Workplace, EmploymentType } from "~/lib/vocabulary";

/** A role as lists, cards and the JSON API show it (DESIGN.md's public Role shape). */
export interface RoleSummary {
  id: number;
  slug: string;
  url: string;
  title: string;
  level: Level;
  discipline: string;
  workplace: Workplace;
  location: string;
  countryCodes: string[];
  employmentType: EmploymentType;
  company: { slug: string; name: string };
  salary: { currency: string; min: number | null; max: number | null; minUsd: number | null; maxUsd: number | null };
  tokenBudget: {
    usdPerYear: number | null;
    tokensPerMonth: number | null;
    amount: number | null;
    unit: TokenUnit | null;
    period: TokenPeriod | null;
    cap: TokenCap | null;
    scope: TokenScope | null;
    poolSize: number | null;
    tools: Tool[];
    otherTools: string;
    /** The model prices tokens per month are counted at (the role's own basis, else the default). */
    pricingBasis: { slug: string; modelName: string } | null;
  };
  totalComp: { minUsd: number | null; maxUsd: number | null };
  inferenceShare: number | null;
  publishedAt: string | null;
  expiresAt: string | null;
}

/** The whole package, for a role's own page. */
export interface RoleDetail extends RoleSummary {
  status: "draft" | "published" | "closed";
  description: string;
  applyUrl: string | null;
  applyEmail: string | null;
  bonusTargetPercent: number | null;
  equity: { kind: string | null; min: number | null; max: number | null };
  gpuAccess: string;
  pricingBasis: { slug: string; modelName: string; provider: string; asOf: string } | null;
  companyDetail: { slug: string; name: string; website: string | null; sizeBand: string | null; headquarters: string | null };
  /** True when the role is published and has not expired: candidates may apply. */
  isOpen: boolean;
  closedAt: string | null;
}

/** The columns of a RoleSummary; a query that joins roles, companies and compensation selects them. */
export const summaryColumns = {
  id: roles.id,
  slug: roles.slug,
  title: roles.title,
  level: roles.level,
  discipline: roles.discipline,
  workplace: roles.workplace,
  locationText: roles.locationText,
  countryCodes: roles.countryCodes,
  employmentType: roles.employmentType,
  publishedAt: roles.publishedAt,
  expiresAt: roles.expiresAt,
  companySlug: companies.slug,
  companyName: companies.name,
  salaryCurrency: compensation.salaryCurrency,
  salaryMin: compensation.salaryMin,
  salaryMax: compensation.salaryMax,
  salaryMinUsd: compensation.salaryMinUsd,
  salaryMaxUsd: compensation.salaryMaxUsd,
  tokenUsdPerYear: compensation.tokenUsdPerYear,
  tokensPerMonth: compensation.tokensPerMonth,
  tokenAmount: compensation.tokenAmount,
  tokenUnit: compensation.tokenUnit,
  tokenPeriod: compensation.tokenPeriod,
  tokenCap: compensation.tokenCap,
  tokenScope: compensation.tokenScope,
  tokenPoolSize: compensation.tokenPoolSize,
  tools: compensation.tools,
  otherTools: compensation.otherTools,
  totalMinUsd: compensation.totalMinUsd,
  totalMaxUsd: compensation.totalMaxUsd,
  inferenceShare: compensation.inferenceShare,
  basisSlug: basisColumn("slug"),
  basisModelName: basisColumn("model_name"),
};

/** A column of the pricing basis a package is converted at: its own, else the default (one row by key). */
function basisColumn(column: "slug" | "model_name") {
  return sql<string>`(select ${sql.raw(column)} from pricing_bases where id = coalesce(${compensation.pricingBasisId}, (select id from pricing_bases where is_default = 1)))`;
}

type ColumnData<C> = C extends SQL<infer T> ? T : C extends { _: { data: infer T } } ? T : never;

export type SummaryRow = {
  [K in keyof typeof summaryColumns]: ColumnData<(typeof summaryColumns)[K]> | null;
};

function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

export function parseTools(json: string | null): Tool[] {
  if (!json) return [];
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((t): t is Tool => typeof t === "string") : [];
  } catch {
    return [];
  }
}

export function toSummary(row: SummaryRow): RoleSummary {
  return {
    id: row.id as number,
    slug: row.slug as string,
    url: `/roles/${row.slug}`,
    title: row.title as string,
    level: row.level as Level,
    discipline: row.discipline as string,
    workplace: row.workplace as Workplace,
    location: row.locationText ?? "",
    countryCodes: row.countryCodes ? row.countryCodes.split(",").filter(Boolean) : [],
    employmentType: row.employmentType as EmploymentType,
    company: { slug: row.companySlug as string, name: row.companyName as string },
    salary: {
      currency: row.salaryCurrency ?? "USD",
      min: row.salaryMin,
      max: row.salaryMax,
      minUsd: row.salaryMinUsd,
      maxUsd: row.salaryMaxUsd,
    },
    tokenBudget: {
      usdPerYear: row.tokenUsdPerYear,
      tokensPerMonth: row.tokensPerMonth,
      amount: row.tokenAmount,
      unit: row.tokenUnit as TokenUnit | null,
      period: row.tokenPeriod as TokenPeriod | null,
      cap: row.tokenCap as TokenCap | null,
      scope: row.tokenScope as TokenScope | null,
      poolSize: row.tokenPoolSize,
      tools: parseTools(row.tools),
      otherTools: row.otherTools ?? "",
      pricingBasis: row.basisSlug && row.basisModelName ? { slug: row.basisSlug, modelName: row.basisModelName } : null,
    },
    totalComp: { minUsd: row.totalMinUsd, maxUsd: row.totalMaxUsd },
    inferenceShare: row.inferenceShare,
    publishedAt: isoOrNull(row.publishedAt),
    expiresAt: isoOrNull(row.expiresAt),
  };
}

/** A role with its whole package, whatever its status (callers decide who may see drafts). */
export function getRoleDetail(db: Db, slug: string, now: number): RoleDetail | null {
  const row = db
    .select({
      ...summaryColumns,
      status: roles.status,
      description: roles.description,
      applyUrl: roles.applyUrl,
      applyEmail: roles.applyEmail,
      closedAt: roles.closedAt,
      bonusTargetPercent: compensation.bonusTargetPercent,
      equityKind: compensation.equityKind,
      equityMin: compensation.equityMin,
      equityMax: compensation.equityMax,
      gpuAccess: compensation.gpuAccess,
      basisSlug: pricingBases.slug,
      basisModelName: pricingBases.modelName,
      basisProvider: pricingBases.provider,
      basisAsOf: pricingBases.asOf,
      companyWebsite: companies.website,
      companySizeBand: companies.sizeBand,
      companyHeadquarters: companies.headquarters,
    })
    .from(roles)
    .innerJoin(companies, eq(companies.id, roles.companyId))
    .innerJoin(compensation, eq(compensation.roleId, roles.id))
    .leftJoin(
      pricingBases,
      sql`${pricingBases.id} = coalesce(${compensation.pricingBasisId}, (select id from ${pricingBases} where ${pricingBases.isDefault} = 1))`,
    )
    .where(eq(roles.slug, slug))
    .get();
  if (!row) return null;
  return {
    ...toSummary(row),
    status: row.status,
    description: row.description,
    applyUrl: row.applyUrl,
    applyEmail: row.applyEmail,
    closedAt: isoOrNull(row.closedAt),
    bonusTargetPercent: row.bonusTargetPercent,
    equity: { kind: row.equityKind, min: row.equityMin, max: row.equityMax },
    gpuAccess: row.gpuAccess,
    pricingBasis: row.basisSlug
      ? {
          slug: row.basisSlug,
          modelName: row.basisModelName as string,
          provider: row.basisProvider as string,
          asOf: row.basisAsOf as string,
        }
      : null,
    companyDetail: {
      slug: row.companySlug,
      name: row.companyName,
      website: row.companyWebsite,
      sizeBand: row.companySizeBand,
      headquarters: row.companyHeadquarters,
    },
    isOpen: row.status === "published" && row.expiresAt !== null && row.expiresAt > now,
  };
}

export function getCompanyBySlug(db: Db, slug: string) {
  return db.select().from(companies).where(eq(companies.slug, slug)).get() ?? null;
}

// ---------------------------------------------------------------------------------------
// Writing a package

/** The default pricing basis, or the given one; the conversion needs its prices. */
export function loadPriceBasis(db: Db, pricingBasisId: number | null): PriceBasis & { id: number } {
  const basis =
    (pricingBasisId !== null
      ? db.select().from(pricingBases).where(eq(pricingBases.id, pricingBasisId)).get()
      : undefined) ?? db.select().from(pricingBases).where(eq(pricingBases.isDefault, true)).get();
  if (!basis) throw new Error("No pricing basis: the database has no default pricing basis row.");
  return basis;
}

export function usdPerUnit(db: Db, currency: string): number | null {
  if (currency === "USD") return 1;
  return db.select().from(exchangeRates).where(eq(exchangeRates.currency, currency)).get()?.usdPerUnit ?? null;
}

export interface StatedPackage extends StatedCompensation {
  equityKind: string | null;
  tools: Tool[];
  otherTools: string;
  gpuAccess: string;
  pricingBasisId: number | null;
}

/**
 * Stores a role's package as stated and its normalized figures, and mirrors its tools into
 * role_tools. Call inside the transaction that writes the role.
 */
export function writeCompensation(db: Db, roleId: number, stated: StatedPackage, now: number): void {
  const basis = loadPriceBasis(db, stated.pricingBasisId);
  const figures = normalizeCompensation(stated, basis, usdPerUnit(db, stated.salaryCurrency));
  const tools = [...new Set(stated.tools)].sort();
  const values = {
    roleId,
    salaryCurrency: stated.salaryCurrency,
    salaryMin: stated.salaryMin,
    salaryMax: stated.salaryMax,
    bonusTargetPercent: stated.bonusTargetPercent,
    equityKind: stated.equityKind,
    equityMin: stated.equityMin,
    equityMax: stated.equityMax,
    tokenAmount: stated.tokenAmount,
    tokenUnit: stated.tokenUnit,
    tokenPeriod: stated.tokenPeriod,
    tokenCap: stated.tokenCap,
    tokenScope: stated.tokenScope,
    tokenPoolSize: stated.tokenPoolSize,
    tools: JSON.stringify(tools),
    otherTools: stated.otherTools,
    gpuAccess: stated.gpuAccess,
    pricingBasisId: stated.pricingBasisId,
    ...figures,
    updatedAt: now,
  };
  db.insert(compensation)
    .values(values)
    .onConflictDoUpdate({ target: compensation.roleId, set: values })
    .run();
  db.delete(roleTools).where(eq(roleTools.roleId, roleId)).run();
  if (tools.length > 0) {
    db.insert(roleTools)
      .values(tools.map((tool) => ({ tool, roleId })))
      .run();
  }
}

/**
 * Re-runs the normalization over every stored package, e.g. after a price or an exchange
 * rate changed. Returns how many packages were recomputed.
 */
export function recomputeAllCompensation(db: Db, now: number): number {
  let count = 0;
  // The prices and rates are read inside the IMMEDIATE transaction too, so a change to them
  // made meanwhile cannot leave figures computed from the old ones.
  db.$client
    .transaction(() => {
      const basesById = new Map(db.select().from(pricingBases).all().map((b) => [b.id, b]));
      const defaultBasis = [...basesById.values()].find((b) => b.isDefault);
      if (!defaultBasis) throw new Error("No default pricing basis.");
      const rates = new Map(db.select().from(exchangeRates).all().map((r) => [r.currency, r.usdPerUnit]));
      rates.set("USD", 1);
      const batchSize = 1000;
      let lastId = 0;
      for (;;) {
        const batch = db
          .select()
          .from(compensation)
          .where(gt(compensation.roleId, lastId))
          .orderBy(asc(compensation.roleId))
          .limit(batchSize)
          .all();
        if (batch.length === 0) break;
        for (const row of batch) {
          const basis = (row.pricingBasisId !== null && basesById.get(row.pricingBasisId)) || defaultBasis;
          const figures = normalizeCompensation(
            {
              ...row,
              tokenUnit: row.tokenUnit as TokenUnit | null,
              tokenPeriod: row.tokenPeriod as TokenPeriod | null,
              tokenCap: row.tokenCap as TokenCap | null,
              tokenScope: row.tokenScope as TokenScope | null,
            },
            basis,
            rates.get(row.salaryCurrency) ?? null,
          );
          db.update(compensation).set({ ...figures, updatedAt: now }).where(eq(compensation.roleId, row.roleId)).run();
          count++;
        }
        lastId = batch[batch.length - 1]!.roleId;
      }
    })
    .immediate();
  return count;
}
