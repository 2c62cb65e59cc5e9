/**
 * Insights checked against independent computations over the seeded database: the market's
 * box plots, tool shares and monthly medians, "what this budget buys", compare, the
 * calculator, and recomputing stored figures when the default pricing basis changes.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { compensation, pricingBases } from "../../db/schema";
import { callLoader } from "../support/loaders";
import { db } from "~/models/db.server";
import { marketData } from "~/models/market.server";
import { SCATTER_POINTS } from "~/search/market";
import { setDefaultPricingBasis } from "~/models/pricing.server";
import { boxPlot, percentileRank } from "~/lib/stats";
import { blendedUsdPerMTokens } from "~/lib/normalize";
import { loader as roleLoader } from "~/routes/roles.$slug";
import { loader as compareLoader } from "~/routes/compare";
import { loader as calculatorLoader } from "~/routes/calculator";
import { loader as marketLoader } from "~/routes/market";

const now = Date.now();

function listed(extra = "") {
  return db()
    .$client.prepare(
      `SELECT r.id, r.slug, r.title, r.level, r.workplace, r.published_at AS publishedAt, c.token_usd_per_year AS tokens, c.salary_max_usd AS salary,
              c.inference_share AS share, c.tools
       FROM roles r JOIN compensation c ON c.role_id = r.id WHERE r.status = 'published' AND r.expires_at > ? ${extra}`,
    )
    .all(now) as {
    id: number;
    slug: string;
    title: string;
    level: string;
    workplace: string;
    publishedAt: number;
    tokens: number;
    salary: number | null;
    share: number;
    tools: string;
  }[];
}

describe("market data", () => {
  it("box plots by level match a direct computation", () => {
    const market = marketData(db(), { workplace: [], level: [], tool: [] }, now);
    const rows = listed();
    expect(market.total).toBe(rows.length);
    for (const { level, box } of market.boxes) {
      const expected = boxPlot(rows.filter((r) => r.level === level).map((r) => r.tokens))!;
      expect(box.n, level).toBe(expected.n);
      for (const key of ["min", "q1", "median", "q3", "max"] as const) expect(box[key], `${level} ${key}`).toBeCloseTo(expected[key], 6);
    }
  });

  it("tool shares match, and the charts follow the listing as roles close", () => {
    const market = marketData(db(), { workplace: [], level: [], tool: [] }, now);
    const rows = listed();
    for (const t of market.tools) {
      expect(t.roles, t.tool).toBe(rows.filter((r) => (JSON.parse(r.tools) as string[]).includes(t.tool)).length);
    }
    const victim = rows[0]!;
    db().$client.prepare("UPDATE roles SET status = 'closed', closed_at = ? WHERE id = ?").run(now, victim.id);
    const after = marketData(db(), { workplace: [], level: [], tool: [] }, now);
    expect(after.total).toBe(market.total - 1);
    const victimTools = JSON.parse(victim.tools) as string[];
    for (const t of after.tools) {
      const before = market.tools.find((x) => x.tool === t.tool)!.roles;
      expect(t.roles, t.tool).toBe(before - (victimTools.includes(t.tool) ? 1 : 0));
    }
  });

  it("narrowed by workplace and tool, tool shares and monthly medians match too", () => {
    const filters = { workplace: ["remote" as const], level: [], tool: ["cursor" as const] };
    const market = marketData(db(), filters, now);
    const rows = listed().filter((r) => r.workplace === "remote" && (JSON.parse(r.tools) as string[]).includes("cursor"));
    expect(market.total).toBe(rows.length);
    for (const t of market.tools) {
      expect(t.roles, t.tool).toBe(rows.filter((r) => (JSON.parse(r.tools) as string[]).includes(t.tool)).length);
    }
    expect(market.tools.find((t) => t.tool === "cursor")!.share).toBe(1);
    const byMonth = new Map<string, number[]>();
    for (const r of rows) {
      const month = new Date(r.publishedAt).toISOString().slice(0, 7);
      byMonth.set(month, [...(byMonth.get(month) ?? []), r.share]);
    }
    expect(market.months.map((m) => m.month)).toEqual([...byMonth.keys()].sort());
    for (const m of market.months) expect(m.medianShare, m.month).toBeCloseTo(boxPlot(byMonth.get(m.month)!)!.median, 9);
    expect(market.points.length).toBeGreaterThan(0);
    expect(market.points.length).toBeLessThanOrEqual(SCATTER_POINTS);
  });

  it("the scatter is an even sample by rank of the matching roles with a salary and a budget, their own figures", () => {
    for (const filters of [
      { workplace: [], level: [], tool: [] },
      { workplace: ["remote" as const], level: ["senior" as const, "staff" as const], tool: [] },
    ]) {
      const market = marketData(db(), filters, now);
      const eligible = listed()
        .filter((r) => (!filters.workplace.length || filters.workplace.includes(r.workplace as "remote")) && (!filters.level.length || filters.level.includes(r.level as "senior")))
        .filter((r) => r.salary !== null && r.tokens !== null)
        .sort((a, b) => a.id - b.id);
      const m = Math.min(SCATTER_POINTS, eligible.length);
      const sample = Array.from({ length: m }, (_, i) => eligible[Math.floor((i * eligible.length) / m)]!);
      expect(market.points).toEqual(sample.map((r) => ({ slug: r.slug, title: r.title, level: r.level, salaryUsd: r.salary, tokenUsd: r.tokens })));
    }
  });

  it("the market page answers charts whose marks link to the matching search", async () => {
    const { status, data } = await callLoader<{ boxes: { boxes: { href: string; level: string }[] }; tools: { bars: { href: string }[] } }>(marketLoader, "/market?workplace=remote");
    expect(status).toBe(200);
    expect(data.boxes.boxes[0]!.href).toBe(`/roles?workplace=remote&level=${data.boxes.boxes[0]!.level}&sort=tokens_desc`);
    expect(data.tools.bars.every((b) => b.href.startsWith("/roles?workplace=remote&tool="))).toBe(true);
  });
});

describe("what a budget buys", () => {
  it("gives tokens at each model and the percentile among roles at the same level", async () => {
    const role = listed("AND c.token_usd_per_year > 0 LIMIT 1")[0]!;
    const { data } = await callLoader<{
      buys: { usdPerYear: number; perWorkingDay: number; models: { modelName: string; tokensPerMonth: number }[]; level: { percentile: number; median: number; roles: number } };
    }>(roleLoader, `/roles/${role.slug}`, { slug: role.slug });
    expect(data.buys.usdPerYear).toBe(role.tokens);
    expect(data.buys.perWorkingDay).toBeCloseTo(role.tokens / 250, 9);
    const bases = db().select().from(pricingBases).all();
    expect(data.buys.models).toHaveLength(bases.length);
    for (const model of data.buys.models) {
      const basis = bases.find((b) => b.modelName === model.modelName)!;
      expect(model.tokensPerMonth).toBeCloseTo(((role.tokens / 12) / blendedUsdPerMTokens(basis)) * 1e6, 3);
    }
    const sameLevel = listed().filter((r) => r.level === role.level).map((r) => r.tokens).sort((a, b) => a - b);
    expect(data.buys.level.roles).toBe(sameLevel.length);
    expect(data.buys.level.percentile).toBeCloseTo(percentileRank(sameLevel, role.tokens)!, 9);
    expect(data.buys.level.median).toBeCloseTo(boxPlot(sameLevel)!.median, 9);
  });
});

describe("compare and calculator", () => {
  it("compare takes 2 to 4 roles from the URL, and says so otherwise", async () => {
    const slugs = listed("LIMIT 5").map((r) => r.slug);
    const two = await callLoader<{ roles: { slug: string }[] }>(compareLoader, `/compare?roles=${slugs[0]}&roles=${slugs[1]}`);
    expect(two.status).toBe(200);
    expect(two.data.roles.map((r) => r.slug)).toEqual(slugs.slice(0, 2));
    const one = await callLoader<{ problem: string }>(compareLoader, `/compare?roles=${slugs[0]}`);
    expect(one.status).toBe(400);
    expect(one.data.problem).toMatch(/Pick 2 to 4/);
    const five = await callLoader<{ roles: unknown[]; problem: string }>(compareLoader, `/compare?${slugs.map((s) => `roles=${s}`).join("&")}`);
    expect(five.data.roles).toHaveLength(4);
    expect(five.data.problem).toMatch(/at most 4/);
    const junk = await callLoader(compareLoader, `/compare?roles=%3Cscript%3E&roles=nope`);
    expect(junk.status).toBe(400);
    // Nothing chosen is how the page is first reached: it explains how to pick, with a 200.
    const none = await callLoader<{ roles: unknown[]; problem: string }>(compareLoader, `/compare`);
    expect(none.status).toBe(200);
    expect(none.data.roles).toEqual([]);
    expect(none.data.problem).toMatch(/Pick 2 to 4 roles to compare/);
  });

  it("the calculator: $375k + $100k of tokens is $475k fully loaded, 21% inference", async () => {
    const { status, data } = await callLoader<{ figures: { totalMaxUsd: number; inferenceShare: number; tokenUsdPerYear: number } }>(
      calculatorLoader,
      "/calculator?salary=375000&bonus=0&equity=0&tokens=100000&unit=usd&period=year",
    );
    expect(status).toBe(200);
    expect(data.figures.totalMaxUsd).toBe(475_000);
    expect(data.figures.inferenceShare).toBeCloseTo(0.2105, 4);
    // An invalid value: its message, and no result computed from numbers nobody typed.
    const bad = await callLoader<{ errors: Record<string, string>; figures: unknown; breakdown: unknown }>(calculatorLoader, "/calculator?salary=lots&tokens=50000&unit=usd&period=year");
    expect(bad.status).toBe(400);
    expect(bad.data.errors.salary).toBe("Enter a number");
    expect(bad.data.figures).toBeNull();
    expect(bad.data.breakdown).toBeNull();
  });
});

describe("pricing basis", () => {
  it("changing the default basis recomputes every stored figure stated in tokens", () => {
    const inTokens = db().select().from(compensation).where(eq(compensation.tokenUnit, "mtok")).all().filter((c) => c.pricingBasisId === null);
    expect(inTokens.length).toBeGreaterThan(0);
    const target = db().select().from(pricingBases).where(eq(pricingBases.isDefault, false)).get()!;
    const count = setDefaultPricingBasis(db(), target.slug);
    expect(count).toBeGreaterThan(inTokens.length);
    const blended = blendedUsdPerMTokens(target);
    for (const before of inTokens.slice(0, 20)) {
      const after = db().select().from(compensation).where(eq(compensation.roleId, before.roleId)).get()!;
      const periods = before.tokenPeriod === "day" ? 250 : before.tokenPeriod === "month" ? 12 : 1;
      const people = before.tokenScope === "pooled" && before.tokenPoolSize ? before.tokenPoolSize : 1;
      expect(after.tokenUsdPerYear).toBeCloseTo((before.tokenAmount! * blended * periods) / people, 2);
    }
    expect(db().select().from(pricingBases).where(eq(pricingBases.isDefault, true)).all().map((b) => b.slug)).toEqual([target.slug]);
  });
});
