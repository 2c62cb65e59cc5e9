/**
 * The role form (new and edit): one schema for the browser and the server. A draft needs
 * only a title; publishing needs the whole package, because pay-transparency laws (NYC, CA,
 * CO, WA, the EU directive) require a real salary range and Tokenboard requires the token
 * budget (an explicit zero is allowed and shown as "no budget").
 *
 * Fields the form does not offer (company, status, counters, dates) are not in the schema,
 * so anything sent for them is dropped.
 */
import * as z from "zod";
import {
  CURRENCIES,
  DISCIPLINES,
  EMPLOYMENT_TYPES,
  EQUITY_KINDS,
  LEVELS,
  TOKEN_CAPS,
  TOKEN_PERIODS,
  TOKEN_SCOPES,
  TOKEN_UNITS,
  TOOLS,
  WORKPLACES,
} from "../vocabulary";

export const ROLE_INTENTS = ["draft", "publish", "preview"] as const;
export type RoleIntent = (typeof ROLE_INTENTS)[number];

/** The widest salary range that still counts as a real range (max / min). */
export const MAX_RANGE_RATIO = 3;
export const MIN_PUBLISHED_DESCRIPTION = 50;

const money = (what: string, max = 1_000_000_000) =>
  z
    .number({ error: `Enter ${what} as a number` })
    .finite(`Enter ${what} as a number`)
    .min(0, `${capitalize(what)} can't be negative`)
    .max(max, `${capitalize(what)} looks too large`);

function capitalize(text: string) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const optionalText = (max: number) => z.string().trim().max(max, `Use at most ${max.toLocaleString("en-US")} characters`).optional();

/** "US, ca;DE" → ["US", "CA", "DE"]: the country codes a form field lists. */
export function parseCountryCodes(text: string | undefined): string[] {
  return [...new Set((text ?? "").split(/[\s,;]+/).filter(Boolean).map((code) => code.toUpperCase()))];
}

const countryCodes = z
  .string()
  .trim()
  .max(200, "Use at most 200 characters")
  .superRefine((text, ctx) => {
    const bad = parseCountryCodes(text).filter((code) => !/^[A-Z]{2}$/.test(code));
    if (bad.length) {
      ctx.addIssue({ code: "custom", message: `Use two-letter country codes like US, GB, DE (not ${bad.slice(0, 3).join(", ")})` });
    }
  })
  .optional();

/** "https://…" or "name@company.com": where candidates apply. */
const howToApply = z
  .string()
  .trim()
  .max(500, "Use at most 500 characters")
  .refine(
    (value) => z.email().safeParse(value).success || z.url({ protocol: /^https?$/ }).safeParse(value).success,
    "Enter a web address starting with https:// or an email address",
  )
  .optional();

export const roleFormSchema = z
  .object({
    intent: z.enum(ROLE_INTENTS, { error: "Choose what to do" }).default("draft"),
    title: z.string({ error: "Enter a job title" }).trim().min(1, "Enter a job title").max(120, "Use at most 120 characters"),
    level: z.enum(LEVELS, { error: "Choose a level" }).optional(),
    discipline: z.enum(DISCIPLINES, { error: "Choose a discipline" }).optional(),
    employmentType: z.enum(EMPLOYMENT_TYPES, { error: "Choose an employment type" }).optional(),
    workplace: z.enum(WORKPLACES, { error: "Choose remote, hybrid or on-site" }).optional(),
    locationText: optionalText(120),
    countryCodes,
    description: optionalText(20_000),
    howToApply,
    salaryCurrency: z.enum(CURRENCIES, { error: "Choose a currency" }).default("USD"),
    salaryMin: money("the minimum salary").optional(),
    salaryMax: money("the maximum salary").optional(),
    bonusTargetPercent: z
      .number({ error: "Enter the bonus as a percentage" })
      .finite("Enter the bonus as a percentage")
      .min(0, "The bonus can't be negative")
      .max(200, "A bonus target above 200% looks like a typo")
      .optional(),
    equityKind: z.enum(EQUITY_KINDS, { error: "Choose a kind of equity" }).default("none"),
    equityMin: money("the minimum yearly equity value").optional(),
    equityMax: money("the maximum yearly equity value").optional(),
    tokenAmount: money("the token budget", 100_000_000).optional(),
    tokenUnit: z.enum(TOKEN_UNITS, { error: "Choose dollars or millions of tokens" }).optional(),
    tokenPeriod: z.enum(TOKEN_PERIODS, { error: "Choose per working day, month or year" }).optional(),
    tokenCap: z.enum(TOKEN_CAPS, { error: "Choose how the budget is capped" }).optional(),
    tokenScope: z.enum(TOKEN_SCOPES, { error: "Choose personal or pooled" }).optional(),
    tokenPoolSize: z
      .number({ error: "Enter how many people share the budget" })
      .int("Enter a whole number of people")
      .min(2, "A pooled budget is shared by at least 2 people")
      .max(10_000, "That team looks too large")
      .optional(),
    tools: z.array(z.enum(TOOLS, { error: "Choose tools from the list" })).max(TOOLS.length).default([]),
    otherTools: optionalText(200),
    gpuAccess: optionalText(300),
    pricingBasisId: z.number({ error: "Choose a pricing basis" }).int().positive().optional(),
  })
  .superRefine((value, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });

    // Checked whatever the intent: contradictions are never saved.
    if (value.salaryMin !== undefined && value.salaryMax !== undefined && value.salaryMin > value.salaryMax) {
      issue("salaryMax", "The maximum salary must be at least the minimum");
    }
    if (value.equityMin !== undefined && value.equityMax !== undefined && value.equityMin > value.equityMax) {
      issue("equityMax", "The maximum equity value must be at least the minimum");
    }
    if (value.equityKind === "none" && (value.equityMin !== undefined || value.equityMax !== undefined)) {
      issue("equityKind", "Choose the kind of equity, or clear the equity values");
    }
    if (value.tokenScope === "pooled" && value.tokenPoolSize === undefined) {
      issue("tokenPoolSize", "Enter how many people share the pooled budget");
    }
    if (value.tokenAmount !== undefined && (!value.tokenUnit || !value.tokenPeriod)) {
      if (!value.tokenUnit) issue("tokenUnit", "Choose dollars or millions of tokens");
      if (!value.tokenPeriod) issue("tokenPeriod", "Choose per working day, month or year");
    }

    if (value.intent !== "publish") return;
    const required: [keyof typeof value, string][] = [
      ["level", "Choose a level"],
      ["discipline", "Choose a discipline"],
      ["employmentType", "Choose an employment type"],
      ["workplace", "Choose remote, hybrid or on-site"],
      ["locationText", "Say where the role is based, e.g. Berlin or Remote (EU)"],
      ["howToApply", "Say how to apply: a link or an email address"],
      ["salaryMin", "Pay-transparency laws require a salary range: enter the minimum"],
      ["salaryMax", "Pay-transparency laws require a salary range: enter the maximum"],
      ["tokenAmount", "State the token budget (enter 0 if there is none)"],
      ["tokenUnit", "Choose dollars or millions of tokens"],
      ["tokenPeriod", "Choose per working day, month or year"],
      ["tokenCap", "Choose how the budget is capped"],
      ["tokenScope", "Choose personal or pooled"],
    ];
    for (const [path, message] of required) {
      if (value[path] === undefined || value[path] === "") issue(path, message);
    }
    if ((value.description ?? "").length < MIN_PUBLISHED_DESCRIPTION) {
      issue("description", `Describe the role in at least ${MIN_PUBLISHED_DESCRIPTION} characters`);
    }
    if (value.salaryMin !== undefined && value.salaryMin <= 0) issue("salaryMin", "The minimum salary must be more than 0");
    if (
      value.salaryMin !== undefined &&
      value.salaryMax !== undefined &&
      value.salaryMin > 0 &&
      value.salaryMax > value.salaryMin * MAX_RANGE_RATIO
    ) {
      issue("salaryMax", `A range wider than ${MAX_RANGE_RATIO}× isn't a real range; give the range you expect to pay`);
    }
  });

export type RoleFormValues = z.infer<typeof roleFormSchema>;
