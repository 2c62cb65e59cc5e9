/** Sign-up and login forms: one schema each, used by the browser and the server. */
import * as z from "zod";

const email = z
  .string({ error: "Enter your email address" })
  .trim()
  .max(254, "That email address is too long")
  .pipe(z.email({ error: "Enter a valid email address, like name@company.com" }));

export const signupSchema = z.object({
  displayName: z.string({ error: "Enter your name" }).trim().min(1, "Enter your name").max(100, "Use at most 100 characters"),
  email,
  password: z
    .string({ error: "Choose a password" })
    .min(12, "Use at least 12 characters")
    .max(200, "Use at most 200 characters"),
  redirectTo: z.string().optional(),
});

export const loginSchema = z.object({
  email,
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password").max(200, "Use at most 200 characters"),
  redirectTo: z.string().optional(),
});
