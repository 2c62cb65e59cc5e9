import { describe, expect, it } from "vitest";
import {
  agoLabel,
  compactNumber,
  money,
  moneyRange,
  percent,
  statedBudgetLabel,
  tokenBudgetLabel,
  tokensPerMonthLabel,
} from "~/lib/format";

describe("numbers for people", () => {
  it("compacts thousands, millions and billions", () => {
    expect(compactNumber(950)).toBe("950");
    expect(compactNumber(1_200)).toBe("1.2k");
    expect(compactNumber(180_000)).toBe("180k");
    expect(compactNumber(1_250_000)).toBe("1.25M");
    expect(compactNumber(330_000_000)).toBe("330M");
    expect(compactNumber(1_388_888_889)).toBe("1.4B");
    expect(compactNumber(12_500_000_000)).toBe("13B");
    // Not "1500000B": a preview of a mistyped amount must still read as a number.
    expect(compactNumber(999_000_000_000)).toBe("999B");
    expect(compactNumber(1_500_000_000_000)).toBe("1.5T");
    expect(compactNumber(1_500_000_000_000_000)).toBe("1,500T");
    expect(compactNumber(-2_000_000_000_000)).toBe("-2T");
  });

  it("formats salary ranges the way the design shows them", () => {
    expect(moneyRange(120_000, 160_000)).toBe("$120k-$160k");
    expect(moneyRange(95_000, 95_000, "EUR")).toBe("€95k");
    expect(moneyRange(60_000, 80_000, "GBP")).toBe("£60k-£80k");
    expect(moneyRange(null, null)).toBe("Not stated");
    expect(money(140_000, "CAD")).toBe("CA$140k");
  });

  it("formats token budgets and tokens a month", () => {
    expect(tokenBudgetLabel(60_000)).toBe("$60k/yr");
    expect(tokenBudgetLabel(360)).toBe("$360/yr");
    expect(tokenBudgetLabel(0)).toBe("No budget");
    expect(tokenBudgetLabel(null)).toBe("Not stated");
    expect(tokensPerMonthLabel(1_388_888_889)).toBe("~1.4B tokens/mo");
    expect(tokensPerMonthLabel(330_000_000)).toBe("~330M tokens/mo");
  });

  it("restates the budget in the employer's own terms", () => {
    expect(statedBudgetLabel(400, "usd", "day")).toBe("$400 per working day");
    expect(statedBudgetLabel(500, "mtok", "month")).toBe("500M tokens per month");
    expect(statedBudgetLabel(2_000, "mtok", "month")).toBe("2B tokens per month");
  });

  it("formats shares and ages", () => {
    expect(percent(0.2105)).toBe("21%");
    expect(percent(0.004)).toBe("0.4%");
    expect(percent(null)).toBe("—");
    const now = Date.UTC(2026, 10, 28);
    expect(agoLabel(now - 3_600_000, now)).toBe("today");
    expect(agoLabel(now - 86_400_000, now)).toBe("yesterday");
    expect(agoLabel(now - 5 * 86_400_000, now)).toBe("5 days ago");
  });
});

describe("tokens a month with their pricing basis", () => {
  it("names the model whose prices the count is at", async () => {
    const { tokensPerMonthAtLabel } = await import("~/lib/format");
    expect(tokensPerMonthAtLabel(3_500_000_000, "Claude Sonnet 4.5")).toBe("~3.5B tokens/mo at Claude Sonnet 4.5 prices");
    // Nothing to price: no basis to name.
    expect(tokensPerMonthAtLabel(null, "GPT-5")).toBe("—");
    expect(tokensPerMonthAtLabel(0, "GPT-5")).toBe("0 tokens/mo");
    expect(tokensPerMonthAtLabel(1_000_000, null)).toBe("~1M tokens/mo");
  });
});
