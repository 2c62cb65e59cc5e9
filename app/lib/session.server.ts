/**
 * Sessions: a random token in an HttpOnly, SameSite=Lax cookie (Secure and `__Host-`
 * prefixed in production), and its SHA-256 in the sessions table, so a session can be
 * listed and revoked ("log out everywhere") and a copy of the database holds no live tokens.
 * SameSite=Lax plus "no state change on GET" is what stands in for CSRF tokens.
 */
import crypto from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import { and, eq, gt, lt } from "drizzle-orm";
import { sessions, users } from "../../db/schema";
import { config } from "./config.server";
import { sessionCookieName } from "./cookie-names.server";
import { db } from "~/models/db.server";

export const SESSION_DAYS = 30;
const SESSION_MS = SESSION_DAYS * 86_400_000;

let cookie: ReturnType<typeof createCookie> | undefined;

/** The session cookie, built on first use from the configuration. */
export function sessionCookie() {
  if (!cookie) {
    const { isProduction, sessionSecret } = config();
    cookie = createCookie(sessionCookieName(isProduction), {
      httpOnly: true,
      sameSite: "lax",
      secure: isProduction,
      path: "/",
      maxAge: SESSION_MS / 1000,
      secrets: [sessionSecret],
    });
  }
  return cookie;
}

function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export interface SessionUser {
  id: number;
  email: string;
  displayName: string;
  isRecruiter: boolean;
}

async function tokenFrom(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null;
}

/** The signed-in user, or null. */
export async function getSessionUser(request: Request): Promise<SessionUser | null> {
  const token = await tokenFrom(request);
  if (!token) return null;
  const row = db()
    .select({ id: users.id, email: users.email, displayName: users.displayName, isRecruiter: users.isRecruiter })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.idHash, hashToken(token)), gt(sessions.expiresAt, Date.now())))
    .get();
  return row ?? null;
}

/** The signed-in user; a visitor is sent to /login and brought back afterwards. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getSessionUser(request);
  if (user) return user;
  const url = new URL(request.url);
  throw redirect(`/login?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`);
}

/** Starts a session and answers with the cookie to set. */
export async function createSession(userId: number): Promise<string> {
  const token = crypto.randomBytes(32).toString("base64url");
  const now = Date.now();
  db().insert(sessions).values({ idHash: hashToken(token), userId, createdAt: now, expiresAt: now + SESSION_MS }).run();
  // Housekeeping on sign-in rather than a timer: drop this user's expired sessions.
  db().delete(sessions).where(and(eq(sessions.userId, userId), lt(sessions.expiresAt, now))).run();
  return sessionCookie().serialize(token);
}

/** Ends the current session; answers with the cookie that clears it. */
export async function destroySession(request: Request): Promise<string> {
  const token = await tokenFrom(request);
  if (token) db().delete(sessions).where(eq(sessions.idHash, hashToken(token))).run();
  return sessionCookie().serialize("", { maxAge: 0 });
}

/** Ends every session of a user (log out everywhere). */
export function destroyAllSessions(userId: number): void {
  db().delete(sessions).where(eq(sessions.userId, userId)).run();
}
