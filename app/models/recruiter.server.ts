/**
 * Recruiters' tracked links and shortlists. Every read and write of a link or shortlist is
 * scoped by its recruiter here, so one recruiter can never see or change another's (404).
 * Counters are per day, with bots counted apart, and count a visitor once a day
 * (visitor-marks.server.ts); no address is stored.
 */
import crypto from "node:crypto";
import { and, asc, desc, eq, gte, inArray, sql } from "drizzle-orm";
import { writeTransaction } from "../../db/client";
import { companies, compensation, roles, shortlistItems, shortlists, trackedLinkDailyStats, trackedLinks } from "../../db/schema";
import { dateLabel } from "~/lib/format";
import { RECRUITER_LIMITS } from "~/lib/schemas/recruiter";
import { db } from "./db.server";
import { countOncePerDay, markOncePerDay, type Visitor } from "./visitor-marks.server";
import { summaryColumns, toSummary, type RoleSummary } from "./role.server";

const CODE_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const LINK_CODE_PATTERN = /^[A-Za-z0-9]{8}$/;
export const PUBLIC_ID_PATTERN = /^[A-Za-z0-9]{12}$/;

function randomCode(length: number): string {
  const bytes = crypto.randomBytes(length);
  return Array.from(bytes, (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");
}

function notFound(what: string): never {
  throw new Response(`We couldn't find that ${what} in your account.`, { status: 404 });
}

export class RecruiterError extends Error {}

// ---------------------------------------------------------------------------------------
// Tracked links

export type LinkTarget = { kind: "role"; slug: string } | { kind: "shortlist"; publicId: string };

/**
 * Creates a link to a listed role (anyone's) or to one of the recruiter's own shortlists. A link
 * left without a label is named after what it leads to and the day it was made, so no link on
 * the dashboard is "Untitled".
 */
export function createLink(recruiterId: number, target: LinkTarget, label: string) {
  const now = Date.now();
  // The check and the insert in one IMMEDIATE transaction: the role cannot be closed (or the
  // shortlist deleted) between them.
  return writeTransaction(db(), () => {
    let roleId: number | null = null;
    let shortlistId: number | null = null;
    let targetTitle: string;
    if (target.kind === "role") {
      const role = db().select({ id: roles.id, title: roles.title, status: roles.status, expiresAt: roles.expiresAt }).from(roles).where(eq(roles.slug, target.slug)).get();
      if (!role || role.status !== "published" || (role.expiresAt ?? 0) <= now) {
        throw new RecruiterError("Links can be made to open roles only.");
      }
      roleId = role.id;
      targetTitle = role.title;
    } else {
      const list = requireShortlist(recruiterId, target.publicId);
      shortlistId = list.id;
      targetTitle = list.title;
    }
    const name = label.trim() || defaultLinkLabel(targetTitle, now);
    for (let attempt = 0; ; attempt++) {
      try {
        return db()
          .insert(trackedLinks)
          .values({ code: randomCode(8), roleId, shortlistId, recruiterId, label: name, createdAt: now })
          .returning({ id: trackedLinks.id, code: trackedLinks.code })
          .get();
      } catch (error) {
        // A clash of random codes is rare; try another (a failed statement leaves the
        // transaction open).
        if (attempt < 3 && error instanceof Error && /UNIQUE/.test(error.message)) continue;
        throw error;
      }
    }
  });
}

/** "Staff Agent Engineer, shared Dec 3, 2026": a label that fits the 80 characters of any label. */
export function defaultLinkLabel(targetTitle: string, now: number): string {
  const suffix = `, shared ${dateLabel(now)}`;
  const room = RECRUITER_LIMITS.linkLabel - suffix.length;
  const title = targetTitle.length > room ? `${targetTitle.slice(0, room - 1).trimEnd()}…` : targetTitle;
  return `${title}${suffix}`;
}

export function setLinkDisabled(recruiterId: number, linkId: number, disabled: boolean) {
  const result = db()
    .update(trackedLinks)
    .set({ disabledAt: disabled ? Date.now() : null })
    .where(and(eq(trackedLinks.id, linkId), eq(trackedLinks.recruiterId, recruiterId)))
    .run();
  if (result.changes === 0) notFound("link");
}

/** Where a code leads: always a path on this site, never anything the request says. */
export function resolveLink(code: string) {
  if (!LINK_CODE_PATTERN.test(code)) return null;
  const row = db()
    .select({
      id: trackedLinks.id,
      code: trackedLinks.code,
      disabledAt: trackedLinks.disabledAt,
      roleSlug: roles.slug,
      shortlistPublicId: shortlists.publicId,
    })
    .from(trackedLinks)
    .leftJoin(roles, eq(roles.id, trackedLinks.roleId))
    .leftJoin(shortlists, eq(shortlists.id, trackedLinks.shortlistId))
    .where(eq(trackedLinks.code, code))
    .get();
  if (!row) return null;
  const path = row.roleSlug ? `/roles/${encodeURIComponent(row.roleSlug)}` : row.shortlistPublicId ? `/shortlists/${row.shortlistPublicId}` : null;
  if (!path) return null;
  return { id: row.id, code: row.code, enabled: row.disabledAt === null, path };
}

function today(now = Date.now()): string {
  return new Date(now).toISOString().slice(0, 10);
}

function bump(linkId: number, column: "visits" | "botVisits" | "applyClicks", day: string) {
  const values = { linkId, day, visits: 0, botVisits: 0, applyClicks: 0, [column]: 1 };
  db()
    .insert(trackedLinkDailyStats)
    .values(values)
    .onConflictDoUpdate({
      target: [trackedLinkDailyStats.linkId, trackedLinkDailyStats.day],
      set: { [column]: sql`${trackedLinkDailyStats[column]} + 1` },
    })
    .run();
}

/** Counts a visit of a link (people and bots apart), at most once per visitor, link and day. True when counted. */
export function countLinkVisit(linkId: number, isBot: boolean, visitor: Visitor, now = Date.now()): boolean {
  return countOncePerDay("link-visit", linkId, visitor, now, (day) => bump(linkId, isBot ? "botVisits" : "visits", day));
}

/**
 * Credits an apply click to the link the visitor arrived by, if that link leads to this role
 * (directly, or through a shortlist holding it) and is enabled, and returns the link for the
 * attribution parameters. The click is counted at most once per visitor, role and day: repeated
 * clicks keep their attribution but add nothing.
 */
export function countLinkApply(code: string, roleId: number, visitor: Visitor, now = Date.now()) {
  if (!LINK_CODE_PATTERN.test(code)) return null;
  // Read and count in one IMMEDIATE transaction, so a link disabled in between is not counted.
  return writeTransaction(db(), () => countLinkApplyIn(code, roleId, visitor, now));
}

function countLinkApplyIn(code: string, roleId: number, visitor: Visitor, now: number) {
  const link = db()
    .select({ id: trackedLinks.id, code: trackedLinks.code, label: trackedLinks.label, roleId: trackedLinks.roleId, shortlistId: trackedLinks.shortlistId, disabledAt: trackedLinks.disabledAt })
    .from(trackedLinks)
    .where(eq(trackedLinks.code, code))
    .get();
  if (!link || link.disabledAt !== null) return null;
  const leadsHere =
    link.roleId === roleId ||
    (link.shortlistId !== null &&
      Boolean(
        db()
          .select({ roleId: shortlistItems.roleId })
          .from(shortlistItems)
          .where(and(eq(shortlistItems.shortlistId, link.shortlistId), eq(shortlistItems.roleId, roleId)))
          .get(),
      ));
  if (!leadsHere) return null;
  if (markOncePerDay("link-apply", roleId, visitor, now)) bump(link.id, "applyClicks", today(now));
  return link;
}

export interface DailyPoint {
  day: string;
  visits: number;
  applyClicks: number;
}

export interface LinkWithStats {
  id: number;
  code: string;
  label: string;
  disabled: boolean;
  createdAt: number;
  target: { kind: "role" | "shortlist"; title: string; path: string };
  totals: { visits: number; botVisits: number; applyClicks: number };
  days: DailyPoint[];
}

/** The last `days` days (UTC), oldest first, ending today. */
export function lastDays(days: number, now = Date.now()): string[] {
  return Array.from({ length: days }, (_, i) => today(now - (days - 1 - i) * 86_400_000));
}

/** The recruiter's links with totals and the last 30 days of counts: three queries. */
export function linksWithStats(recruiterId: number, now = Date.now()): LinkWithStats[] {
  const links = db()
    .select({
      id: trackedLinks.id,
      code: trackedLinks.code,
      label: trackedLinks.label,
      disabledAt: trackedLinks.disabledAt,
      createdAt: trackedLinks.createdAt,
      roleTitle: roles.title,
      roleSlug: roles.slug,
      companyName: companies.name,
      shortlistTitle: shortlists.title,
      shortlistPublicId: shortlists.publicId,
    })
    .from(trackedLinks)
    .leftJoin(roles, eq(roles.id, trackedLinks.roleId))
    .leftJoin(companies, eq(companies.id, roles.companyId))
    .leftJoin(shortlists, eq(shortlists.id, trackedLinks.shortlistId))
    .where(eq(trackedLinks.recruiterId, recruiterId))
    .orderBy(desc(trackedLinks.createdAt), desc(trackedLinks.id))
    .all();
  if (links.length === 0) return [];
  const ids = links.map((l) => l.id);
  const totals = new Map(
    db()
      .select({
        linkId: trackedLinkDailyStats.linkId,
        visits: sql<number>`sum(${trackedLinkDailyStats.visits})`,
        botVisits: sql<number>`sum(${trackedLinkDailyStats.botVisits})`,
        applyClicks: sql<number>`sum(${trackedLinkDailyStats.applyClicks})`,
      })
      .from(trackedLinkDailyStats)
      .where(inArray(trackedLinkDailyStats.linkId, ids))
      .groupBy(trackedLinkDailyStats.linkId)
      .all()
      .map((t) => [t.linkId, t]),
  );
  const days = lastDays(30, now);
  const recent = db()
    .select()
    .from(trackedLinkDailyStats)
    .where(and(inArray(trackedLinkDailyStats.linkId, ids), gte(trackedLinkDailyStats.day, days[0]!)))
    .all();
  const byLinkDay = new Map(recent.map((r) => [`${r.linkId}:${r.day}`, r]));
  return links.map((link) => ({
    id: link.id,
    code: link.code,
    label: link.label,
    disabled: link.disabledAt !== null,
    createdAt: link.createdAt,
    target: link.roleSlug
      ? { kind: "role" as const, title: `${link.roleTitle} · ${link.companyName}`, path: `/roles/${link.roleSlug}` }
      : { kind: "shortlist" as const, title: link.shortlistTitle ?? "Shortlist", path: `/shortlists/${link.shortlistPublicId}` },
    totals: {
      visits: totals.get(link.id)?.visits ?? 0,
      botVisits: totals.get(link.id)?.botVisits ?? 0,
      applyClicks: totals.get(link.id)?.applyClicks ?? 0,
    },
    days: days.map((day) => ({
      day,
      visits: byLinkDay.get(`${link.id}:${day}`)?.visits ?? 0,
      applyClicks: byLinkDay.get(`${link.id}:${day}`)?.applyClicks ?? 0,
    })),
  }));
}

// ---------------------------------------------------------------------------------------
// Shortlists

export function requireShortlist(recruiterId: number, publicId: string) {
  if (!PUBLIC_ID_PATTERN.test(publicId)) notFound("shortlist");
  const row = db()
    .select()
    .from(shortlists)
    .where(and(eq(shortlists.publicId, publicId), eq(shortlists.recruiterId, recruiterId)))
    .get();
  if (!row) notFound("shortlist");
  return row;
}

export function createShortlist(recruiterId: number, title: string, note: string) {
  const now = Date.now();
  return db()
    .insert(shortlists)
    .values({ publicId: randomCode(12), recruiterId, title: title.trim(), note: note.trim(), createdAt: now, updatedAt: now })
    .returning({ id: shortlists.id, publicId: shortlists.publicId })
    .get();
}

export function updateShortlist(recruiterId: number, publicId: string, title: string, note: string) {
  writeTransaction(db(), () => {
    const list = requireShortlist(recruiterId, publicId);
    db().update(shortlists).set({ title: title.trim(), note: note.trim(), updatedAt: Date.now() }).where(eq(shortlists.id, list.id)).run();
  });
}

export function deleteShortlist(recruiterId: number, publicId: string) {
  writeTransaction(db(), () => {
    const list = requireShortlist(recruiterId, publicId);
    db().delete(shortlists).where(eq(shortlists.id, list.id)).run();
  });
}

/** Adds a published role (by slug) at the end, with a note. */
export function addToShortlist(recruiterId: number, publicId: string, roleSlug: string, note: string) {
  writeTransaction(db(), () => {
    const list = requireShortlist(recruiterId, publicId);
    const role = db().select({ id: roles.id, status: roles.status }).from(roles).where(eq(roles.slug, roleSlug)).get();
    // A draft is answered like a missing role: its address is nobody else's business.
    if (!role || role.status === "draft") throw new RecruiterError("No published role has that address: copy it from the role's page (the part after /roles/).");
    const exists = db()
      .select()
      .from(shortlistItems)
      .where(and(eq(shortlistItems.shortlistId, list.id), eq(shortlistItems.roleId, role.id)))
      .get();
    if (exists) throw new RecruiterError("That role is already on this shortlist.");
    const last = db()
      .select({ max: sql<number | null>`max(${shortlistItems.position})` })
      .from(shortlistItems)
      .where(eq(shortlistItems.shortlistId, list.id))
      .get();
    db().insert(shortlistItems).values({ shortlistId: list.id, roleId: role.id, position: (last?.max ?? 0) + 1, note: note.trim() }).run();
    db().update(shortlists).set({ updatedAt: Date.now() }).where(eq(shortlists.id, list.id)).run();
  });
}

export function removeFromShortlist(recruiterId: number, publicId: string, roleId: number) {
  writeTransaction(db(), () => {
    const list = requireShortlist(recruiterId, publicId);
    db().delete(shortlistItems).where(and(eq(shortlistItems.shortlistId, list.id), eq(shortlistItems.roleId, roleId))).run();
  });
}

export function setShortlistNote(recruiterId: number, publicId: string, roleId: number, note: string) {
  writeTransaction(db(), () => {
    const list = requireShortlist(recruiterId, publicId);
    db()
      .update(shortlistItems)
      .set({ note: note.trim() })
      .where(and(eq(shortlistItems.shortlistId, list.id), eq(shortlistItems.roleId, roleId)))
      .run();
  });
}

/** Moves a role one place up or down by swapping positions with its neighbour. */
export function moveInShortlist(recruiterId: number, publicId: string, roleId: number, direction: "up" | "down") {
  writeTransaction(db(), () => {
    const list = requireShortlist(recruiterId, publicId);
    const items = db()
      .select()
      .from(shortlistItems)
      .where(eq(shortlistItems.shortlistId, list.id))
      .orderBy(asc(shortlistItems.position))
      .all();
    const index = items.findIndex((item) => item.roleId === roleId);
    const other = items[direction === "up" ? index - 1 : index + 1];
    const item = items[index];
    if (!item || !other) return;
    const set = (target: typeof item, position: number) =>
      db()
        .update(shortlistItems)
        .set({ position })
        .where(and(eq(shortlistItems.shortlistId, list.id), eq(shortlistItems.roleId, target.roleId)))
        .run();
    set(item, other.position);
    set(other, item.position);
  });
}

export interface ShortlistEntry {
  role: RoleSummary;
  note: string;
  status: "open" | "closed";
}

/** A shortlist as anyone with its link sees it: roles in order, closed ones marked. */
export function shortlistWithRoles(publicId: string, now = Date.now()) {
  if (!PUBLIC_ID_PATTERN.test(publicId)) return null;
  const list = db().select().from(shortlists).where(eq(shortlists.publicId, publicId)).get();
  if (!list) return null;
  const rows = db()
    .select({
      ...summaryColumns,
      status: roles.status,
      note: shortlistItems.note,
    })
    .from(shortlistItems)
    .innerJoin(roles, eq(roles.id, shortlistItems.roleId))
    .innerJoin(companies, eq(companies.id, roles.companyId))
    .innerJoin(compensation, eq(compensation.roleId, roles.id))
    .where(eq(shortlistItems.shortlistId, list.id))
    .orderBy(asc(shortlistItems.position))
    .all();
  const entries: ShortlistEntry[] = rows
    // Drafts are never public, even if a role on the list went back to being one.
    .filter((row) => row.status !== "draft")
    .map((row) => ({
      role: toSummary(row),
      note: row.note,
      status: row.status === "published" && (row.expiresAt ?? 0) > now ? "open" : "closed",
    }));
  return { id: list.id, publicId: list.publicId, recruiterId: list.recruiterId, title: list.title, note: list.note, updatedAt: list.updatedAt, entries };
}

/** The recruiter's shortlists with their sizes and the visits and applies of links to them. */
export function shortlistsOf(recruiterId: number) {
  const lists = db()
    .select({
      id: shortlists.id,
      publicId: shortlists.publicId,
      title: shortlists.title,
      updatedAt: shortlists.updatedAt,
      size: sql<number>`(select count(*) from ${shortlistItems} where ${shortlistItems.shortlistId} = ${shortlists.id})`,
    })
    .from(shortlists)
    .where(eq(shortlists.recruiterId, recruiterId))
    .orderBy(desc(shortlists.updatedAt))
    .all();
  return lists;
}
