/**
 * The bench's live sections (tests/bench/live.ts, report.ts): the long tail is what the issue
 * describes (distinct searches of 1-4 filters, 70% sorted, valid), and the targets check reads
 * a run the way the issue does, including a 404 page that was held up behind blocking searches.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseSearchParams } from "~/lib/search-params";
import { buildWorkload, scanLog, type LiveResults, type RouteTimings, type SectionResult } from "../bench/live";
import { checkTargets, type SizeResults } from "../bench/report";

const FILTERS = ["q", "minTokenBudget", "maxTokenBudget", "minSalary", "workplace", "level", "tool", "company"];

describe("the long tail's searches", () => {
  const effort = { searchesPerRoute: 100, marketCombinations: 30, freshnessProbes: 0 };
  const workload = buildWorkload(process.env.DATABASE_URL!, effort);

  it("are distinct, valid, 1-4 filters each, about 70% with a sort, and the same every run", () => {
    expect(workload.roles).toHaveLength(100);
    expect(workload.api).toHaveLength(100);
    const all = [...workload.roles, ...workload.api];
    expect(new Set(all).size).toBe(200);
    let sorted = 0;
    const kindsSeen = new Set<string>();
    for (const query of all) {
      const params = new URLSearchParams(query);
      expect(parseSearchParams(params).ok, query).toBe(true);
      const kinds = new Set([...params.keys()].filter((key) => FILTERS.includes(key)));
      for (const kind of kinds) kindsSeen.add(kind);
      expect(kinds.size, query).toBeGreaterThanOrEqual(1);
      expect(kinds.size, query).toBeLessThanOrEqual(4);
      if (params.has("sort")) sorted++;
    }
    expect(kindsSeen).toEqual(new Set(FILTERS));
    expect(sorted / all.length).toBeGreaterThan(0.6);
    expect(sorted / all.length).toBeLessThan(0.8);
    expect(buildWorkload(process.env.DATABASE_URL!, effort)).toEqual(workload);
  });

  it("/market gets distinct workplace, level and tool combinations", () => {
    expect(new Set(workload.market).size).toBe(30);
    for (const query of workload.market) {
      const params = new URLSearchParams(query);
      expect([...params.keys()].every((key) => ["workplace", "level", "tool"].includes(key)), query).toBe(true);
      expect(parseSearchParams(params).ok, query).toBe(true);
    }
  });
});

function route(name: RouteTimings["route"], p50: number, p99: number, status5xx = 0): RouteTimings {
  return { route: name, requests: 200, p50, p90: p99, p99, max: p99, status5xx, unexpected: status5xx, errors: 0, slowest: [] };
}

function section(notFound: RouteTimings, routes: RouteTimings[], logged5xx = 0, aborted = 0): SectionResult {
  return { seconds: 1, routes, notFound, serverLog: { status5xx: logged5xx, abortedRenders: aborted, otherErrorLines: 0, samples: [] } };
}

function run(live: Omit<LiveResults, "clients" | "editIntervalMs" | "effort" | "examples" | "editor">): SizeResults {
  return {
    size: 1_000_000,
    database: {} as SizeResults["database"],
    matrix: [],
    aggregates: [],
    http: [],
    server: { startupMs: 2_000, firstSearchMs: 10, memoryAfterStartup: { rssMiB: 300, peakRssMiB: 300 }, memoryAfterRun: { rssMiB: 400, peakRssMiB: 450 } },
    live: {
      clients: 4,
      editIntervalMs: 1_000,
      effort: { searchesPerRoute: 200, marketCombinations: 60, freshnessProbes: 10 },
      examples: [],
      editor: { edits: 60, skipped: 0, errors: [], editMs: { p50: 5, p99: 9, max: 9 }, freshWrites: 10, companyId: 1, roles: 200 },
      ...live,
    },
  };
}

function verdicts(results: SizeResults): Record<string, boolean | null> {
  return Object.fromEntries(checkTargets([results]).map((check) => [check.target, check.met]));
}

describe("the live targets", () => {
  const fresh = { probes: 10, delaysMs: [], p50: 20, max: 40, missed: 0 };

  it("miss on the issue's figures: slow searches, 500s, and 404s held up behind them", () => {
    const verdict = verdicts(
      run({
        notFoundAlone: section(route("404 page", 30, 60), []),
        longTail: section(route("404 page", 3_000, 9_000), [route("/roles", 7_600, 18_500, 10), route("/api/roles", 83, 5_700)], 10, 10),
        market: section(route("404 page", 2_000, 4_500), [route("/market", 3_500, 4_800)]),
        freshness: fresh,
      }),
    );
    expect(verdict["long tail /roles p50 <= 2 x 404 page p50"]).toBe(false);
    expect(verdict["long tail: zero 5xx, zero aborted renders"]).toBe(false);
    // Flattered by the 404s that waited behind the searches, these alone would pass...
    expect(verdict["long tail /roles p99 <= 3 x 404 page p99"]).toBe(true);
    expect(verdict["long tail /api/roles p99 <= 404 page p99"]).toBe(true);
    // ...so the waiting itself is a target.
    expect(verdict["404 page during the long tail p99 <= 3 x 404 page alone"]).toBe(false);
    expect(verdict["404 page during /market cold p99 <= 3 x 404 page alone"]).toBe(false);
  });

  it("are met by searches as fast as a 404 page, with nothing held up", () => {
    const verdict = verdicts(
      run({
        notFoundAlone: section(route("404 page", 30, 60), []),
        longTail: section(route("404 page", 32, 70), [route("/roles", 45, 150), route("/api/roles", 20, 60)]),
        market: section(route("404 page", 32, 70), [route("/market", 60, 180)]),
        freshness: fresh,
      }),
    );
    expect(Object.entries(verdict).filter(([, met]) => met === false)).toEqual([]);
  });

  it("freshness, start-up and memory have their own bounds", () => {
    const slow = run({
      notFoundAlone: section(route("404 page", 30, 60), []),
      longTail: section(route("404 page", 32, 70), []),
      market: section(route("404 page", 32, 70), []),
      freshness: { probes: 10, delaysMs: [], p50: 300, max: 1_500, missed: 0 },
    });
    slow.server = { startupMs: 16_000, firstSearchMs: 10, memoryAfterStartup: { rssMiB: 900, peakRssMiB: 900 }, memoryAfterRun: { rssMiB: 1_000, peakRssMiB: 1_100 } };
    const verdict = verdicts(slow);
    expect(verdict["another process' change visible in search within 1 s"]).toBe(false);
    expect(verdict["start-up: serving within 15 s"]).toBe(false);
    expect(verdict["server RSS under 1 GB"]).toBe(false);
  });
});

describe("the server log", () => {
  it("counts 5xx, and as aborted renders the documents answered 5xx after the abort timer and logged aborts", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bench-log-")), "server.log");
    const request = (status: number, ms: number, route = "/roles") => JSON.stringify({ time: "t", method: "GET", path: route, status, ms });
    const before = `${request(500, 9_000)}\n`;
    fs.writeFileSync(
      file,
      [
        before.trimEnd(),
        request(200, 12),
        request(500, 7_700, "/bench-missing-tail-1"), // a 404 page whose render was aborted
        request(500, 8_000), // a /roles render aborted before its shell
        request(500, 6_000, "/api/roles"), // slow, but no render to abort
        request(503, 40),
        "Error: The render was aborted by the server without a reason.",
        "    at abort (react-dom-server.node.production.min.js:1:1)",
        "TypeError: something else",
        "",
      ].join("\n"),
    );
    // Only what was written after `from` (the section's start) counts.
    expect(scanLog(file, Buffer.byteLength(before))).toMatchObject({ status5xx: 4, abortedRenders: 3, otherErrorLines: 1 });
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });
});
