/**
 * The role form (new and edit): one schema for the browser and the server. A draft needs
 * only a title; publishing (and saving a listed role) needs the whole package, because
 * pay-transparency laws (NYC, CA, CO, WA, the EU directive) require a real salary range and
 * Tokenboard requires the token budget (an explicit zero is allowed and shown as "no budget").
 * Whatever the intent, figures must be plausible once normalized (PLAUSIBLE in
 * app/lib/normalize.ts), so `roleFormSchemaFor` takes the exchange rates and pricing bases
 * that normalization uses; the page hands the same ones to the browser.
 *
 * Fields the form does not offer (company, status, counters, dates) are not in the schema,
 * so anything sent for them is dropped.
 */
import * as z from "zod";
import { PLAUSIBLE, tokenBudgetUsdPerYear, type PriceBasis } from "../normalize";
import { FORM_INTENTS } from "../role-lifecycle";
import {
  CURRENCIES,
  DISCIPLINES,
  EMPLOYMENT_TYPES,
  EQUITY_KINDS,
  LEVELS,
  TOKEN_CAPS,
  TOKEN_PERIOD_LABELS,
  TOKEN_PERIODS,
  TOKEN_SCOPES,
  TOKEN_UNITS,
  TOOLS,
  WORKPLACES,
} from "../vocabulary";

/** The widest salary range that still counts as a real range (max / min). */
export const MAX_RANGE_RATIO = 3;
export const MIN_PUBLISHED_DESCRIPTION = 50;

/** Characters each free-text field takes; the form shows them as maxLength. */
export const ROLE_TEXT_LIMITS = {
  title: 120,
  locationText: 120,
  countryCodes: 200,
  description: 20_000,
  howToApply: 500,
  otherTools: 200,
  gpuAccess: 300,
} as const;

/** Stated amounts in any currency, before conversion: a guard for currencies without a rate. */
const MAX_STATED_MONEY = 1_000_000_000;
const MAX_STATED_TOKEN_AMOUNT = 100_000_000;

const count = (n: number) => n.toLocaleString("en-US");

/** "Use at most 120 characters (this has 131)": the server's answer when maxLength was bypassed. */
export function tooLong(max: number) {
  return (issue: { input?: unknown }) =>
    `Use at most ${count(max)} characters${typeof issue.input === "string" ? ` (this has ${count(Array.from(issue.input).length)})` : ""}`;
}

const money = (what: string, max = MAX_STATED_MONEY) =>
  z
    .number({ error: `Enter ${what} as a number` })
    .finite(`Enter ${what} as a number`)
    .min(0, `${capitalize(what)} can't be negative`)
    .max(max, `${capitalize(what)} looks too large`);

function capitalize(text: string) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const optionalText = (max: number) => z.string().trim().max(max, { error: tooLong(max) }).optional();

/** "US, ca;DE" → ["US", "CA", "DE"]: the country codes a form field lists. */
export function parseCountryCodes(text: string | undefined): string[] {
  return [...new Set((text ?? "").split(/[\s,;]+/).filter(Boolean).map((code) => code.toUpperCase()))];
}

const countryCodes = z
  .string()
  .trim()
  .max(ROLE_TEXT_LIMITS.countryCodes, { error: tooLong(ROLE_TEXT_LIMITS.countryCodes) })
  .superRefine((text, ctx) => {
    const bad = parseCountryCodes(text).filter((code) => !/^[A-Z]{2}$/.test(code));
    if (bad.length) {
      ctx.addIssue({ code: "custom", message: `Use two-letter country codes like US, GB, DE (not ${bad.slice(0, 3).join(", ")})` });
    }
  })
  .optional();

// ---------------------------------------------------------------------------------------
// How to apply: one http(s) link or one email address

// Spaces, line breaks, control and invisible formatting characters: never part of one
// address (a URL parser would silently drop some, and a Location header cannot carry them).
// eslint-disable-next-line no-control-regex
const SPACE_OR_CONTROL = /[\s\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/;

/** Why a value is not one apply link or email address, or null when it is one. */
export function howToApplyProblem(value: string): string | null {
  if (SPACE_OR_CONTROL.test(value)) return "Enter one link or one email address, without spaces or line breaks";
  if (/^https?:/i.test(value)) {
    // Exactly "scheme://host…": parsers repair "https:/x", "https:///x" and "\" differently.
    if (!/^https?:\/\/[^/\\]/i.test(value) || value.includes("\\")) return "Write the link as https://host/path";
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return "That link can't be read; copy it from your browser's address bar";
    }
    if (url.username || url.password) return "A link can't carry a user name or password (the part before @)";
    if (!url.hostname.includes(".") || url.hostname.endsWith(".")) return "The link needs a full host name, like jobs.example.com";
    return null;
  }
  if (value.includes("@")) return z.email().safeParse(value).success ? null : "Enter a valid email address, like jobs@example.com";
  return "Enter a web address starting with https:// or an email address";
}

export function isApplyUrl(value: string): boolean {
  return /^https?:/i.test(value) && howToApplyProblem(value) === null;
}

export function isApplyEmail(value: string): boolean {
  return !/^https?:/i.test(value) && value.includes("@") && howToApplyProblem(value) === null;
}

/**
 * A stored apply URL as a redirect can send it: itself when it is valid printable ASCII (the
 * employer's link byte for byte), its parsed form when it has other characters (a Location
 * header cannot carry them), null when it is not a valid apply link at all.
 */
export function applyUrlForRedirect(stored: string | null): string | null {
  if (stored === null || !isApplyUrl(stored)) return null;
  return /^[\x21-\x7e]+$/.test(stored) ? stored : new URL(stored).href;
}

const howToApply = z
  .string()
  .trim()
  .max(ROLE_TEXT_LIMITS.howToApply, { error: tooLong(ROLE_TEXT_LIMITS.howToApply) })
  .superRefine((value, ctx) => {
    const problem = howToApplyProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .optional();

// ---------------------------------------------------------------------------------------
// Plausible figures

/** What the bounds need: the rates and prices normalization converts with. */
export interface RoleFormReference {
  /** USD per unit of each currency (USD is 1). */
  rates: Record<string, number>;
  pricingBases: readonly (PriceBasis & { id: number; isDefault: boolean })[];
}

function usd(value: number): string {
  return `$${count(Math.round(value))}`;
}

/** "$3", or "¥240,000 (about $1,608)" in another currency. */
function statedMoney(value: number, currency: string, rate: number): string {
  if (currency === "USD") return usd(value);
  return `${currency} ${count(value)} (about ${usd(value * rate)})`;
}

function statedBudget(amount: number, unit: string, period: keyof typeof TOKEN_PERIOD_LABELS): string {
  const what = unit === "usd" ? usd(amount) : `${count(amount)} million tokens`;
  return `${what} ${TOKEN_PERIOD_LABELS[period]}`;
}

const isStated = (value: unknown, max = MAX_STATED_MONEY): value is number =>
  typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= max;

// ---------------------------------------------------------------------------------------

function buildRoleFormSchema(reference: RoleFormReference | null) {
  return z
    .object({
      intent: z.enum(FORM_INTENTS, { error: "Choose what to do: save a draft, publish, save changes or preview" }).default("draft"),
      // A missing title is reported by the object's check below, not here: a field that fails
      // its type stops zod from running that check, and every other error would wait for the title.
      title: z
        .string({ error: "Enter a job title" })
        .trim()
        .max(ROLE_TEXT_LIMITS.title, { error: tooLong(ROLE_TEXT_LIMITS.title) })
        .default(""),
      level: z.enum(LEVELS, { error: "Choose a level" }).optional(),
      discipline: z.enum(DISCIPLINES, { error: "Choose a discipline" }).optional(),
      employmentType: z.enum(EMPLOYMENT_TYPES, { error: "Choose an employment type" }).optional(),
      workplace: z.enum(WORKPLACES, { error: "Choose remote, hybrid or on-site" }).optional(),
      locationText: optionalText(ROLE_TEXT_LIMITS.locationText),
      countryCodes,
      description: optionalText(ROLE_TEXT_LIMITS.description),
      howToApply,
      salaryCurrency: z.enum(CURRENCIES, { error: "Choose a currency" }).default("USD"),
      salaryMin: money("the minimum salary").optional(),
      salaryMax: money("the maximum salary").optional(),
      bonusTargetPercent: z
        .number({ error: "Enter the bonus as a percentage" })
        .finite("Enter the bonus as a percentage")
        .min(0, "The bonus can't be negative")
        .max(
          PLAUSIBLE.bonusMaxPercent,
          `Bonus targets are at most ${PLAUSIBLE.bonusMaxPercent}% of the salary: a larger figure is usually the bonus in money, not a percentage`,
        )
        .optional(),
      equityKind: z.enum(EQUITY_KINDS, { error: "Choose a kind of equity" }).default("none"),
      equityMin: money("the minimum yearly equity value").optional(),
      equityMax: money("the maximum yearly equity value").optional(),
      tokenAmount: money("the token budget", MAX_STATED_TOKEN_AMOUNT).optional(),
      tokenUnit: z.enum(TOKEN_UNITS, { error: "Choose dollars or millions of tokens" }).optional(),
      tokenPeriod: z.enum(TOKEN_PERIODS, { error: "Choose per working day, month or year" }).optional(),
      tokenCap: z.enum(TOKEN_CAPS, { error: "Choose how the budget is capped" }).optional(),
      tokenScope: z.enum(TOKEN_SCOPES, { error: "Choose personal or pooled" }).optional(),
      tokenPoolSize: z
        .number({ error: "Enter how many people share the budget" })
        .int("Enter a whole number of people")
        .min(2, "A pooled budget is shared by at least 2 people")
        .max(
          PLAUSIBLE.poolSizeMax,
          `A pooled budget is shared by at most ${count(PLAUSIBLE.poolSizeMax)} people: a larger pool is a company-wide budget, which says little about one person's`,
        )
        .optional(),
      tools: z.array(z.enum(TOOLS, { error: "Choose tools from the list" })).max(TOOLS.length).default([]),
      otherTools: optionalText(ROLE_TEXT_LIMITS.otherTools),
      gpuAccess: optionalText(ROLE_TEXT_LIMITS.gpuAccess),
      pricingBasisId: z.number({ error: "Choose a pricing basis" }).int().positive().optional(),
    })
    .superRefine((value, ctx) => {
      // One message per field: the first problem found is the one to fix. (The object's
      // checks run even when a field failed its own; a field's own error comes first.)
      const flagged = new Set<string>();
      const issue = (path: string, message: string) => {
        if (flagged.has(path)) return;
        flagged.add(path);
        ctx.addIssue({ code: "custom", path: [path], message });
      };
      const salaryMin = isStated(value.salaryMin) ? value.salaryMin : undefined;
      const salaryMax = isStated(value.salaryMax) ? value.salaryMax : undefined;
      const equityMin = isStated(value.equityMin) ? value.equityMin : undefined;
      const equityMax = isStated(value.equityMax) ? value.equityMax : undefined;
      for (const path of ["salaryMin", "salaryMax", "equityMin", "equityMax", "tokenAmount"] as const) {
        // A value that failed its own field check: that field already has its message.
        if (value[path] !== undefined && !isStated(value[path], path === "tokenAmount" ? MAX_STATED_TOKEN_AMOUNT : MAX_STATED_MONEY)) flagged.add(path);
      }

      if (value.title === "") issue("title", "Enter a job title");

      // Checked whatever the intent: contradictions are never saved.
      if (salaryMin !== undefined && salaryMax !== undefined && salaryMin > salaryMax) {
        issue("salaryMax", "The maximum salary must be at least the minimum");
      }
      if (equityMin !== undefined && equityMax !== undefined && equityMin > equityMax) {
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

      if (reference) checkPlausible(value, reference, issue, { salaryMin, salaryMax, equityMin, equityMax });

      if (value.intent !== "publish" && value.intent !== "save") return;
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
      if (salaryMin === 0) issue("salaryMin", "The minimum salary must be more than 0");
      if (salaryMin !== undefined && salaryMax !== undefined && salaryMin > 0 && salaryMax > salaryMin * MAX_RANGE_RATIO) {
        issue("salaryMax", `A range wider than ${MAX_RANGE_RATIO}× isn't a real range; give the range you expect to pay`);
      }
    });
}

type RoleFormShape = z.infer<ReturnType<typeof buildRoleFormSchema>>;

/** The bounds of PLAUSIBLE, after conversion to USD a year per person, each beside its field. */
function checkPlausible(
  value: RoleFormShape,
  reference: RoleFormReference,
  issue: (path: string, message: string) => void,
  stated: { salaryMin?: number; salaryMax?: number; equityMin?: number; equityMax?: number },
) {
  const basis =
    (value.pricingBasisId !== undefined ? reference.pricingBases.find((b) => b.id === value.pricingBasisId) : undefined) ??
    reference.pricingBases.find((b) => b.isDefault);
  if (value.pricingBasisId !== undefined && !reference.pricingBases.some((b) => b.id === value.pricingBasisId)) {
    issue("pricingBasisId", "Choose a pricing basis from the list");
  }

  const currency = value.salaryCurrency;
  const rate = reference.rates[currency];
  // Without a rate the salary cannot be put in USD; such figures are stored without one.
  if (rate !== undefined && rate > 0) {
    const top = stated.salaryMax;
    if (top !== undefined && top > 0 && top * rate < PLAUSIBLE.salaryTopMinUsd) {
      issue(
        "salaryMax",
        `${statedMoney(top, currency, rate)} a year is below the ${usd(PLAUSIBLE.salaryTopMinUsd)} minimum for the top of a range: enter the full yearly salary, not an hourly or monthly rate, nor in thousands`,
      );
    }
    for (const path of ["salaryMin", "salaryMax"] as const) {
      const end = stated[path];
      if (end !== undefined && end * rate > PLAUSIBLE.salaryMaxUsd) {
        issue(path, `${statedMoney(end, currency, rate)} a year is above the ${usd(PLAUSIBLE.salaryMaxUsd)} limit for a salary: check for an extra zero or the currency`);
      }
    }
    if (value.equityKind !== "none") {
      for (const path of ["equityMin", "equityMax"] as const) {
        const end = stated[path];
        if (end !== undefined && end * rate > PLAUSIBLE.equityMaxUsd) {
          issue(path, `${statedMoney(end, currency, rate)} of equity a year is above the ${usd(PLAUSIBLE.equityMaxUsd)} limit: enter one year's value, not the whole grant`);
        }
      }
    }
  }

  const amount = value.tokenAmount;
  if (isStated(amount, MAX_STATED_TOKEN_AMOUNT) && value.tokenUnit && value.tokenPeriod && basis) {
    const size = value.tokenPoolSize;
    const pool = value.tokenScope === "pooled" && Number.isInteger(size) && isStated(size, PLAUSIBLE.poolSizeMax) ? size : null;
    const perPerson = tokenBudgetUsdPerYear(amount, value.tokenUnit, value.tokenPeriod, basis, pool);
    if (perPerson > PLAUSIBLE.tokenBudgetMaxUsd) {
      issue(
        "tokenAmount",
        `${statedBudget(amount, value.tokenUnit, value.tokenPeriod)}${pool ? `, shared by ${count(pool)} people,` : ""} comes to ${usd(perPerson)} a year per person, above the ${usd(PLAUSIBLE.tokenBudgetMaxUsd)} limit: check the amount and the period`,
      );
    }
  }
}

/** The form's fields and the checks that need no reference data (length limits, contradictions, publishing). */
export const roleFormSchema = buildRoleFormSchema(null);

const schemasByReference = new Map<string, ReturnType<typeof buildRoleFormSchema>>();

/**
 * The whole check, bounds included: what the browser and the server both run. Building it
 * takes milliseconds and the rates and prices rarely change, so one is kept per reference.
 */
export function roleFormSchemaFor(reference: RoleFormReference) {
  const key = JSON.stringify([reference.rates, reference.pricingBases.map((b) => [b.id, b.isDefault, b.usdPerMInput, b.usdPerMOutput, b.inputShare])]);
  let schema = schemasByReference.get(key);
  if (!schema) {
    // Only a handful of references ever exist at once (a price or rate changed); start over past that.
    if (schemasByReference.size >= 8) schemasByReference.clear();
    schema = buildRoleFormSchema(reference);
    schemasByReference.set(key, schema);
  }
  return schema;
}

export type RoleFormValues = z.infer<typeof roleFormSchema>;
