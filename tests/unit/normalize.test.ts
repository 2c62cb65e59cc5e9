import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  WORKING_DAYS_PER_YEAR,
  blendedUsdPerMTokens,
  normalizeCompensation,
  packageBreakdown,
  statedAmountFor,
  tokenBudgetUsdPerYear,
  tokensPerMonthFor,
  type PriceBasis,
  type StatedCompensation,
} from "~/lib/normalize";
import { TOKEN_PERIODS, TOKEN_UNITS } from "~/lib/vocabulary";

// $3 in / $15 out per million, 75% input: blended 0.75*3 + 0.25*15 = $6 per million tokens.
const basis: PriceBasis = { usdPerMInput: 3, usdPerMOutput: 15, inputShare: 0.75 };

const usdPackage = (overrides: Partial<StatedCompensation> = {}): StatedCompensation => ({
  salaryCurrency: "USD",
  salaryMin: 375_000,
  salaryMax: 375_000,
  bonusTargetPercent: null,
  equityMin: null,
  equityMax: null,
  tokenAmount: 100_000,
  tokenUnit: "usd",
  tokenPeriod: "year",
  tokenCap: "soft",
  tokenScope: "personal",
  tokenPoolSize: null,
  ...overrides,
});

describe("hand-checked cases", () => {
  it("blends input and output prices by the basis' mix", () => {
    expect(blendedUsdPerMTokens(basis)).toBe(6);
  });

  it("$375k salary plus $100k of tokens: total $475k, inference share about 21%", () => {
    const figures = normalizeCompensation(usdPackage(), basis, 1);
    expect(figures.tokenUsdPerYear).toBe(100_000);
    expect(figures.totalMinUsd).toBe(475_000);
    expect(figures.totalMaxUsd).toBe(475_000);
    expect(figures.inferenceShare).toBeCloseTo(100 / 475, 4); // 0.2105
    // (100,000 / 12) / $6 per M x 10^6 = 1,388,888,889 tokens a month.
    expect(figures.tokensPerMonth).toBe(1_388_888_889);
  });

  it("converts per-working-day dollars with the stated working days a year", () => {
    expect(WORKING_DAYS_PER_YEAR).toBe(250);
    expect(tokenBudgetUsdPerYear(400, "usd", "day", basis)).toBe(100_000);
  });

  it("converts a $30/month seat stipend", () => {
    expect(tokenBudgetUsdPerYear(30, "usd", "month", basis)).toBe(360);
  });

  it("prices millions of tokens at the blended rate", () => {
    // 500M tokens a month at $6 per M = $3,000 a month = $36,000 a year.
    expect(tokenBudgetUsdPerYear(500, "mtok", "month", basis)).toBe(36_000);
    const figures = normalizeCompensation(usdPackage({ tokenAmount: 500, tokenUnit: "mtok", tokenPeriod: "month" }), basis, 1);
    expect(figures.tokensPerMonth).toBe(500_000_000);
  });

  it("divides a pooled budget among the people sharing it", () => {
    const figures = normalizeCompensation(
      usdPackage({ tokenAmount: 600_000, tokenScope: "pooled", tokenPoolSize: 6 }),
      basis,
      1,
    );
    expect(figures.tokenUsdPerYear).toBe(100_000);
  });

  it("ignores a pool size on a personal budget", () => {
    const figures = normalizeCompensation(usdPackage({ tokenScope: "personal", tokenPoolSize: 6 }), basis, 1);
    expect(figures.tokenUsdPerYear).toBe(100_000);
  });

  it("converts salary and equity to USD and adds the bonus on salary", () => {
    // EUR at $1.16: 100k-120k EUR = $116k-$139.2k; 10% bonus; equity 10k-20k EUR = $11.6k-$23.2k; $12k tokens.
    const figures = normalizeCompensation(
      usdPackage({
        salaryCurrency: "EUR",
        salaryMin: 100_000,
        salaryMax: 120_000,
        bonusTargetPercent: 10,
        equityMin: 10_000,
        equityMax: 20_000,
        tokenAmount: 12_000,
      }),
      basis,
      1.16,
    );
    expect(figures.salaryMinUsd).toBe(116_000);
    expect(figures.salaryMaxUsd).toBe(139_200);
    expect(figures.totalMinUsd).toBe(116_000 * 1.1 + 11_600 + 12_000); // 151,200
    expect(figures.totalMaxUsd).toBe(139_200 * 1.1 + 23_200 + 12_000); // 188,320
    expect(figures.inferenceShare).toBeCloseTo(12_000 / ((151_200 + 188_320) / 2), 4);
  });

  it("an explicit zero budget is zero, not missing", () => {
    const figures = normalizeCompensation(usdPackage({ tokenAmount: 0 }), basis, 1);
    expect(figures.tokenUsdPerYear).toBe(0);
    expect(figures.tokensPerMonth).toBe(0);
    expect(figures.inferenceShare).toBe(0);
    expect(figures.totalMinUsd).toBe(375_000);
  });

  it("leaves figures it cannot compute empty instead of guessing", () => {
    const draft = normalizeCompensation(
      usdPackage({ salaryMin: null, salaryMax: null, tokenAmount: null, tokenUnit: null, tokenPeriod: null }),
      basis,
      1,
    );
    expect(draft).toEqual({
      tokenUsdPerYear: null,
      tokensPerMonth: null,
      salaryMinUsd: null,
      salaryMaxUsd: null,
      totalMinUsd: null,
      totalMaxUsd: null,
      inferenceShare: null,
    });
    const noRate = normalizeCompensation(usdPackage({ salaryCurrency: "XYZ" }), basis, null);
    expect(noRate.salaryMinUsd).toBeNull();
    expect(noRate.tokenUsdPerYear).toBe(100_000);
  });

  it("breaks the package into parts that add up to the midpoint total", () => {
    const stated = usdPackage({ salaryMin: 180_000, salaryMax: 220_000, bonusTargetPercent: 10, equityMin: 20_000, equityMax: 40_000, tokenAmount: 60_000 });
    const figures = normalizeCompensation(stated, basis, 1);
    const parts = packageBreakdown(stated, 1, figures.tokenUsdPerYear);
    expect(parts).toEqual({ salaryUsd: 200_000, bonusUsd: 20_000, equityUsd: 30_000, tokenUsd: 60_000, totalUsd: 310_000 });
    expect(((figures.totalMinUsd ?? 0) + (figures.totalMaxUsd ?? 0)) / 2).toBe(310_000);
  });
});

const finiteAmount = fc.double({ min: 0, max: 1e7, noNaN: true, noDefaultInfinity: true });
const priceBasis = fc.record({
  usdPerMInput: fc.double({ min: 0.01, max: 100, noNaN: true }),
  usdPerMOutput: fc.double({ min: 0.01, max: 200, noNaN: true }),
  inputShare: fc.double({ min: 0, max: 1, noNaN: true }),
});
const unit = fc.constantFrom(...TOKEN_UNITS);
const period = fc.constantFrom(...TOKEN_PERIODS);

/** Equal up to floating-point rounding: a billionth of the value (or of 1 near zero). */
function expectRelativelyClose(actual: number, expected: number) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

describe("properties", () => {
  it("is monotone in the stated amount", () => {
    fc.assert(
      fc.property(finiteAmount, finiteAmount, unit, period, priceBasis, (a, b, u, p, basisValue) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(tokenBudgetUsdPerYear(low, u, p, basisValue)).toBeLessThanOrEqual(tokenBudgetUsdPerYear(high, u, p, basisValue));
      }),
      { numRuns: 2000 },
    );
  });

  it("round-trips between any unit and period and USD per year", () => {
    fc.assert(
      fc.property(finiteAmount, unit, period, priceBasis, (amount, u, p, basisValue) => {
        const usd = tokenBudgetUsdPerYear(amount, u, p, basisValue);
        expectRelativelyClose(statedAmountFor(usd, u, p, basisValue), amount);
        // Tokens a month back to dollars: the same yearly budget.
        const tokens = tokensPerMonthFor(usd, basisValue);
        expectRelativelyClose((tokens / 1e6) * blendedUsdPerMTokens(basisValue) * 12, usd);
      }),
      { numRuns: 2000 },
    );
  });

  it("never yields NaN, Infinity or a negative figure, whatever is stated", () => {
    const anyNumber = fc.oneof(
      fc.double(),
      fc.constant(Number.NaN),
      fc.constant(Number.POSITIVE_INFINITY),
      fc.constant(-1),
      fc.constant(1e308),
      fc.constant(null),
    );
    fc.assert(
      fc.property(
        fc.record({
          salaryMin: anyNumber,
          salaryMax: anyNumber,
          bonusTargetPercent: anyNumber,
          equityMin: anyNumber,
          equityMax: anyNumber,
          tokenAmount: anyNumber,
          tokenPoolSize: fc.oneof(fc.integer(), fc.constant(null)),
        }),
        unit,
        period,
        fc.constantFrom("personal" as const, "pooled" as const),
        priceBasis,
        fc.oneof(fc.double(), fc.constant(null)),
        (numbers, u, p, scope, basisValue, rate) => {
          const figures = normalizeCompensation(
            { ...numbers, salaryCurrency: "USD", tokenUnit: u, tokenPeriod: p, tokenCap: "hard", tokenScope: scope },
            basisValue,
            rate,
          );
          for (const value of Object.values(figures)) {
            if (value === null) continue;
            expect(Number.isFinite(value)).toBe(true);
            expect(value).toBeGreaterThanOrEqual(0);
          }
          if (figures.inferenceShare !== null) expect(figures.inferenceShare).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
