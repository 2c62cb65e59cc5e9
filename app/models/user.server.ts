/** Accounts: creating users and checking a login. Emails are stored lower-cased. */
import { eq, sql } from "drizzle-orm";
import { users } from "../../db/schema";
import { db } from "./db.server";
import { hashPassword, timingSafeDummyHash, verifyPassword } from "~/lib/password.server";

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function findUserByEmail(email: string) {
  return db().select().from(users).where(sql`lower(${users.email}) = ${normalizeEmail(email)}`).get() ?? null;
}

export class EmailTakenError extends Error {}

export async function createUser(input: { email: string; password: string; displayName: string }) {
  const passwordHash = await hashPassword(input.password);
  const now = Date.now();
  try {
    return db()
      .insert(users)
      .values({ email: normalizeEmail(input.email), passwordHash, displayName: input.displayName.trim(), createdAt: now, updatedAt: now })
      .returning({ id: users.id })
      .get();
  } catch (error) {
    // The unique index on lower(email) is the real guard against two sign-ups racing.
    if (error instanceof Error && /UNIQUE constraint failed/.test(error.message)) throw new EmailTakenError();
    throw error;
  }
}

/** The user for an email and password, or null; the same work is done either way. */
export async function verifyLogin(email: string, password: string) {
  const user = findUserByEmail(email);
  const ok = await verifyPassword(user?.passwordHash ?? (await timingSafeDummyHash()), password);
  return user && ok ? user : null;
}

export function getUserById(id: number) {
  return db().select().from(users).where(eq(users.id, id)).get() ?? null;
}
