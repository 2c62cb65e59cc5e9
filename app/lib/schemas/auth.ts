/**
 * Sign-up and login forms: one schema each, used by the browser and the server. Every field
 * has a length limit (the forms show it as maxLength; the server answers beside the field
 * when a crafted post goes past it): an email address is at most 254 characters (RFC 5321's
 * path limit), a password at most 1,024 (room for any passphrase a password manager makes,
 * while the text Argon2id hashes stays bounded), a name at most 100.
 */
import * as z from "zod";

export const AUTH_LIMITS = { email: 254, password: 1_024, displayName: 100, redirectTo: 2_000 } as const;

const count = (n: number) => n.toLocaleString("en-US");

const email = z
  .string({ error: "Enter your email address" })
  .trim()
  .max(AUTH_LIMITS.email, `An email address has at most ${AUTH_LIMITS.email} characters`)
  .pipe(z.email({ error: "Enter a valid email address, like name@company.com" }));

// A target after signing in that is too long to be one of this site's pages is dropped (the
// default applies), not reported: the field is hidden, so no one could fix it.
const redirectTo = z.string().max(AUTH_LIMITS.redirectTo).optional().catch(undefined);

export const signupSchema = z.object({
  displayName: z
    .string({ error: "Enter your name" })
    .trim()
    .min(1, "Enter your name")
    .max(AUTH_LIMITS.displayName, `Use at most ${AUTH_LIMITS.displayName} characters for your name`),
  email,
  password: z
    .string({ error: "Choose a password" })
    .min(12, "Use at least 12 characters")
    .max(AUTH_LIMITS.password, `Use at most ${count(AUTH_LIMITS.password)} characters`),
  redirectTo,
});

export const loginSchema = z.object({
  email,
  password: z
    .string({ error: "Enter your password" })
    .min(1, "Enter your password")
    .max(AUTH_LIMITS.password, `Passwords have at most ${count(AUTH_LIMITS.password)} characters`),
  redirectTo,
});
