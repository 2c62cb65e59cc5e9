/** The company profile form: one schema for the browser and the server. */
import * as z from "zod";
import { SIZE_BANDS } from "../vocabulary";

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$/;

export const companySchema = z.object({
  name: z.string({ error: "Enter the company's name" }).trim().min(1, "Enter the company's name").max(100, "Use at most 100 characters"),
  slug: z
    .string({ error: "Choose the address of your company page" })
    .trim()
    .toLowerCase()
    .regex(SLUG_PATTERN, "Use 1 to 60 lower-case letters, digits and dashes, not starting or ending with a dash"),
  website: z
    .url({ protocol: /^https?$/, error: "Enter a web address starting with https://" })
    .max(300, "Use at most 300 characters")
    .optional(),
  description: z.string().max(5_000, "Use at most 5,000 characters").optional(),
  sizeBand: z.enum(SIZE_BANDS, { error: "Choose a size" }).optional(),
  headquarters: z.string().trim().max(100, "Use at most 100 characters").optional(),
});

export type CompanyInput = z.infer<typeof companySchema>;

export const memberSchema = z.object({
  intent: z.literal("add-member"),
  email: z.string({ error: "Enter their email" }).trim().pipe(z.email({ error: "Enter a valid email address" })),
  role: z.enum(["member", "owner"]).default("member"),
});

export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/g, "");
}
