/**
 * Fuzzing the role form's action with random and hostile values (negative, NaN, 1e308,
 * min > max, huge text, HTML and script in every field): it always answers with a redirect
 * (saved) or a 400 (with the reason), never a 5xx, and nothing stored breaks the rules.
 */
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { companies, compensation, roles } from "../../db/schema";
import { employerWithCompany, postForm } from "../support/accounts";
import { db } from "~/models/db.server";
import { PLAUSIBLE } from "~/lib/normalize";
import { MAX_RANGE_RATIO, MIN_PUBLISHED_DESCRIPTION, isApplyEmail, isApplyUrl } from "~/lib/schemas/role";
import { usdRates } from "~/models/reference.server";
import { action as newRoleAction } from "~/routes/employer.roles.new";
import { action as editAction } from "~/routes/employer.roles.$id";

const hostileText = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: "grapheme", maxLength: 60 }),
  fc.constantFrom(
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "' OR 1=1 --",
    "\u0000",
    "😀".repeat(50),
    "x".repeat(30_000),
    "-1",
    "NaN",
    "1e308",
    "-0",
    "Infinity",
    "0x1F",
    " 12 ",
    "",
  ),
);
/** Not one http(s) link or one email address, though most look like one. */
const hostileApply = fc.constantFrom(
  "javascript:alert(1)",
  "//evil.example",
  "https://example.com/apply\nLocation: https://evil.example",
  "https://example.com/a b",
  "https://jobs.example.com@evil.example/",
  "https:///evil.example",
  "http://localhost/apply",
  "jobs@example.com, hr@example.com",
  "https://example.com\\@evil.example",
  "https://exa\u200bmple.com/",
);
/** Mostly plausible values, sometimes hostile ones: so that many forms get saved too. */
const mostly = <T,>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>) => fc.oneof({ arbitrary: good, weight: 20 }, { arbitrary: bad, weight: 1 });
const hostileNumber = mostly(
  fc.oneof(fc.integer({ min: 1, max: 400_000 }).map(String), fc.constantFrom("150000", "190000", "0", "2000", "5")),
  fc.oneof(hostileText, fc.double().map(String), fc.integer({ min: -1e9, max: 2e9 }).map(String), fc.constantFrom("1", "3", "1999", "2500000", "100000000")),
);
const enumish = (values: string[]) => mostly(fc.constantFrom(...values), hostileText);

const small = (min: number, max: number) => mostly(fc.integer({ min, max }).map(String), hostileNumberOnly());
function hostileNumberOnly() {
  return fc.oneof(hostileText, fc.double().map(String), fc.integer({ min: -1e9, max: 2e9 }).map(String));
}

/** A salary range that is usually real (min <= max <= 2x min), sometimes anything at all. */
const salaryRange = mostly(
  fc.integer({ min: 20_000, max: 300_000 }).chain((min) => fc.tuple(fc.constant(min), fc.integer({ min, max: min * 2 }))).map(([min, max]) => [String(min), String(max)]),
  fc.tuple(hostileNumber, hostileNumber),
);

const roleForm = fc
  .record(
    {
      intent: enumish(["draft", "publish", "publish", "preview"]),
      title: mostly(fc.constant("Fuzzed Engineer"), hostileText),
      level: enumish(["senior", "junior", "staff"]),
      discipline: enumish(["backend", "ml"]),
      employmentType: enumish(["FULL_TIME", "CONTRACTOR"]),
      workplace: enumish(["remote", "onsite"]),
      locationText: mostly(fc.constant("Remote (US)"), hostileText),
      countryCodes: mostly(fc.constant("US, CA"), hostileText),
      description: mostly(fc.constant("A long enough description of the role, with **Markdown** and <script>alert(1)</script>."), hostileText),
      howToApply: mostly(fc.constantFrom("https://example.com/apply", "jobs@example.com"), fc.oneof(hostileApply, hostileText)),
      salaryCurrency: enumish(["USD", "EUR", "JPY"]),
      bonusTargetPercent: small(0, 30),
      equityKind: enumish(["rsu", "options"]),
      equityMin: small(0, 50_000),
      tokenAmount: hostileNumber,
      tokenUnit: enumish(["usd", "mtok"]),
      tokenPeriod: enumish(["day", "month", "year"]),
      tokenCap: enumish(["hard", "soft", "uncapped"]),
      tokenScope: enumish(["personal", "pooled"]),
      tokenPoolSize: small(2, 12),
      tools: fc.array(enumish(["cursor", "claude-code", "copilot"]), { maxLength: 12 }),
      otherTools: mostly(fc.constant(""), hostileText),
      gpuAccess: mostly(fc.constant(""), hostileText),
      pricingBasisId: small(1, 7),
      companyId: hostileNumber,
      status: enumish(["published", "closed"]),
    },
    { requiredKeys: ["title", "intent"] },
  )
  .chain((form) => salaryRange.map(([salaryMin, salaryMax]) => ({ ...form, salaryMin, salaryMax })));

let employer: Awaited<ReturnType<typeof employerWithCompany>>;
let companyId: number;

beforeAll(async () => {
  employer = await employerWithCompany("fuzzer");
  companyId = db().select().from(companies).where(eq(companies.slug, employer.companySlug)).get()!.id;
});

function checkStoredRoles() {
  const rates = usdRates();
  const rows = db()
    .select({ role: roles, pkg: compensation })
    .from(roles)
    .leftJoin(compensation, eq(compensation.roleId, roles.id))
    .where(eq(roles.companyId, companyId))
    .all();
  for (const { role, pkg } of rows) {
    expect(pkg, role.slug).not.toBeNull();
    if (!pkg) continue;
    for (const value of [pkg.salaryMin, pkg.salaryMax, pkg.tokenAmount, pkg.tokenUsdPerYear, pkg.totalMinUsd, pkg.totalMaxUsd, pkg.inferenceShare]) {
      if (value !== null) {
        expect(Number.isFinite(value)).toBe(true);
        expect(value).toBeGreaterThanOrEqual(0);
      }
    }
    if (pkg.salaryMin !== null && pkg.salaryMax !== null) expect(pkg.salaryMin).toBeLessThanOrEqual(pkg.salaryMax);
    // Plausible figures (PLAUSIBLE in app/lib/normalize.ts), in USD a year per person.
    if (pkg.salaryMaxUsd !== null && pkg.salaryMaxUsd > 0) expect(pkg.salaryMaxUsd).toBeGreaterThanOrEqual(PLAUSIBLE.salaryTopMinUsd);
    for (const end of [pkg.salaryMinUsd, pkg.salaryMaxUsd]) if (end !== null) expect(end).toBeLessThanOrEqual(PLAUSIBLE.salaryMaxUsd);
    if (pkg.tokenUsdPerYear !== null) expect(pkg.tokenUsdPerYear).toBeLessThanOrEqual(PLAUSIBLE.tokenBudgetMaxUsd);
    const rate = rates[pkg.salaryCurrency] ?? 0;
    for (const end of [pkg.equityMin, pkg.equityMax]) if (end !== null) expect(end * rate).toBeLessThanOrEqual(PLAUSIBLE.equityMaxUsd);
    if (pkg.bonusTargetPercent !== null) expect(pkg.bonusTargetPercent).toBeLessThanOrEqual(PLAUSIBLE.bonusMaxPercent);
    if (pkg.tokenPoolSize !== null) expect(pkg.tokenPoolSize).toBeLessThanOrEqual(PLAUSIBLE.poolSizeMax);
    if (role.applyUrl) expect(isApplyUrl(role.applyUrl), role.applyUrl).toBe(true);
    if (role.applyEmail) expect(isApplyEmail(role.applyEmail), role.applyEmail).toBe(true);
    if (role.status === "published") {
      expect(pkg.salaryMin).toBeGreaterThan(0);
      expect(pkg.salaryMax!).toBeLessThanOrEqual(pkg.salaryMin! * MAX_RANGE_RATIO);
      expect(pkg.tokenUsdPerYear).not.toBeNull();
      expect(pkg.tokensPerMonth).not.toBeNull();
      expect(role.description.length).toBeGreaterThanOrEqual(MIN_PUBLISHED_DESCRIPTION);
      expect(role.applyUrl ?? role.applyEmail).toBeTruthy();
      expect(role.publishedAt).not.toBeNull();
      expect(role.expiresAt).not.toBeNull();
    }
  }
  return rows.length;
}

describe("role form fuzzing", () => {
  it("creating: never a 5xx, never a role that breaks the rules", async () => {
    let saved = 0;
    await fc.assert(
      fc.asyncProperty(roleForm, async (form) => {
        const result = await postForm(newRoleAction, `/employer/roles/new?company=${employer.companySlug}`, form as Record<string, string | string[]>, {
          cookie: employer.cookie,
        });
        expect([200, 302, 400]).toContain(result.status);
        if (result.status === 302) saved++;
      }),
      { numRuns: 1500 },
    );
    const stored = checkStoredRoles();
    expect(stored).toBe(saved);
    // The generators must reach the saving path, or this test proves little.
    expect(saved).toBeGreaterThan(20);
    expect(db().select().from(roles).where(eq(roles.companyId, companyId)).all().some((r) => r.status === "published")).toBe(true);
  });

  it("editing: the same holds", async () => {
    const target = db().select().from(roles).where(eq(roles.companyId, companyId)).get();
    expect(target).toBeDefined();
    await fc.assert(
      fc.asyncProperty(roleForm, async (form) => {
        const result = await postForm(editAction, `/employer/roles/${target!.id}`, form as Record<string, string | string[]>, {
          cookie: employer.cookie,
          params: { id: String(target!.id) },
        });
        expect([200, 302, 400, 409]).toContain(result.status);
      }),
      { numRuns: 800 },
    );
    checkStoredRoles();
  });
});
