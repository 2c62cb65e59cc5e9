/** Recruiter forms: tracked links and shortlists. */
import * as z from "zod";

/** A role's page URL or its slug → the slug. */
export function roleSlugFrom(input: string): string | null {
  const text = input.trim();
  const fromUrl = /\/roles\/([a-z0-9][a-z0-9-]{0,150})(?:[/?#]|$)/i.exec(text);
  const slug = fromUrl ? fromUrl[1]! : text;
  return /^[a-z0-9][a-z0-9-]{0,150}$/i.test(slug) ? slug.toLowerCase() : null;
}

export const createLinkSchema = z.object({
  intent: z.literal("create-link"),
  role: z.string().trim().max(500).optional(),
  // The form's "None" option sends an empty value: that is no shortlist, not a bad one.
  shortlist: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.string().trim().regex(/^[A-Za-z0-9]{12}$/, "Choose one of your shortlists").optional(),
  ),
  label: z.string().trim().max(80, "Use at most 80 characters").default(""),
});

export const toggleLinkSchema = z.object({
  intent: z.enum(["disable-link", "enable-link"]),
  linkId: z.coerce.number().int().positive(),
});

export const shortlistSchema = z.object({
  intent: z.literal("create-shortlist"),
  title: z.string({ error: "Name the shortlist" }).trim().min(1, "Name the shortlist").max(120, "Use at most 120 characters"),
  note: z.string().trim().max(2_000, "Use at most 2,000 characters").default(""),
});

export const addToShortlistSchema = z.object({
  intent: z.literal("add-to-shortlist"),
  shortlist: z.string().trim().regex(/^[A-Za-z0-9]{12}$/, "Choose one of your shortlists"),
  role: z.string().trim().min(1).max(500),
  note: z.string().trim().max(500, "Notes are at most 500 characters").default(""),
});
