/**
 * The market's figures from the search index (app/search/market.ts) against a brute-force
 * reading of the same documents: on a board of 10,000 roles, random workplace/level/tool
 * filter combinations must give the same total, box plots per level (type-7 quantiles as
 * app/lib/stats.ts computes them from every sorted value), roles and share per tool, and
 * count and median inference share per month of posting, while random publishes, edits,
 * closes, reopenings and expiries are applied between queries; the scatter's ids must be the
 * even sample by rank of the matching roles that have a salary and a token budget; and a
 * budget's standing in its level must equal percentileRank over every budget of the level.
 * Some roles are published long before the others, so months without roles lie between.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { boxPlot, percentileRank, quantileSorted } from "~/lib/stats";
import { LEVELS, TOOLS, WORKPLACES, type Level, type Tool, type Workplace } from "~/lib/vocabulary";
import { SearchIndex, type SearchDocument } from "~/search";
import { levelStanding, marketFigures, type MarketFilters } from "~/search/market";
import { applyChange, BOARD, DAY, FIGURES, randomDocument, Rng, setDoc, START, type Model } from "../support/search-board";

/** A new role; one in ten was published long ago (a year and more) and is still open. */
function published(rng: Rng, id: number, now: number): SearchDocument {
  const doc = randomDocument(rng, id, now);
  if (!rng.chance(0.1)) return doc;
  return { ...doc, publishedAt: now - (60 + rng.int(500)) * DAY - rng.int(DAY), expiresAt: now + (1 + rng.int(60)) * DAY };
}

function listedMatching(model: Model, f: MarketFilters): SearchDocument[] {
  return [...model.docs.values()]
    .filter(
      (d) =>
        d.expiresAt > model.now &&
        (!f.workplace.length || f.workplace.includes(d.workplace)) &&
        (!f.level.length || f.level.includes(d.level)) &&
        f.tool.every((t) => d.tools.includes(t)),
    )
    .sort((a, b) => a.id - b.id);
}

function expectedMarket(model: Model, f: MarketFilters) {
  const rows = listedMatching(model, f);
  const boxes = LEVELS.flatMap((level) => {
    const box = boxPlot(rows.filter((d) => d.level === level && d.tokenUsdPerYear !== null).map((d) => d.tokenUsdPerYear!));
    return box ? [{ level, box }] : [];
  });
  const tools = TOOLS.map((tool) => {
    const roles = rows.filter((d) => d.tools.includes(tool)).length;
    return { tool, roles, share: rows.length ? roles / rows.length : 0 };
  }).sort((a, b) => b.roles - a.roles);
  const shares = new Map<string, number[]>();
  for (const d of rows) {
    if (d.inferenceShare === null) continue;
    const month = new Date(d.publishedAt).toISOString().slice(0, 7);
    shares.set(month, [...(shares.get(month) ?? []), d.inferenceShare]);
  }
  const months = [...shares.keys()].sort().map((month) => {
    const sorted = shares.get(month)!.sort((a, b) => a - b);
    return { month, roles: sorted.length, medianShare: quantileSorted(sorted, 0.5)! };
  });
  const eligible = rows.filter((d) => d.salaryMaxUsd !== null && d.tokenUsdPerYear !== null).map((d) => d.id);
  return { total: rows.length, boxes, tools, months, eligible };
}

function randomFilters(rng: Rng): MarketFilters {
  const some = <T>(list: readonly T[], p: number) => list.filter(() => rng.chance(p));
  return {
    workplace: rng.chance(0.4) ? (some(WORKPLACES, 0.5) as Workplace[]) : [],
    level: rng.chance(0.4) ? (some(LEVELS, 0.35) as Level[]) : [],
    tool: rng.chance(0.4) ? (some(TOOLS, 0.2) as Tool[]) : [],
  };
}

function checkMarket(index: SearchIndex, model: Model, rng: Rng): void {
  const filters = randomFilters(rng);
  const sample = rng.pick([1, 7, 400]);
  const label = JSON.stringify({ filters, sample, now: model.now });
  const got = marketFigures(index, filters, model.now, sample);
  const want = expectedMarket(model, filters);
  expect(got.total, label).toBe(want.total);
  expect(got.boxes, label).toEqual(want.boxes);
  expect(got.tools, label).toEqual(want.tools);
  expect(got.months, label).toEqual(want.months);
  // The scatter: an even sample by rank of the eligible roles (all of them when they are few).
  const m = Math.min(sample, want.eligible.length);
  expect(got.sampleIds, label).toEqual(Array.from({ length: m }, (_, i) => want.eligible[Math.floor((i * want.eligible.length) / m)]));
  expect(new Set(got.sampleIds).size, label).toBe(m);

  // A budget's standing in its level: at a role's own budget, a figure of the list, or neither.
  const level = rng.pick(LEVELS);
  const budgets = [...model.docs.values()]
    .filter((d) => d.expiresAt > model.now && d.level === level && d.tokenUsdPerYear !== null)
    .map((d) => d.tokenUsdPerYear!)
    .sort((a, b) => a - b);
  const budget = budgets.length && rng.chance(0.5) ? rng.pick(budgets) : rng.chance(0.5) ? rng.pick(FIGURES) : rng.int(400_000);
  expect(levelStanding(index, level, budget, model.now), `${label} ${level} ${budget}`).toEqual({
    roles: budgets.length,
    median: quantileSorted(budgets, 0.5),
    percentile: percentileRank(budgets, budget),
  });
}

describe("the market's figures from the index against brute force", () => {
  it(`match a pass over all ${BOARD.toLocaleString("en-US")} roles for any filters, while roles are published, edited, closed and expire`, () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 5, max: 15 }), (seed, rounds) => {
        const rng = new Rng(seed);
        const model: Model = { docs: new Map(), terms: new Map(), now: START };
        const all = Array.from({ length: BOARD }, (_, i) => published(rng, i + 1, START));
        // Half built at once, the rest added one by one; few buckets or many.
        const index = SearchIndex.build(all.slice(0, BOARD / 2), START, { deltaLimit: 64, staleLimit: 48, buckets: rng.pick([3, 8, 32, 128]) });
        for (const doc of all) setDoc(model, doc);
        for (const doc of all.slice(BOARD / 2)) index.upsert(doc, START);
        const closed = new Map<number, SearchDocument>();
        const nextId = { value: BOARD + 1 };
        for (let round = 0; round < rounds; round++) {
          for (let changes = rng.int(60); changes > 0; changes--) applyChange(index, model, rng, closed, nextId, published);
          checkMarket(index, model, rng);
        }
      }),
      { numRuns: 5 },
    );
  }, 180_000);
});
