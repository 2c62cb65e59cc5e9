/**
 * Companies and who may act for them. Every function that reads drafts or changes a company
 * takes the acting user and checks their membership here, on the server, inside the same
 * transaction as the write, so a route cannot forget and a concurrent change cannot slip in.
 *
 * People join only by invitation: an owner invites an email, and the person signed in with
 * that email accepts or declines. Inviting never looks up accounts, so its answer is the same
 * whether or not the email has one.
 */
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { writeTransaction } from "../../db/client";
import { companies, companyInvitations, companySlugHistory, memberships, users } from "../../db/schema";
import { db } from "./db.server";
import { normalizeEmail } from "./user.server";
import { companyDescriptionColumns, type PrerenderedDescription } from "./description.server";
import type { CompanyInput, MembershipRole } from "~/lib/schemas/company";

export type { MembershipRole } from "~/lib/schemas/company";

/** Open invitations per company: an owner can invite a team, not fill the table. */
export const MAX_OPEN_INVITATIONS = 50;

export interface CompanyMembership {
  id: number;
  slug: string;
  name: string;
  role: MembershipRole;
}

const NOT_FOUND = "We couldn't find that company in your account.";
const OWNERS_ONLY = "Only the company's owners can do that.";

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
  if (!row) throw new Response(NOT_FOUND, { status: 404 });
  if (minimum === "owner" && row.role !== "owner") throw new Response(OWNERS_ONLY, { status: 403 });
  return row;
}

/** The same check by id, for the model's own writes (run inside their transaction). */
function requireRole(userId: number, companyId: number, minimum: MembershipRole) {
  const row = db()
    .select({ company: companies, role: memberships.role })
    .from(companies)
    .innerJoin(memberships, and(eq(memberships.companyId, companies.id), eq(memberships.userId, userId)))
    .where(eq(companies.id, companyId))
    .get();
  if (!row) throw new Response(NOT_FOUND, { status: 404 });
  if (minimum === "owner" && row.role !== "owner") throw new Response(OWNERS_ONLY, { status: 403 });
  return row;
}

// ---------------------------------------------------------------------------------------
// Slugs: a company's current slug and every slug it had before belong to it. An old slug
// stays reserved so that links, embeds and feeds made with it never show another company.

/** Whether another company holds the slug, as its current address or as a former one. */
export function isSlugTaken(slug: string, exceptCompanyId?: number): boolean {
  const holder = slugHolder(slug);
  return holder !== null && holder !== exceptCompanyId;
}

function slugHolder(slug: string): number | null {
  const current = db().select({ id: companies.id }).from(companies).where(eq(companies.slug, slug)).get();
  if (current) return current.id;
  const former = db().select({ id: companySlugHistory.companyId }).from(companySlugHistory).where(eq(companySlugHistory.slug, slug)).get();
  return former?.id ?? null;
}

/** The current slug of the company that used to answer at `oldSlug`, or null. */
export function renamedCompanySlug(oldSlug: string): string | null {
  const row = db()
    .select({ slug: companies.slug })
    .from(companySlugHistory)
    .innerJoin(companies, eq(companies.id, companySlugHistory.companyId))
    .where(eq(companySlugHistory.slug, oldSlug))
    .get();
  return row?.slug ?? null;
}

export class SlugTakenError extends Error {}

export function createCompany(userId: number, input: CompanyInput, description?: PrerenderedDescription) {
  const now = Date.now();
  try {
    return writeTransaction(db(), () => {
      // Checked in the IMMEDIATE transaction: a former slug has no unique index to catch a race.
      if (isSlugTaken(input.slug)) throw new SlugTakenError();
      const company = db()
        .insert(companies)
        .values({ ...toColumns(input, description), createdAt: now, updatedAt: now })
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

/**
 * Saves the profile; only an owner may (a member gets the 403 that requireMembership gives).
 * A new slug keeps the old one reserved for this company; taking back one of its own former
 * slugs makes it current again.
 */
export function updateCompanyProfile(actingUserId: number, companyId: number, input: CompanyInput, description?: PrerenderedDescription) {
  const now = Date.now();
  try {
    writeTransaction(db(), () => {
      const { company } = requireRole(actingUserId, companyId, "owner");
      if (isSlugTaken(input.slug, companyId)) throw new SlugTakenError();
      if (input.slug !== company.slug) {
        db()
          .delete(companySlugHistory)
          .where(and(eq(companySlugHistory.slug, input.slug), eq(companySlugHistory.companyId, companyId)))
          .run();
        db().insert(companySlugHistory).values({ slug: company.slug, companyId, createdAt: now }).run();
      }
      db().update(companies).set({ ...toColumns(input, description), updatedAt: now }).where(eq(companies.id, companyId)).run();
    });
  } catch (error) {
    if (error instanceof Error && /UNIQUE constraint failed: companies.slug/.test(error.message)) throw new SlugTakenError();
    throw error;
  }
}

function toColumns(input: CompanyInput, description?: PrerenderedDescription) {
  return {
    slug: input.slug,
    name: input.name,
    website: input.website ?? null,
    // The description with its HTML, rendered once per save (never on a page view): ahead, in
    // the Markdown pool, when a request saves.
    ...companyDescriptionColumns(input.description ?? "", description),
    sizeBand: input.sizeBand ?? null,
    headquarters: input.headquarters ?? null,
  };
}

// ---------------------------------------------------------------------------------------
// People

export function membersOf(companyId: number) {
  return db()
    .select({ userId: users.id, email: users.email, displayName: users.displayName, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.companyId, companyId))
    .orderBy(asc(users.displayName), asc(users.id))
    .all();
}

/** A refusal to show beside the form that caused it (a 400, never a 500). */
export class MemberError extends Error {
  constructor(
    message: string,
    readonly field: "email" | null = null,
  ) {
    super(message);
  }
}

const LAST_OWNER = "A company needs at least one owner. Make someone else an owner first.";

function membershipOf(companyId: number, userId: number) {
  return db()
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.companyId, companyId), eq(memberships.userId, userId)))
    .get();
}

function ownerCount(companyId: number): number {
  return db()
    .select({ n: sql<number>`count(*)` })
    .from(memberships)
    .where(and(eq(memberships.companyId, companyId), eq(memberships.role, "owner")))
    .get()!.n;
}

/**
 * Removes someone: an owner may remove anyone, anyone may remove themselves (leave). The
 * last owner can do neither, so a company is never left without one.
 */
export function removeMember(actingUserId: number, companyId: number, targetUserId: number) {
  writeTransaction(db(), () => {
    requireRole(actingUserId, companyId, targetUserId === actingUserId ? "member" : "owner");
    const target = membershipOf(companyId, targetUserId);
    if (!target) throw new MemberError("That person is not a member.");
    if (target.role === "owner" && ownerCount(companyId) <= 1) throw new MemberError(LAST_OWNER);
    db().delete(memberships).where(and(eq(memberships.companyId, companyId), eq(memberships.userId, targetUserId))).run();
  });
}

/** An owner changes someone's role; the last owner cannot become a member. */
export function changeMemberRole(actingUserId: number, companyId: number, targetUserId: number, role: MembershipRole) {
  writeTransaction(db(), () => {
    requireRole(actingUserId, companyId, "owner");
    const target = membershipOf(companyId, targetUserId);
    if (!target) throw new MemberError("That person is not a member.");
    if (target.role === role) return;
    if (target.role === "owner" && ownerCount(companyId) <= 1) throw new MemberError(LAST_OWNER);
    db().update(memberships).set({ role }).where(and(eq(memberships.companyId, companyId), eq(memberships.userId, targetUserId))).run();
  });
}

// ---------------------------------------------------------------------------------------
// Invitations

/**
 * An owner invites an email with a role; inviting it again changes the role. No account is
 * looked up: the only people checked are the company's own members (whose emails the owner
 * sees in the list already), so every other email gets the same answer, by the same queries.
 */
export function inviteToCompany(actingUserId: number, companyId: number, email: string, role: MembershipRole) {
  const address = normalizeEmail(email);
  const now = Date.now();
  writeTransaction(db(), () => {
    requireRole(actingUserId, companyId, "owner");
    const member = db()
      .select({ id: users.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.companyId, companyId), sql`lower(${users.email}) = ${address}`))
      .get();
    if (member) throw new MemberError("That person is already a member; change their role in the list above.", "email");
    const open = db()
      .select({ email: companyInvitations.email })
      .from(companyInvitations)
      .where(eq(companyInvitations.companyId, companyId))
      .all();
    if (open.length >= MAX_OPEN_INVITATIONS && !open.some((invitation) => invitation.email === address)) {
      throw new MemberError(`A company can have at most ${MAX_OPEN_INVITATIONS} open invitations. Cancel some first.`, "email");
    }
    db()
      .insert(companyInvitations)
      .values({ companyId, email: address, role, invitedByUserId: actingUserId, createdAt: now })
      .onConflictDoUpdate({
        target: [companyInvitations.companyId, companyInvitations.email],
        set: { role, invitedByUserId: actingUserId, createdAt: now },
      })
      .run();
  });
}

/** The company's open invitations, newest first (for its owners). */
export function invitationsOf(companyId: number) {
  return db()
    .select({ id: companyInvitations.id, email: companyInvitations.email, role: companyInvitations.role, createdAt: companyInvitations.createdAt })
    .from(companyInvitations)
    .where(eq(companyInvitations.companyId, companyId))
    .orderBy(desc(companyInvitations.createdAt), desc(companyInvitations.id))
    .all();
}

export function cancelInvitation(actingUserId: number, companyId: number, invitationId: number) {
  writeTransaction(db(), () => {
    requireRole(actingUserId, companyId, "owner");
    const deleted = db()
      .delete(companyInvitations)
      .where(and(eq(companyInvitations.id, invitationId), eq(companyInvitations.companyId, companyId)))
      .run();
    if (deleted.changes === 0) throw new MemberError("That invitation is no longer open.");
  });
}

/** The account's email as stored: invitations are matched against it, never against input. */
function emailOfUser(userId: number): string | null {
  return db().select({ email: users.email }).from(users).where(eq(users.id, userId)).get()?.email ?? null;
}

/** Invitations addressed to the user's email, newest first. */
export function invitationsForUser(userId: number) {
  const email = emailOfUser(userId);
  if (!email) return [];
  return db()
    .select({
      id: companyInvitations.id,
      role: companyInvitations.role,
      createdAt: companyInvitations.createdAt,
      companyName: companies.name,
      companySlug: companies.slug,
      invitedBy: users.displayName,
    })
    .from(companyInvitations)
    .innerJoin(companies, eq(companies.id, companyInvitations.companyId))
    .leftJoin(users, eq(users.id, companyInvitations.invitedByUserId))
    .where(eq(companyInvitations.email, normalizeEmail(email)))
    .orderBy(desc(companyInvitations.createdAt), desc(companyInvitations.id))
    .all();
}

const NO_INVITATION = "We couldn't find that invitation. It may have been cancelled or already answered.";

/**
 * The invitee accepts: they join with the invited role and the invitation is gone. An
 * invitation addressed to another email is a 404, like one that does not exist.
 */
export function acceptInvitation(userId: number, invitationId: number): { slug: string } {
  return writeTransaction(db(), () => {
    const invitation = invitationAddressedTo(userId, invitationId);
    const now = Date.now();
    // Already a member (an owner who made the company, say): the invitation cannot change
    // their role, least of all take away the last owner's.
    db()
      .insert(memberships)
      .values({ userId, companyId: invitation.companyId, role: invitation.role, createdAt: now })
      .onConflictDoNothing()
      .run();
    db().delete(companyInvitations).where(eq(companyInvitations.id, invitation.id)).run();
    return { slug: invitation.companySlug };
  });
}

/** The invitee declines: the invitation is deleted and nothing else changes. */
export function declineInvitation(userId: number, invitationId: number) {
  writeTransaction(db(), () => {
    const invitation = invitationAddressedTo(userId, invitationId);
    db().delete(companyInvitations).where(eq(companyInvitations.id, invitation.id)).run();
  });
}

function invitationAddressedTo(userId: number, invitationId: number) {
  const email = emailOfUser(userId);
  const invitation = email
    ? db()
        .select({ id: companyInvitations.id, companyId: companyInvitations.companyId, role: companyInvitations.role, companySlug: companies.slug })
        .from(companyInvitations)
        .innerJoin(companies, eq(companies.id, companyInvitations.companyId))
        .where(and(eq(companyInvitations.id, invitationId), eq(companyInvitations.email, normalizeEmail(email))))
        .get()
    : undefined;
  if (!invitation) throw new Response(NO_INVITATION, { status: 404 });
  return invitation;
}
