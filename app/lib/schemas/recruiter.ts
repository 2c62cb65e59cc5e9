/**
 * Recruiter forms: tracked links and shortlists, one schema per intent, read by conform in the
 * browser and on the server. Every text field has a length limit, shown in the forms as
 * maxLength, with a message naming the field when a crafted post goes past it.
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

const shortlistPublicId = z.string({ error: "Choose one of your shortlists" }).trim().regex(/^[A-Za-z0-9]{12}$/, "Choose one of your shortlists");

export const createLinkSchema = z
  .object({
    intent: z.literal("create-link"),
    role: roleReference.optional(),
    // The form's "None" option sends an empty value: that is no shortlist, not a bad one.
    shortlist: z.preprocess((value) => (value === "" ? undefined : value), shortlistPublicId.optional()),
    label: z.string().trim().max(RECRUITER_LIMITS.linkLabel, `A link's label is at most ${RECRUITER_LIMITS.linkLabel} characters`).default(""),
  })
  .superRefine((value, ctx) => {
    // One message for a role's link: past its limit, the length message says it all.
    if (value.role && value.role.length <= RECRUITER_LIMITS.roleReference && !roleSlugFrom(value.role)) ctx.addIssue({ code: "custom", path: ["role"], message: "Paste the link of a role on Tokenboard" });
    if (!value.role && !value.shortlist) ctx.addIssue({ code: "custom", path: ["role"], message: "Paste the link of an open role, or choose a shortlist" });
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

/** A role (its page's link or slug) that must read as a role's address. */
const roleToAdd = roleReference
  .min(1, "Paste a role's link")
  .refine((value) => roleSlugFrom(value) !== null, "Paste the link of a role on Tokenboard");

export const addToShortlistSchema = z.object({
  intent: z.literal("add-to-shortlist"),
  shortlist: shortlistPublicId,
  role: roleToAdd,
  note: itemNote,
});

// The forms of one shortlist's page, by intent.
const roleId = z.coerce.number({ error: "Choose a role on this shortlist" }).int().positive("Choose a role on this shortlist");
export const shortlistPageSchemas = {
  add: z.object({ intent: z.literal("add"), role: roleToAdd, note: itemNote }),
  note: z.object({ intent: z.literal("note"), roleId, note: itemNote }),
  move: z.object({ intent: z.literal("move"), roleId, direction: z.enum(["up", "down"], { error: "Move up or down" }) }),
  remove: z.object({ intent: z.literal("remove"), roleId }),
  rename: z.object({ intent: z.literal("rename"), title: shortlistTitle, note: shortlistNote }),
  delete: z.object({ intent: z.literal("delete") }),
};
