/** The small pieces the forms share: one slugify, counts in words, the chart's value axis. */
import { describe, expect, it } from "vitest";
import { valueTicks } from "~/components/daily-chart";
import { countLabel } from "~/lib/format";
import { slugify } from "~/lib/slug";

describe("slugify", () => {
  it("keeps a title's visible words only", () => {
    expect(slugify("<b>bold</b> Engineer")).toBe("bold-engineer");
    expect(slugify("<script>x</script>Staff <i>ML</i> Lead")).toBe("x-staff-ml-lead");
    expect(slugify("R&amp;D Engineer")).toBe("r-d-engineer");
    expect(slugify("R&D")).toBe("r-and-d");
    expect(slugify("Zoë Café")).toBe("zoe-cafe");
    expect(slugify("  --Hello, World!--  ")).toBe("hello-world");
  });

  it("cuts at a length without leaving a dash at the end", () => {
    expect(slugify("abc def", 4)).toBe("abc");
    expect(slugify("a".repeat(70), 60)).toHaveLength(60);
  });
});

describe("countLabel", () => {
  it("says 1 visit, not 1 visits", () => {
    expect(countLabel(1, "visit")).toBe("1 visit");
    expect(countLabel(0, "visit")).toBe("0 visits");
    expect(countLabel(1_204, "apply click")).toBe("1,204 apply clicks");
    expect(countLabel(2, "company", "companies")).toBe("2 companies");
  });
});

describe("the chart's value axis", () => {
  it("starts at 0 and reaches the largest count in round whole steps", () => {
    expect(valueTicks(0)).toEqual([0, 1]);
    expect(valueTicks(1)).toEqual([0, 1]);
    expect(valueTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(valueTicks(40)).toEqual([0, 10, 20, 30, 40]);
    for (const max of [3, 13, 99, 1_234, 55_555]) {
      const ticks = valueTicks(max);
      expect(ticks[0]).toBe(0);
      expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(max);
      expect(ticks.length).toBeLessThanOrEqual(6);
      expect(ticks.every((t) => Number.isInteger(t))).toBe(true);
    }
  });
});
