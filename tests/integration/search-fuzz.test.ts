/**
 * Fuzzing the search parameters: random, hostile and malformed query strings must always get
 * a 200 or a 400 with a reason, never a 500 or an exception.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { callLoader } from "../support/loaders";
import { loader as apiLoader } from "~/routes/api.roles";
import { loader as rolesLoader } from "~/routes/roles._index";
import { encodeCursor } from "~/lib/cursor.server";

const NAMES = ["q", "minTokenBudget", "maxTokenBudget", "minSalary", "workplace", "level", "tool", "company", "sort", "cursor", "limit"];

const hostileValue = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.string({ unit: "binary" }),
  fc.constantFrom(
    '"', "*", "NEAR(", "NEAR(a b", 'claude" OR "x', "AND", "OR NOT", "^", "col:term", "(((", ")", "-", "+", "''", "\u0000",
    "1e308", "-1", "NaN", "Infinity", "0x10", "9".repeat(400), "50k", "1.5m", "1,000,000", "$100", " 7 ",
    "<script>alert(1)</script>", "%", "%%", "😀", "ǅ", "\u202e", "remote", "senior", "claude-code", "tokens_desc", "0", "100", "101",
  ),
  fc.double().map(String),
  fc.integer().map(String),
  fc.constant(encodeCursor("newest", [Date.now(), 1])),
  fc.constant(encodeCursor("tokens_desc", [1e308, -1])),
  fc.string({ minLength: 1, maxLength: 60 }).map((s) => Buffer.from(s).toString("base64url")),
);

const queryString = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 10 })), hostileValue), { maxLength: 12 })
  .map((pairs) => {
    const params = new URLSearchParams();
    for (const [name, value] of pairs) params.append(name, value);
    return params.toString();
  });

describe("search parameter fuzzing", () => {
  it("/api/roles answers 200 or 400 with { error, issues } for thousands of queries", async () => {
    await fc.assert(
      fc.asyncProperty(queryString, async (query) => {
        const { status, data } = await callLoader<{ roles?: unknown[]; error?: string; issues?: { param: string; message: string }[] }>(
          apiLoader,
          `/api/roles?${query}`,
        );
        expect([200, 400], query).toContain(status);
        if (status === 400) {
          expect(data.error).toBeTruthy();
          expect(data.issues!.length).toBeGreaterThan(0);
        } else {
          expect(Array.isArray(data.roles)).toBe(true);
        }
      }),
      { numRuns: 2500 },
    );
  });

  it("/roles answers 200 or 400 and always renders a result list", async () => {
    await fc.assert(
      fc.asyncProperty(queryString, async (query) => {
        let answer = await callLoader<unknown>(rolesLoader, `/roles?${query}`);
        if (answer.status === 302) {
          // A query with empty fields goes to its clean URL once, and that one is answered.
          const location = answer.data as string;
          expect(location, query).toMatch(/^\/roles(\?|$)/);
          answer = await callLoader<unknown>(rolesLoader, location);
          expect(answer.status, location).not.toBe(302);
        }
        const { status, data } = answer as { status: number; data: { page: { roles: unknown[] }; issues: unknown[] } };
        expect([200, 400], query).toContain(status);
        expect(Array.isArray(data.page.roles)).toBe(true);
        expect(status === 400).toBe(data.issues.length > 0);
      }),
      { numRuns: 1500 },
    );
  });
});
