/** The company forms (profile, invitations, people): one schema each for the browser and the server. */
import * as z from "zod";
import { SIZE_BANDS } from "../vocabulary";

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$/;

export const MEMBERSHIP_ROLES = ["owner", "member"] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

export const companySchema = z.object({
  name: z.string({ error: "Enter the company's name" }).trim().min(1, "Enter the company's name").max(100, "Use at most 100 characters"),
  slug: z
    .string({ error: "Choose the address of your company page" })
    .trim()
    .toLowerCase()
    // The length first and alone: a 500-character slug needs one message, not two.
    .max(60, { error: "Use at most 60 characters", abort: true })
    .regex(SLUG_PATTERN, "Use 1 to 60 lower-case letters, digits and dashes, not starting or ending with a dash"),
  website: z
    .url({ protocol: /^https?$/, error: "Enter a web address starting with https://" })
    .max(300, "Use at most 300 characters")
    .optional(),
  // Browsers count a line break as one character against maxLength but send it as two
  // (CRLF): counted as sent, a description the form accepted could be refused here.
  description: z
    .string()
    .overwrite((text) => text.replace(/\r\n?/g, "\n"))
    .max(5_000, "Use at most 5,000 characters")
    .optional(),
  sizeBand: z.enum(SIZE_BANDS, { error: "Choose a size" }).optional(),
  headquarters: z.string().trim().max(100, "Use at most 100 characters").optional(),
});

export type CompanyInput = z.infer<typeof companySchema>;

const membershipRole = z.enum(MEMBERSHIP_ROLES, { error: "Choose owner or member" });
const id = (message: string) => z.coerce.number({ error: message }).int(message).positive(message);

export const invitationSchema = z.object({
  intent: z.literal("invite"),
  email: z
    .string({ error: "Enter their email address" })
    .trim()
    .toLowerCase()
    .max(254, "That email address is too long")
    .pipe(z.email({ error: "Enter a valid email address, like name@company.com" })),
  role: membershipRole.default("member"),
});

export const cancelInvitationSchema = z.object({
  intent: z.literal("cancel-invitation"),
  invitationId: id("Choose an invitation to cancel"),
});

export const removeMemberSchema = z.object({
  intent: z.literal("remove-member"),
  userId: id("Choose a person to remove"),
});

export const changeRoleSchema = z.object({
  intent: z.literal("change-role"),
  userId: id("Choose a person"),
  role: membershipRole,
});

/** The invitee's answer, on their dashboard. */
export const invitationAnswerSchema = z.object({
  intent: z.enum(["accept-invitation", "decline-invitation"], { error: "Accept or decline the invitation" }),
  invitationId: id("Choose an invitation"),
});
