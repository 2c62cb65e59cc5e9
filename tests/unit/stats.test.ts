import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { boxPlot, percentileRank, quantileSorted } from "~/lib/stats";

describe("statistics, checked by hand", () => {
  it("quantiles interpolate between order statistics", () => {
    // 1, 2, 3, 4: position of q1 = 3 x 0.25 = 0.75 -> 1 + 0.75 = 1.75; median 2.5; q3 = 3.25.
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0.75)).toBe(3.25);
    expect(quantileSorted([7], 0.9)).toBe(7);
    expect(quantileSorted([], 0.5)).toBeNull();
  });

  it("box plots of token budgets", () => {
    // $360 stipend, $12k, $50k, $100k, $250k: q1 is $12k, median $50k, q3 $100k.
    expect(boxPlot([100_000, 360, 250_000, 12_000, 50_000])).toEqual({ n: 5, min: 360, q1: 12_000, median: 50_000, q3: 100_000, max: 250_000 });
    expect(boxPlot([])).toBeNull();
  });

  it("percentile ranks count ties as half", () => {
    expect(percentileRank([1, 2, 3, 4, 5], 3)).toBe(50);
    expect(percentileRank([1, 2, 3, 4, 5], 6)).toBe(100);
    expect(percentileRank([1, 2, 3, 4, 5], 0)).toBe(0);
    expect(percentileRank([10, 10, 10, 10], 10)).toBe(50);
    expect(percentileRank([0, 0, 12_000, 50_000], 12_000)).toBe(62.5);
  });

  it("properties: quantiles are ordered and within the data; ranks are 0..100 and monotone", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e7, noNaN: true }), { minLength: 1, maxLength: 200 }), fc.double({ min: 0, max: 1e7, noNaN: true }), (values, x) => {
        const box = boxPlot(values)!;
        expect(box.min).toBeLessThanOrEqual(box.q1);
        expect(box.q1).toBeLessThanOrEqual(box.median);
        expect(box.median).toBeLessThanOrEqual(box.q3);
        expect(box.q3).toBeLessThanOrEqual(box.max);
        const sorted = [...values].sort((a, b) => a - b);
        const rank = percentileRank(sorted, x)!;
        expect(rank).toBeGreaterThanOrEqual(0);
        expect(rank).toBeLessThanOrEqual(100);
        expect(percentileRank(sorted, x + 1)!).toBeGreaterThanOrEqual(rank);
      }),
      { numRuns: 1000 },
    );
  });
});
