/**
 * The market's scatter is markup built on the server (not React elements), so the escaping
 * React would do is this code's job: role titles are employers' text.
 */
import { describe, expect, it } from "vitest";
import { scatterChart, SCATTER_TABLE_ROWS } from "~/lib/charts.server";
import type { MarketData } from "~/models/market.server";

function market(points: MarketData["points"]): MarketData {
  return { total: points.length, boxes: [], tools: [], months: [], points };
}

describe("scatter chart", () => {
  it("escapes titles and slugs in the points' markup and names each point", () => {
    const hostile = `<script>alert("x")</script> & 'Lead' <img src=x onerror=alert(1)>`;
    const chart = scatterChart(market([{ slug: "a-role", title: hostile, level: "senior", salaryUsd: 200_000, tokenUsd: 50_000 }]));
    expect(chart.pointsSvg).not.toMatch(/<script|<img/);
    expect(chart.pointsSvg).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;Lead&apos; &lt;img");
    expect(chart.pointsSvg).toContain("salary up to $200k, token budget $50k/yr</title>");
    expect(chart.pointsSvg).toMatch(/^<a href='\/roles\/a-role'><title>/);
    // Parsed as markup, the point is one link with its circle and no other element.
    expect(chart.pointsSvg.match(/<[a-z]+/g)).toEqual(["<a", "<title", "<circle"]);
  });

  it("draws every sampled point inside the plot and tables the first ones", () => {
    const points = Array.from({ length: 60 }, (_, i) => ({ slug: `r-${i}`, title: `Role ${i}`, level: "mid" as const, salaryUsd: 50_000 + i * 5_000, tokenUsd: i * 1_000 }));
    const chart = scatterChart(market(points));
    expect(chart.count).toBe(60);
    expect(chart.table).toHaveLength(SCATTER_TABLE_ROWS);
    const circles = [...chart.pointsSvg.matchAll(/cx='([\d.]+)' cy='([\d.]+)'/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(circles).toHaveLength(60);
    for (const [cx, cy] of circles) {
      expect(cx).toBeGreaterThanOrEqual(0);
      expect(cx).toBeLessThanOrEqual(560);
      expect(cy).toBeGreaterThanOrEqual(0);
      expect(cy).toBeLessThanOrEqual(212);
    }
    // Higher salary is further right.
    expect(circles[59]![0]).toBeGreaterThan(circles[0]![0]!);
  });
});
