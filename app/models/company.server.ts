/**
 * Companies and who may act for them. Every function that reads drafts or changes a company
 * takes the acting user and checks membership here, on the server, so a route cannot forget.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { writeTransaction } from "../../db/client";
import { companies, memberships, users } from "../../db/schema";
import { db } from "./db.server";
import { companyDescriptionColumns } from "./description.server";
import type { CompanyInput } from "~/lib/schemas/company";

export type MembershipRole = "owner" | "member";

export interface CompanyMembership {
  id: number;
  slug: string;
  name: string;
  role: MembershipRole;
}

/** Companies the user belongs to, by name. */
export function companiesForUser(userId: number): CompanyMembership[] {
  return db()
    .select({ id: companies.id, slug: companies.slug, name: companies.name, role: memberships.role })
    .from(memberships)
    .innerJoin(companies, eq(companies.id, memberships.companyId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(companies.name))
    .all();
}

/**
 * The company by slug if the user is a member (with at least `minimum` rights); otherwise a
 * 404, the same answer as for a company that does not exist, so ids and slugs reveal nothing.
 */
export function requireMembership(userId: number, slug: string, minimum: MembershipRole = "member") {
  const row = db()
    .select({ company: companies, role: memberships.role })
    .from(companies)
    .innerJoin(memberships, and(eq(memberships.companyId, companies.id), eq(memberships.userId, userId)))
    .where(eq(companies.slug, slug))
    .get();
  if (!row) throw new Response("We couldn't find that company in your account.", { status: 404 });
  if (minimum === "owner" && row.role !== "owner") {
    throw new Response("Only the company's owners can do that.", { status: 403 });
  }
  return row;
}

export function isSlugTaken(slug: string, exceptCompanyId?: number): boolean {
  const row = db().select({ id: companies.id }).from(companies).where(eq(companies.slug, slug)).get();
  return Boolean(row && row.id !== exceptCompanyId);
}

export class SlugTakenError extends Error {}

export function createCompany(userId: number, input: CompanyInput) {
  const now = Date.now();
  try {
    return writeTransaction(db(), () => {
      const company = db()
        .insert(companies)
        .values({ ...toColumns(input), createdAt: now, updatedAt: now })
        .returning({ id: companies.id, slug: companies.slug })
        .get();
      db().insert(memberships).values({ userId, companyId: company.id, role: "owner", createdAt: now }).run();
      return company;
    });
  } catch (error) {
    if (error instanceof Error && /UNIQUE constraint failed: companies.slug/.test(error.message)) throw new SlugTakenError();
    throw error;
  }
}

export function updateCompany(companyId: number, input: CompanyInput) {
  try {
    db().update(companies).set({ ...toColumns(input), updatedAt: Date.now() }).where(eq(companies.id, companyId)).run();
  } catch (error) {
    if (error instanceof Error && /UNIQUE constraint failed: companies.slug/.test(error.message)) throw new SlugTakenError();
    throw error;
  }
}

function toColumns(input: CompanyInput) {
  return {
    slug: input.slug,
    name: input.name,
    website: input.website ?? null,
    // The description with its HTML, rendered once here (never on a page view).
    ...companyDescriptionColumns(input.description ?? ""),
    sizeBand: input.sizeBand ?? null,
    headquarters: input.headquarters ?? null,
  };
}

export function membersOf(companyId: number) {
  return db()
    .select({ userId: users.id, email: users.email, displayName: users.displayName, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.companyId, companyId))
    .orderBy(asc(users.displayName))
    .all();
}

export class MemberError extends Error {}

/** Adds an existing account to the company as a member (or owner). */
export function addMember(companyId: number, email: string, role: MembershipRole) {
  // Check and insert in one IMMEDIATE transaction: two adds of the same person cannot both
  // pass the check.
  writeTransaction(db(), () => {
    const user = db().select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`).get();
    if (!user) throw new MemberError("No Tokenboard account uses that email. Ask them to sign up first, then add them.");
    const existing = db()
      .select()
      .from(memberships)
      .where(and(eq(memberships.companyId, companyId), eq(memberships.userId, user.id)))
      .get();
    if (existing) throw new MemberError("That person is already a member.");
    db().insert(memberships).values({ companyId, userId: user.id, role, createdAt: Date.now() }).run();
  });
}

/** Removes a member; the last owner cannot be removed, so a company is never orphaned. */
export function removeMember(companyId: number, userId: number) {
  writeTransaction(db(), () => {
    const target = db()
      .select()
      .from(memberships)
      .where(and(eq(memberships.companyId, companyId), eq(memberships.userId, userId)))
      .get();
    if (!target) throw new MemberError("That person is not a member.");
    if (target.role === "owner") {
      const owners = db()
        .select({ n: sql<number>`count(*)` })
        .from(memberships)
        .where(and(eq(memberships.companyId, companyId), eq(memberships.role, "owner")))
        .get()!.n;
      if (owners <= 1) throw new MemberError("A company needs at least one owner. Make someone else an owner first.");
    }
    db().delete(memberships).where(and(eq(memberships.companyId, companyId), eq(memberships.userId, userId))).run();
  });
}
