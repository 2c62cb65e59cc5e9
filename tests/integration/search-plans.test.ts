/**
 * Every search is served by an index: EXPLAIN QUERY PLAN for each sort, with and without the
 * main filters, must show no full scan of roles or compensation, and an ordered walk (no
 * sort step) wherever the candidate set is not already small. Run with and without planner
 * statistics, since ANALYZE has been seen to change SQLite's choices.
 */
import { describe, expect, it } from "vitest";
import { db } from "~/models/db.server";
import { buildPageQuery, type SearchTuning } from "~/models/search.server";
import { encodeCursor } from "~/lib/cursor.server";
import { SORTS, type SearchParams } from "~/lib/search-params";

const now = Date.now();

const CASES: [string, Partial<SearchParams>][] = [
  ["no filter", {}],
  ["minTokenBudget", { minTokenBudget: 50_000 }],
  ["token budget range", { minTokenBudget: 10_000, maxTokenBudget: 100_000 }],
  ["minSalary", { minSalary: 200_000 }],
  ["workplace + level", { workplace: ["remote"], level: ["senior"] }],
  ["two tools", { tool: ["claude-code", "cursor"] }],
  ["company", { company: "any-company" }],
  ["rare keyword", { q: "kubernetes" }],
  ["common keyword", { q: "engineer" }],
  ["keyword + filter", { q: "claude", workplace: ["remote"] }],
];

function plan(params: Partial<SearchParams>, sort: (typeof SORTS)[number], withCursor: boolean, tuning?: Partial<SearchTuning>) {
  const full: SearchParams = { workplace: [], level: [], tool: [], sort, limit: 20, ...params };
  if (withCursor) full.cursor = encodeCursor(sort, [1000, 1000]);
  const query = buildPageQuery(db(), full, now, tuning);
  const lines = (db().$client.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...query.args) as { detail: string }[]).map(
    (row) => row.detail,
  );
  return { lines, kind: query.plan.kind };
}

/** Plan lines that read a whole table of roles or compensation row by row. */
function fullScans(lines: string[]): string[] {
  return lines.filter((line) => /^SCAN (r|c|roles|compensation)\b(?!.*USING)/.test(line));
}

function explain(sql: string): string[] {
  return (db().$client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((row) => row.detail);
}

function checkAll() {
  for (const [name, params] of CASES) {
    for (const sort of SORTS) {
      for (const withCursor of [false, true]) {
        // Keywords in each regime: a small candidate set, walking with a match set, walking with lookups.
        const regimes: (Partial<SearchTuning> | undefined)[] = params.q
          ? [undefined, { keywordCandidateLimit: 1, keywordWalkShare: 2 }, { keywordCandidateLimit: 1, keywordWalkShare: 0 }]
          : [undefined];
        for (const tuning of regimes) {
          const { lines, kind } = plan(params, sort, withCursor, tuning);
          const label = `${name} / ${sort}${withCursor ? " / cursor" : ""} / ${kind}\n${lines.join("\n")}`;
          expect(fullScans(lines), label).toEqual([]);
          if (kind === "ordered" || kind === "keyword-walk" || kind === "keyword-set-walk") {
            expect(lines.some((line) => line.includes("TEMP B-TREE FOR ORDER BY")), label).toBe(false);
          }
        }
      }
    }
  }
}

describe("query plans", () => {
  it("the check itself catches a full scan and a sort step", () => {
    const lines = explain("SELECT * FROM roles AS r WHERE r.description = 'x' ORDER BY r.title");
    expect(fullScans(lines)).toHaveLength(1);
    expect(lines.some((line) => line.includes("TEMP B-TREE FOR ORDER BY"))).toBe(true);
  });

  it("serve every sort and filter from an index (no statistics)", () => {
    checkAll();
  });

  it("still do after ANALYZE", () => {
    db().$client.exec("ANALYZE");
    try {
      checkAll();
    } finally {
      db().$client.exec("DROP TABLE IF EXISTS sqlite_stat1; DROP TABLE IF EXISTS sqlite_stat4;");
    }
  });
});
