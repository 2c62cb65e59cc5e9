/**
 * What employers do with their roles: create, edit, publish, close, reopen, renew,
 * duplicate, delete, and see how they perform. Every function takes the acting user and finds
 * the role only through a membership of its company, so another company's role is simply
 * not found (404), whatever id is tried.
 */
import crypto from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import { writeTransaction } from "../../db/client";
import { companies, compensation, memberships, roleDailyStats, roles, trackedLinkDailyStats, trackedLinks } from "../../db/schema";
import { db } from "./db.server";
import { countOncePerDay, type Visitor } from "./visitor-marks.server";
import { roleDescriptionColumns, type PrerenderedDescription } from "./description.server";
import { parseTools, writeCompensation, type StatedPackage } from "./role.server";
import { parseCountryCodes, roleFormSchemaFor, type RoleFormValues } from "~/lib/schemas/role";
import { LISTING_MS, nextState, refusalMessage, roleState, type ListingIntent, type RoleIntent } from "~/lib/role-lifecycle";
import { pricingBasisOptions, usdRates } from "./reference.server";
import { slugify } from "~/lib/slug";
import type { TokenCap, TokenPeriod, TokenScope, TokenUnit } from "~/lib/vocabulary";

export type RoleStatusView = "draft" | "published" | "expired" | "closed";

function notFound(): never {
  throw new Response("We couldn't find that role in your companies.", { status: 404 });
}

/** The role if the user is a member of its company; otherwise 404. */
export function requireEditableRole(userId: number, roleId: number) {
  if (!Number.isSafeInteger(roleId) || roleId <= 0) notFound();
  const row = db()
    .select({ role: roles, company: { id: companies.id, slug: companies.slug, name: companies.name } })
    .from(roles)
    .innerJoin(companies, eq(companies.id, roles.companyId))
    .innerJoin(memberships, and(eq(memberships.companyId, roles.companyId), eq(memberships.userId, userId)))
    .where(eq(roles.id, roleId))
    .get();
  if (!row) notFound();
  const pkg = db().select().from(compensation).where(eq(compensation.roleId, roleId)).get() ?? null;
  return { ...row, compensation: pkg };
}

/** A stored role as the form's default values. */
export function formValuesFor(role: typeof roles.$inferSelect, pkg: typeof compensation.$inferSelect | null) {
  return {
    title: role.title,
    level: role.level,
    discipline: role.discipline,
    employmentType: role.employmentType,
    workplace: role.workplace,
    locationText: role.locationText,
    countryCodes: role.countryCodes.split(",").filter(Boolean).join(", "),
    description: role.description,
    howToApply: role.applyUrl ?? role.applyEmail ?? "",
    salaryCurrency: pkg?.salaryCurrency ?? "USD",
    salaryMin: pkg?.salaryMin ?? undefined,
    salaryMax: pkg?.salaryMax ?? undefined,
    bonusTargetPercent: pkg?.bonusTargetPercent ?? undefined,
    equityKind: pkg?.equityKind ?? "none",
    equityMin: pkg?.equityMin ?? undefined,
    equityMax: pkg?.equityMax ?? undefined,
    tokenAmount: pkg?.tokenAmount ?? undefined,
    tokenUnit: pkg?.tokenUnit ?? undefined,
    tokenPeriod: pkg?.tokenPeriod ?? undefined,
    tokenCap: pkg?.tokenCap ?? undefined,
    tokenScope: pkg?.tokenScope ?? undefined,
    tokenPoolSize: pkg?.tokenPoolSize ?? undefined,
    tools: parseTools(pkg?.tools ?? "[]"),
    otherTools: pkg?.otherTools ?? "",
    gpuAccess: pkg?.gpuAccess ?? "",
    pricingBasisId: pkg?.pricingBasisId ?? undefined,
  };
}

/** The package part of the form, as the normalization and storage take it. */
export function statedPackageFrom(values: RoleFormValues): StatedPackage {
  const pooled = values.tokenScope === "pooled";
  return {
    salaryCurrency: values.salaryCurrency,
    salaryMin: values.salaryMin ?? null,
    salaryMax: values.salaryMax ?? null,
    bonusTargetPercent: values.bonusTargetPercent ?? null,
    equityKind: values.equityKind,
    equityMin: values.equityKind === "none" ? null : (values.equityMin ?? null),
    equityMax: values.equityKind === "none" ? null : (values.equityMax ?? null),
    tokenAmount: values.tokenAmount ?? null,
    tokenUnit: (values.tokenUnit ?? null) as TokenUnit | null,
    tokenPeriod: (values.tokenPeriod ?? null) as TokenPeriod | null,
    tokenCap: (values.tokenCap ?? null) as TokenCap | null,
    tokenScope: (values.tokenScope ?? null) as TokenScope | null,
    tokenPoolSize: pooled ? (values.tokenPoolSize ?? null) : null,
    tools: values.tools,
    otherTools: values.otherTools ?? "",
    gpuAccess: values.gpuAccess ?? "",
    pricingBasisId: values.pricingBasisId ?? null,
  };
}

function roleColumns(values: RoleFormValues, description?: PrerenderedDescription) {
  const apply = values.howToApply ?? "";
  const isEmail = apply.includes("@") && !/^https?:\/\//i.test(apply);
  return {
    title: values.title,
    level: values.level ?? "mid",
    discipline: values.discipline ?? "backend",
    employmentType: values.employmentType ?? "FULL_TIME",
    workplace: values.workplace ?? "remote",
    locationText: values.locationText ?? "",
    countryCodes: parseCountryCodes(values.countryCodes).join(","),
    // The description with its HTML and summary, rendered once per save (never on a page
    // view): ahead, in the Markdown pool, when a request saves.
    ...roleDescriptionColumns(values.description ?? "", description),
    applyUrl: apply && !isEmail ? apply : null,
    applyEmail: apply && isEmail ? apply : null,
  };
}

function newSlug(title: string, companySlug: string): string {
  const base = slugify(`${title} ${companySlug}`, 80) || "role";
  return `${base}-${crypto.randomBytes(3).toString("hex")}`;
}

/** Creates a role for a company the user belongs to; publishes it when asked. */
export function createRole(userId: number, companySlug: string, values: RoleFormValues, publish: boolean, description?: PrerenderedDescription) {
  const now = Date.now();
  return writeTransaction(db(), () => {
    const company = db()
      .select({ id: companies.id, slug: companies.slug })
      .from(companies)
      .innerJoin(memberships, and(eq(memberships.companyId, companies.id), eq(memberships.userId, userId)))
      .where(eq(companies.slug, companySlug))
      .get();
    if (!company) throw new Response("We couldn't find that company in your account.", { status: 404 });
    const role = db()
      .insert(roles)
      .values({
        ...roleColumns(values, description),
        slug: newSlug(values.title, company.slug),
        companyId: company.id,
        status: publish ? "published" : "draft",
        publishedAt: publish ? now : null,
        expiresAt: publish ? now + LISTING_MS : null,
        createdByUserId: userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: roles.id, slug: roles.slug })
      .get();
    writeCompensation(db(), role.id, statedPackageFrom(values), now);
    return role;
  });
}

/**
 * Saves the form over an existing role, if its state allows the intent (the table in
 * app/lib/role-lifecycle.ts): "draft" saves a draft, "publish" lists a draft and starts its
 * listing period, "save" edits a listed or expired role and keeps its state and dates (its
 * figures update everywhere at once).
 */
export function updateRole(
  userId: number,
  roleId: number,
  values: RoleFormValues,
  intent: "draft" | "publish" | "save",
  description?: PrerenderedDescription,
) {
  const now = Date.now();
  writeTransaction(db(), () => {
    const { role } = requireEditableRole(userId, roleId);
    assertAllowed(role, intent, now);
    const becomesPublished = intent === "publish";
    db()
      .update(roles)
      .set({
        ...roleColumns(values, description),
        ...(becomesPublished ? { status: "published" as const, publishedAt: now, expiresAt: now + LISTING_MS, closedAt: null } : {}),
        updatedAt: now,
      })
      .where(eq(roles.id, roleId))
      .run();
    writeCompensation(db(), roleId, statedPackageFrom(values), now);
  });
}

/** An intent the role's state does not allow; the route answers 409 with its message. */
export class LifecycleError extends Error {}

/** Throws a LifecycleError unless the role's state allows the intent. */
function assertAllowed(role: { status: string; expiresAt: number | null }, intent: RoleIntent, now: number) {
  const state = roleState(role, now);
  if (nextState(state, intent) === null) throw new LifecycleError(refusalMessage(state, intent));
}

/**
 * Close, reopen, renew, duplicate or delete, where the role's state allows it (the table in
 * app/lib/role-lifecycle.ts). Reopening or renewing lists the role for another 60 days; a
 * listed role is closed before it can be deleted, so links to it say "closed", not "not found".
 */
export function changeLifecycle(userId: number, roleId: number, intent: ListingIntent): { id: number; slug: string } {
  const now = Date.now();
  return writeTransaction(db(), () => {
    const { role, compensation: pkg, company } = requireEditableRole(userId, roleId);
    assertAllowed(role, intent, now);
    const set = (values: Partial<typeof roles.$inferInsert>) =>
      db().update(roles).set({ ...values, updatedAt: now }).where(eq(roles.id, roleId)).run();
    switch (intent) {
      case "close":
        set({ status: "closed", closedAt: now });
        break;
      case "reopen":
        assertPublishable(role, pkg);
        set({ status: "published", closedAt: null, publishedAt: role.publishedAt ?? now, expiresAt: now + LISTING_MS });
        break;
      case "renew":
        set({ expiresAt: now + LISTING_MS });
        break;
      case "duplicate": {
        const copy = db()
          .insert(roles)
          .values({
            ...role,
            id: undefined,
            slug: newSlug(role.title, company.slug),
            title: role.title.endsWith("(copy)") ? role.title : `${role.title} (copy)`.slice(0, 120),
            status: "draft",
            publishedAt: null,
            expiresAt: null,
            closedAt: null,
            createdByUserId: userId,
            createdAt: now,
            updatedAt: now,
          })
          .returning({ id: roles.id, slug: roles.slug })
          .get();
        if (pkg) {
          writeCompensation(
            db(),
            copy.id,
            {
              ...pkg,
              tokenUnit: pkg.tokenUnit as TokenUnit | null,
              tokenPeriod: pkg.tokenPeriod as TokenPeriod | null,
              tokenCap: pkg.tokenCap as TokenCap | null,
              tokenScope: pkg.tokenScope as TokenScope | null,
              tools: parseTools(pkg.tools),
            },
            now,
          );
        }
        return copy;
      }
      case "delete":
        db().delete(roles).where(eq(roles.id, roleId)).run();
        break;
    }
    return { id: role.id, slug: role.slug };
  });
}

/**
 * A closed role reopens only if it still passes everything publishing checks today (a role
 * closed before a rule existed, say a bound on its figures, does not come back breaking it).
 */
function assertPublishable(role: typeof roles.$inferSelect, pkg: typeof compensation.$inferSelect | null) {
  const stored = Object.fromEntries(
    Object.entries(formValuesFor(role, pkg)).filter(([, value]) => value !== "" && value !== null && value !== undefined),
  );
  const checked = roleFormSchemaFor({ rates: usdRates(), pricingBases: pricingBasisOptions() }).safeParse({ ...stored, intent: "publish" });
  if (!checked.success) {
    const first = checked.error.issues[0]?.message ?? "it is incomplete";
    throw new LifecycleError(`This role can't be listed again as it is (${first}). Duplicate it as a draft, fix that and publish the copy.`);
  }
}

export function statusView(role: { status: string; expiresAt: number | null }, now: number): RoleStatusView {
  if (role.status === "published") return role.expiresAt !== null && role.expiresAt <= now ? "expired" : "published";
  return role.status as RoleStatusView;
}

export interface DashboardRole {
  id: number;
  slug: string;
  title: string;
  status: RoleStatusView;
  publishedAt: number | null;
  expiresAt: number | null;
  closedAt: number | null;
  updatedAt: number;
  tokenUsdPerYear: number | null;
  salaryMin: number | null;
  salaryMax: number | null;
  salaryCurrency: string | null;
  views: number;
  applyClicks: number;
  linkVisits: number;
}

/** A company's roles with their counters, for the dashboard: three grouped queries, no N+1. */
export function dashboardRoles(companyId: number, now: number): DashboardRole[] {
  const rows = db()
    .select({
      id: roles.id,
      slug: roles.slug,
      title: roles.title,
      status: roles.status,
      publishedAt: roles.publishedAt,
      expiresAt: roles.expiresAt,
      closedAt: roles.closedAt,
      updatedAt: roles.updatedAt,
      tokenUsdPerYear: compensation.tokenUsdPerYear,
      salaryMin: compensation.salaryMin,
      salaryMax: compensation.salaryMax,
      salaryCurrency: compensation.salaryCurrency,
    })
    .from(roles)
    .leftJoin(compensation, eq(compensation.roleId, roles.id))
    .where(eq(roles.companyId, companyId))
    .orderBy(desc(roles.updatedAt))
    .all();
  const stats = new Map(
    db()
      .select({
        roleId: roleDailyStats.roleId,
        views: sql<number>`sum(${roleDailyStats.views})`,
        applyClicks: sql<number>`sum(${roleDailyStats.applyClicks})`,
      })
      .from(roleDailyStats)
      .innerJoin(roles, eq(roles.id, roleDailyStats.roleId))
      .where(eq(roles.companyId, companyId))
      .groupBy(roleDailyStats.roleId)
      .all()
      .map((s) => [s.roleId, s]),
  );
  const links = new Map(
    db()
      .select({ roleId: trackedLinks.roleId, visits: sql<number>`sum(${trackedLinkDailyStats.visits})` })
      .from(trackedLinkDailyStats)
      .innerJoin(trackedLinks, eq(trackedLinks.id, trackedLinkDailyStats.linkId))
      .innerJoin(roles, eq(roles.id, trackedLinks.roleId))
      .where(eq(roles.companyId, companyId))
      .groupBy(trackedLinks.roleId)
      .all()
      .map((s) => [s.roleId, s.visits]),
  );
  return rows.map((row) => ({
    ...row,
    status: statusView(row, now),
    views: stats.get(row.id)?.views ?? 0,
    applyClicks: stats.get(row.id)?.applyClicks ?? 0,
    linkVisits: links.get(row.id) ?? 0,
  }));
}

/**
 * Counts a view or an apply click for today (UTC), at most once per visitor, role and day
 * (reloads and repeated clicks add nothing). Bots are not counted by the caller. True when counted.
 */
export function countRoleEvent(roleId: number, event: "view" | "apply", visitor: Visitor, now = Date.now()): boolean {
  const views = event === "view" ? 1 : 0;
  const applyClicks = event === "apply" ? 1 : 0;
  return countOncePerDay(event, roleId, visitor, now, (day) =>
    db()
      .insert(roleDailyStats)
      .values({ roleId, day, views, applyClicks })
      .onConflictDoUpdate({
        target: [roleDailyStats.roleId, roleDailyStats.day],
        set: {
          views: sql`${roleDailyStats.views} + ${views}`,
          applyClicks: sql`${roleDailyStats.applyClicks} + ${applyClicks}`,
        },
      })
      .run(),
  );
}
