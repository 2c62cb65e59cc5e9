/**
 * Plausible figures (issue 11, item 10): once normalized to USD a year per person, a salary,
 * equity or token budget outside PLAUSIBLE (app/lib/normalize.ts) is refused beside its
 * field, with a message that gives the bound and what the figure comes to; nothing is stored.
 * Also: howToApply is one http(s) link or one email address, and a negative salary gets one
 * message, not two that contradict each other (issue 13, item 7).
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { compensation, roles } from "../../db/schema";
import { employerWithCompany, postForm } from "../support/accounts";
import { ROLE_FORM } from "../support/role-form";
import { db } from "~/models/db.server";
import { action as newRoleAction } from "~/routes/employer.roles.new";
import { action as editAction } from "~/routes/employer.roles.$id";

let employer: Awaited<ReturnType<typeof employerWithCompany>>;

beforeAll(async () => {
  employer = await employerWithCompany("plausible");
});

interface Reply {
  result: { error?: Record<string, string[] | null> };
}

function roleCount(): number {
  return (db().$client.prepare("SELECT count(*) AS n FROM roles").get() as { n: number }).n;
}

/** Posts the shared publishable form with some fields changed: its status and field errors. */
async function publish(changes: Record<string, string>, intent = "publish") {
  const before = roleCount();
  const answer = await postForm(newRoleAction, `/employer/roles/new?company=${employer.companySlug}`, { ...ROLE_FORM, ...changes, intent }, { cookie: employer.cookie });
  const errors = answer.status === 400 ? ((answer.data as Reply).result.error ?? {}) : {};
  if (answer.status !== 302) expect(roleCount(), "nothing is stored").toBe(before);
  return { status: answer.status, errors, location: answer.location };
}

const usdYear = { salaryCurrency: "USD" };
const personalUsd = (amount: string, period: string) => ({ tokenAmount: amount, tokenUnit: "usd", tokenPeriod: period, tokenScope: "personal" });

describe("the figures from issue 11", () => {
  it("a salary of $1-$3 is refused beside the maximum, saying the bound and why", async () => {
    const { status, errors } = await publish({ ...usdYear, salaryMin: "1", salaryMax: "3" });
    expect(status).toBe(400);
    expect(errors.salaryMax).toEqual([
      "$3 a year is below the $2,000 minimum for the top of a range: enter the full yearly salary, not an hourly or monthly rate, nor in thousands",
    ]);
  });

  it("a budget of $100,000,000 per working day pooled by 2 is refused beside the amount, with what it comes to a year", async () => {
    const { status, errors } = await publish({ tokenAmount: "100000000", tokenUnit: "usd", tokenPeriod: "day", tokenScope: "pooled", tokenPoolSize: "2" });
    expect(status).toBe(400);
    // 100M x 250 working days / 2 people.
    expect(errors.tokenAmount).toEqual([
      "$100,000,000 per working day, shared by 2 people, comes to $12,500,000,000 a year per person, above the $1,000,000 limit: check the amount and the period",
    ]);
  });

  it("refuses them as drafts too: implausible figures are never stored", async () => {
    expect((await publish({ ...usdYear, salaryMin: "1", salaryMax: "3" }, "draft")).errors.salaryMax).toHaveLength(1);
    expect((await publish({ tokenAmount: "100000000", tokenUnit: "usd", tokenPeriod: "day", tokenScope: "pooled", tokenPoolSize: "2" }, "draft")).errors.tokenAmount).toHaveLength(1);
  });

  it("and an edit of a listed role cannot bring them in", async () => {
    const created = await publish({});
    expect(created.status).toBe(302);
    const id = Number(/\/employer\/roles\/(\d+)/.exec(created.location ?? "")?.[1]);
    const before = db().select().from(compensation).where(eq(compensation.roleId, id)).get();
    const answer = await postForm(
      editAction,
      `/employer/roles/${id}`,
      { ...ROLE_FORM, intent: "save", tokenAmount: "5000", tokenUnit: "usd", tokenPeriod: "day", tokenScope: "personal" },
      { cookie: employer.cookie, params: { id: String(id) } },
    );
    expect(answer.status).toBe(400);
    expect((answer.data as Reply).result.error?.tokenAmount?.[0]).toContain("$1,250,000 a year per person");
    expect(db().select().from(compensation).where(eq(compensation.roleId, id)).get()).toEqual(before);
  });
});

describe("the bounds, per person, per year, in USD", () => {
  it("token budgets: per working day and per month count by what they come to a year", async () => {
    expect((await publish(personalUsd("4000", "day"))).status).toBe(302); // $1,000,000 a year: at the bound
    expect((await publish(personalUsd("4001", "day"))).errors.tokenAmount?.[0]).toMatch(/^\$4,001 per working day comes to \$1,000,250 a year per person, above the \$1,000,000 limit/);
    expect((await publish(personalUsd("100000", "month"))).errors.tokenAmount?.[0]).toMatch(/comes to \$1,200,000 a year per person/);
    // In tokens, at the default basis' blended price.
    expect((await publish({ tokenAmount: "1000000", tokenUnit: "mtok", tokenPeriod: "month", tokenScope: "personal" })).errors.tokenAmount?.[0]).toMatch(
      /^1,000,000 million tokens per month comes to \$[\d,]+ a year per person/,
    );
  });

  it("a pooled budget is divided by the people sharing it before the check", async () => {
    // $2M a year shared by 4: $500k each.
    const pooled = await publish({ tokenAmount: "2000000", tokenUnit: "usd", tokenPeriod: "year", tokenScope: "pooled", tokenPoolSize: "4" });
    expect(pooled.status).toBe(302);
    const id = Number(/\/employer\/roles\/(\d+)/.exec(pooled.location ?? "")?.[1]);
    expect(db().select().from(compensation).where(eq(compensation.roleId, id)).get()?.tokenUsdPerYear).toBe(500_000);
    expect((await publish({ tokenAmount: "2000000", tokenUnit: "usd", tokenPeriod: "year", tokenScope: "pooled", tokenPoolSize: "20000" })).errors.tokenPoolSize?.[0]).toMatch(
      /^A pooled budget is shared by at most 10,000 people: a larger pool is a company-wide budget/,
    );
  });

  it("salaries: the top of the range from $2,000 to $2,000,000 a year, converted from the stated currency", async () => {
    expect((await publish({ ...usdYear, salaryMin: "1500000", salaryMax: "2000000" })).status).toBe(302);
    expect((await publish({ ...usdYear, salaryMin: "1500000", salaryMax: "2500000" })).errors.salaryMax).toEqual([
      "$2,500,000 a year is above the $2,000,000 limit for a salary: check for an extra zero or the currency",
    ]);
    // 240,000 yen is about $1,600 a year; 20 million yen about $130,000.
    expect((await publish({ salaryCurrency: "JPY", salaryMin: "100000", salaryMax: "240000" })).errors.salaryMax?.[0]).toMatch(
      /^JPY 240,000 \(about \$1,\d{3}\) a year is below the \$2,000 minimum for the top of a range/,
    );
    expect((await publish({ salaryCurrency: "JPY", salaryMin: "15000000", salaryMax: "20000000" })).status).toBe(302);
  });

  it("equity a year at most $5,000,000, and a bonus target at most 200%, each saying why", async () => {
    expect((await publish({ ...usdYear, equityKind: "rsu", equityMin: "100000", equityMax: "6000000" })).errors.equityMax).toEqual([
      "$6,000,000 of equity a year is above the $5,000,000 limit: enter one year's value, not the whole grant",
    ]);
    expect((await publish({ ...usdYear, equityKind: "rsu", equityMin: "100000", equityMax: "5000000" })).status).toBe(302);
    expect((await publish({ bonusTargetPercent: "250" })).errors.bonusTargetPercent).toEqual([
      "Bonus targets are at most 200% of the salary: a larger figure is usually the bonus in money, not a percentage",
    ]);
  });
});

describe("one message per problem", () => {
  it("a negative salary gets one message, not two that contradict each other (issue 13, item 7)", async () => {
    const { status, errors } = await publish({ salaryMin: "-5", salaryMax: "100000" });
    expect(status).toBe(400);
    expect(errors.salaryMin).toEqual(["The minimum salary can't be negative"]);
  });

  it("a budget without its unit and period says so once each", async () => {
    const { errors } = await publish({ tokenUnit: "", tokenPeriod: "" });
    expect(errors.tokenUnit).toEqual(["Choose dollars or millions of tokens"]);
    expect(errors.tokenPeriod).toEqual(["Choose per working day, month or year"]);
  });
});

describe("how to apply: one http(s) link or one email address", () => {
  it.each([
    ["a line break (issue 11)", "https://jobs.example.com/apply\nLocation: https://evil.example", /without spaces or line breaks/],
    ["a space", "https://jobs.example.com/a b", /without spaces or line breaks/],
    ["an invisible space", "https://jobs.exa\u200bmple.com/", /without spaces or line breaks/],
    ["two addresses", "jobs@example.com, hr@example.com", /without spaces or line breaks/],
    ["two addresses without a space", "jobs@example.com,hr@example.com", /valid email address/],
    ["credentials", "https://jobs.example.com@evil.example/", /user name or password/],
    ["no host", "https:///evil.example", /https:\/\/host\/path/],
    ["a backslash", "https://jobs.example.com\\@evil.example", /https:\/\/host\/path/],
    ["a bare host name", "http://localhost/apply", /full host name/],
    ["another scheme", "javascript:alert(1)", /starting with https:\/\//],
    ["a relative link", "//evil.example", /starting with https:\/\//],
  ])("refuses %s", async (_what, value, message) => {
    const { status, errors } = await publish({ howToApply: value });
    expect(status).toBe(400);
    expect(errors.howToApply?.[0]).toMatch(message);
  });

  it.each([
    ["a link", "https://jobs.example.com/apply?id=7#form", "applyUrl"],
    ["a link in capitals", "HTTPS://JOBS.EXAMPLE.COM/A?ref=x", "applyUrl"],
    ["a link with non-ASCII text", "https://jobs.example.com/stellen/ingenieur-für-agenten", "applyUrl"],
    ["an email address", "jobs@example.com", "applyEmail"],
  ] as const)("accepts %s", async (_what, value, column) => {
    const { status, location } = await publish({ howToApply: value });
    expect(status).toBe(302);
    const id = Number(/\/employer\/roles\/(\d+)/.exec(location ?? "")?.[1]);
    expect(db().select().from(roles).where(eq(roles.id, id)).get()?.[column]).toBe(value);
  });
});
