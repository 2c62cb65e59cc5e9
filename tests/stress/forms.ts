/**
 * What the HTTP stress tests post and how: real form posts (urlencoded, the session cookie a
 * browser would send, no JavaScript) to the production server, read as a browser would read
 * the answer: a redirect whose Location names the row that was written.
 */
import { and, eq, gt } from "drizzle-orm";
import { roles } from "../../db/schema";
import { ROLE_FORM } from "../support/role-form";
import { db } from "~/models/db.server";

/** A complete role form (publishable), as the employer's browser would send it. */
export function roleForm(title: string, intent: "draft" | "publish"): Record<string, string | string[]> {
  return { ...ROLE_FORM, intent, title };
}

export interface PostAnswer {
  status: number;
  location: string | null;
  ms: number;
}

/**
 * POSTs a form and returns once the status line and headers are in: that is the
 * acknowledgement (the server answers only after its transaction committed).
 */
export async function postForm(url: string, form: Record<string, string | string[]>, cookie: string): Promise<PostAnswer> {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  }
  const started = performance.now();
  const response = await fetch(url, {
    method: "POST",
    body,
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie, Origin: new URL(url).origin },
    signal: AbortSignal.timeout(30_000),
  });
  const answer = { status: response.status, location: response.headers.get("location"), ms: performance.now() - started };
  // The body may never come if the server dies now; the answer above already counts.
  await response.arrayBuffer().catch(() => undefined);
  return answer;
}

/** The id in `/employer/roles/123?saved=draft`, or null. */
export function roleIdFromLocation(location: string | null): number | null {
  const match = /^\/employer\/roles\/(\d+)\?saved=(draft|published)$/.exec(location ?? "");
  return match ? Number(match[1]) : null;
}

/** The code in `/recruiter?created=AbCd2345`, or null. */
export function linkCodeFromLocation(location: string | null): string | null {
  const match = /^\/recruiter\?created=([A-Za-z0-9]{8})$/.exec(location ?? "");
  return match ? match[1]! : null;
}

/** Slugs of roles that stay listed for the next hours (links can be made to listed roles only). */
export function listedRoleSlugs(limit: number): string[] {
  const soon = Date.now() + 6 * 3_600_000;
  return db()
    .select({ slug: roles.slug })
    .from(roles)
    .where(and(eq(roles.status, "published"), gt(roles.expiresAt, soon)))
    .orderBy(roles.id)
    .limit(limit)
    .all()
    .map((r) => r.slug);
}

/** A random element (the mix of writes need not repeat between runs; what is checked does not depend on it). */
export function pick<T>(items: readonly T[]): T {
  if (items.length === 0) throw new Error("nothing to pick from");
  return items[Math.floor(Math.random() * items.length)]!;
}
