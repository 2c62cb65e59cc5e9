/**
 * The role form's schema as the browser runs it (no database: the rates and prices come as
 * the page hands them over), the apply-link rules, and the maxLength constraints the forms
 * get from their schemas.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { PLAUSIBLE, tokenBudgetUsdPerYear } from "~/lib/normalize";
import { loginSchema, signupSchema } from "~/lib/schemas/auth";
import { formConstraint } from "~/lib/schemas/constraint";
import { applyUrlForRedirect, howToApplyProblem, roleFormSchema, roleFormSchemaFor, type RoleFormReference } from "~/lib/schemas/role";

// $3 in / $15 out per million at 75% input: $6 per million tokens blended.
const reference: RoleFormReference = {
  rates: { USD: 1, EUR: 1.1, JPY: 0.0066 },
  pricingBases: [
    { id: 1, isDefault: true, usdPerMInput: 3, usdPerMOutput: 15, inputShare: 0.75 },
    { id: 2, isDefault: false, usdPerMInput: 0.3, usdPerMOutput: 1.5, inputShare: 0.75 },
  ],
};
const schema = roleFormSchemaFor(reference);

function errors(fields: Record<string, string>) {
  const formData = new FormData();
  for (const [name, value] of Object.entries({ intent: "draft", title: "Engineer", ...fields })) formData.append(name, value);
  const submission = parseWithZod(formData, { schema });
  return submission.status === "success" ? {} : (submission.reply().error ?? {});
}

describe("bounds in the browser's schema", () => {
  it("convert tokens at the chosen pricing basis", () => {
    // 1,000 million tokens a working day: $6,000 a day at the default basis ($1.5M a year),
    // $600 a day at the cheaper one ($150k a year).
    expect(errors({ tokenAmount: "1000", tokenUnit: "mtok", tokenPeriod: "day" }).tokenAmount?.[0]).toMatch(/comes to \$1,500,000 a year per person/);
    expect(errors({ tokenAmount: "1000", tokenUnit: "mtok", tokenPeriod: "day", pricingBasisId: "2" }).tokenAmount).toBeUndefined();
    expect(errors({ pricingBasisId: "9" }).pricingBasisId).toEqual(["Choose a pricing basis from the list"]);
  });

  it("agree with the normalization at the bound", () => {
    const atBound = PLAUSIBLE.tokenBudgetMaxUsd / 250;
    expect(tokenBudgetUsdPerYear(atBound, "usd", "day", reference.pricingBases[0]!)).toBe(PLAUSIBLE.tokenBudgetMaxUsd);
    expect(errors({ tokenAmount: String(atBound), tokenUnit: "usd", tokenPeriod: "day" }).tokenAmount).toBeUndefined();
    expect(errors({ tokenAmount: String(atBound + 1), tokenUnit: "usd", tokenPeriod: "day" }).tokenAmount).toHaveLength(1);
  });

  it("convert salaries and equity at the currency's rate, and leave a currency without one alone", () => {
    expect(errors({ salaryCurrency: "EUR", salaryMin: "1000000", salaryMax: "1900000" }).salaryMax?.[0]).toMatch(/^EUR 1,900,000 \(about \$2,090,000\) a year is above/);
    expect(errors({ salaryCurrency: "EUR", salaryMin: "1000000", salaryMax: "1800000" }).salaryMax).toBeUndefined();
    // No rate for GBP in this reference: no USD figure to bound (the stated-amount guard still holds).
    expect(errors({ salaryCurrency: "GBP", salaryMin: "1", salaryMax: "3" })).toEqual({});
    expect(errors({ salaryCurrency: "GBP", salaryMin: "1", salaryMax: "2000000000" }).salaryMax).toEqual(["The maximum salary looks too large"]);
  });

  it("are not in the reference-free schema the tests and scripts parse with", () => {
    expect(roleFormSchema.safeParse({ intent: "draft", title: "x", salaryMin: 1, salaryMax: 3 }).success).toBe(true);
  });
});

describe("publishing an empty form", () => {
  it("reports every missing field at once, the title among them", () => {
    const formData = new FormData();
    formData.append("intent", "publish");
    const submission = parseWithZod(formData, { schema });
    const fieldErrors = submission.status === "success" ? {} : (submission.reply().error ?? {});
    expect(Object.keys(fieldErrors).sort()).toEqual(
      [
        "title",
        "level",
        "discipline",
        "employmentType",
        "workplace",
        "locationText",
        "howToApply",
        "salaryMin",
        "salaryMax",
        "tokenAmount",
        "tokenUnit",
        "tokenPeriod",
        "tokenCap",
        "tokenScope",
        "description",
      ].sort(),
    );
    expect(fieldErrors.title).toEqual(["Enter a job title"]);
  });

  it("still needs a title for a draft, and only that", () => {
    expect(roleFormSchema.safeParse({ intent: "draft", title: "   " }).error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["title", "Enter a job title"]]);
  });
});

describe("how to apply", () => {
  it.each([
    "https://jobs.example.com/apply?id=7#form",
    "http://jobs.example.com",
    "https://jobs.example.com/stellen/für-dich",
    "https://xn--bcher-kva.example/",
    "jobs@example.com",
    "first.last+jobs@example.co.uk",
  ])("accepts %s", (value) => {
    expect(howToApplyProblem(value)).toBeNull();
  });

  it.each([
    "https://jobs.example.com/a\nb",
    "https://jobs.example.com/a\tb",
    "https://jobs.example.com/\u2028",
    "\u202ehttps://jobs.example.com",
    "https:jobs.example.com",
    "https:/jobs.example.com",
    "https:///jobs.example.com",
    "https://user:pass@jobs.example.com/",
    "https://jobs.example.com./",
    "https://intranet/apply",
    "ftp://jobs.example.com",
    "mailto:jobs@example.com",
    "jobs@example",
    "jobs",
  ])("refuses %j", (value) => {
    expect(howToApplyProblem(value)).not.toBeNull();
  });

  it("redirects to a stored link as written when it is printable ASCII, else to its encoded form", () => {
    expect(applyUrlForRedirect("https://jobs.example.com/a?b=c#d")).toBe("https://jobs.example.com/a?b=c#d");
    expect(applyUrlForRedirect("https://bücher.example/für")).toBe("https://xn--bcher-kva.example/f%C3%BCr");
    expect(applyUrlForRedirect("https://jobs.example.com/a\nb")).toBeNull();
    expect(applyUrlForRedirect(null)).toBeNull();
  });
});

describe("maxLength from the schemas", () => {
  it("for every text field of the role form", () => {
    const constraint = formConstraint(roleFormSchema);
    // Not `required` in the browser: its bubble would stop an empty form at the title, and
    // the other required fields' errors would wait for it (the schema reports them all).
    expect(constraint.title).toMatchObject({ maxLength: 120 });
    expect(constraint.title?.required).toBeFalsy();
    expect(constraint.description).toMatchObject({ maxLength: 20_000 });
    expect(constraint.howToApply).toMatchObject({ maxLength: 500 });
    expect(constraint.salaryMin?.maxLength).toBeUndefined();
  });

  it("through trim and pipe, for sign-up and log-in", () => {
    expect(formConstraint(signupSchema).email?.maxLength).toBe(254);
    expect(formConstraint(signupSchema).password?.maxLength).toBe(1024);
    expect(formConstraint(signupSchema).displayName?.maxLength).toBe(100);
    expect(formConstraint(loginSchema).password?.maxLength).toBe(1024);
  });
});
