/**
 * Recruiter forms: tracked links and shortlists. Every text field has a length limit, shown
 * in the forms as maxLength, with a message naming the field when a crafted post goes past it
 * (these forms report one error at the top of the page, so the message says which field).
 */
import * as z from "zod";

export const RECRUITER_LIMITS = {
  /** A role's link or slug as pasted: a page URL with some query string. */
  roleReference: 500,
  linkLabel: 80,
  shortlistTitle: 120,
  shortlistNote: 2_000,
  itemNote: 500,
} as const;

const count = (n: number) => n.toLocaleString("en-US");

export const roleReference = z
  .string()
  .trim()
  .max(RECRUITER_LIMITS.roleReference, `A role's link is at most ${RECRUITER_LIMITS.roleReference} characters: paste the address of its page`);
export const shortlistTitle = z
  .string({ error: "Name the shortlist" })
  .trim()
  .min(1, "Name the shortlist")
  .max(RECRUITER_LIMITS.shortlistTitle, `A shortlist's name is at most ${RECRUITER_LIMITS.shortlistTitle} characters`);
export const shortlistNote = z
  .string()
  .trim()
  .max(RECRUITER_LIMITS.shortlistNote, `A shortlist's note is at most ${count(RECRUITER_LIMITS.shortlistNote)} characters`)
  .default("");
export const itemNote = z
  .string()
  .trim()
  .max(RECRUITER_LIMITS.itemNote, `A note on a role is at most ${RECRUITER_LIMITS.itemNote} characters`)
  .default("");

/** A role's page URL or its slug → the slug. */
export function roleSlugFrom(input: string): string | null {
  const text = input.trim();
  const fromUrl = /\/roles\/([a-z0-9][a-z0-9-]{0,150})(?:[/?#]|$)/i.exec(text);
  const slug = fromUrl ? fromUrl[1]! : text;
  return /^[a-z0-9][a-z0-9-]{0,150}$/i.test(slug) ? slug.toLowerCase() : null;
}

export const createLinkSchema = z.object({
  intent: z.literal("create-link"),
  role: roleReference.optional(),
  // The form's "None" option sends an empty value: that is no shortlist, not a bad one.
  shortlist: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.string().trim().regex(/^[A-Za-z0-9]{12}$/, "Choose one of your shortlists").optional(),
  ),
  label: z.string().trim().max(RECRUITER_LIMITS.linkLabel, `A link's label is at most ${RECRUITER_LIMITS.linkLabel} characters`).default(""),
});

export const toggleLinkSchema = z.object({
  intent: z.enum(["disable-link", "enable-link"]),
  linkId: z.coerce.number().int().positive(),
});

export const shortlistSchema = z.object({
  intent: z.literal("create-shortlist"),
  title: shortlistTitle,
  note: shortlistNote,
});

export const addToShortlistSchema = z.object({
  intent: z.literal("add-to-shortlist"),
  shortlist: z.string().trim().regex(/^[A-Za-z0-9]{12}$/, "Choose one of your shortlists"),
  role: roleReference.min(1, "Paste a role's link"),
  note: itemNote,
});
