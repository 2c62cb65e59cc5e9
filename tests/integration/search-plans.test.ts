/**
 * Every search has a bounded plan. The SQL plans this file used to check are gone: pages come
 * from the search index, by one of three strategies (materialize a small result, walk the
 * sort's order with a step budget, select from the sort field's buckets). Checked here:
 * - through the facade on the seeded database, each strategy is the one used when forced,
 *   and gives the same pages as the others;
 * - on a board of 100,000 roles, the strategy chosen for ordinary and adversarial searches
 *   looks at a number of roles bounded by the tuning and a bucket's size, never by the board:
 *   the rare combination sorted by salary, a budget bound sorted the other way from it, a
 *   common and a rare keyword, a two-letter prefix, deep pages.
 */
import { describe, expect, it } from "vitest";
import { db } from "~/models/db.server";
import { searchPageWithPlan } from "~/models/search.server";
import { parseSearchParams, SORTS, type SearchParams } from "~/lib/search-params";
import { LEVELS, TOOLS, WORKPLACES } from "~/lib/vocabulary";
import { BUCKETS } from "~/search/dimension";
import { DEFAULT_TUNING, SearchIndex, type SearchDocument, type SortKey } from "~/search";

const now = Date.now();

function params(query: string): SearchParams {
  const parsed = parseSearchParams(new URLSearchParams(query));
  if (!parsed.ok) throw new Error(query);
  return parsed.params;
}

describe("page strategies through the facade", () => {
  const cases = ["", "minTokenBudget=20000", "q=engineer", "workplace=remote&level=senior", "tool=cursor&minSalary=150000"];
  const forced = [
    { name: "materialize", tuning: { smallResult: 1_000_000 } },
    { name: "walk", tuning: { smallResult: 0, walkBudget: 1_000_000 } },
    { name: "buckets", tuning: { smallResult: 0, walkBudget: 0 } },
  ] as const;

  it("uses the strategy it is tuned to, and all give the same first and second pages", () => {
    for (const query of cases) {
      for (const sort of SORTS) {
        const base = { ...params(query), sort, limit: 7 };
        const answers = forced.map(({ name, tuning }) => {
          const first = searchPageWithPlan(db(), base, now, tuning);
          expect(first.strategy, `${query} ${sort}`).toBe(name);
          const second = first.page.nextCursor ? searchPageWithPlan(db(), { ...base, cursor: first.page.nextCursor }, now, tuning).page : null;
          return JSON.stringify([first.page, second]);
        });
        expect(new Set(answers).size, `${query} ${sort}`).toBe(1);
      }
    }
  });

  it("the default materializes the seeded board's results (all are small)", () => {
    expect(searchPageWithPlan(db(), params(""), now).strategy).toBe("materialize");
  });
});

describe("bounded plans on a board of 100,000 roles", () => {
  const N = 100_000;
  const START = Date.UTC(2026, 10, 1);
  // A skewed board: few interns, few on-site roles, few self-hosted tools, budgets and
  // salaries spread over a wide range, a rare word and common ones.
  const docs: SearchDocument[] = Array.from({ length: N }, (_, i) => {
    const id = i + 1;
    const r = (k: number) => ((Math.imul(id, 2654435761 + k * 40503) >>> 0) % 1_000_003) / 1_000_003;
    const tools = TOOLS.filter((_, t) => r(t + 10) < (t === TOOLS.indexOf("self-hosted") ? 0.02 : 0.3));
    return {
      id,
      companyId: 1 + (id % 500),
      companySlug: `company-${1 + (id % 500)}`,
      workplace: r(1) < 0.05 ? "onsite" : WORKPLACES[id % 2]!,
      level: r(2) < 0.02 ? "intern" : LEVELS[1 + (id % 7)]!,
      discipline: r(11) < 0.1 ? "security" : "backend",
      employmentType: r(12) < 0.05 ? "CONTRACTOR" : "FULL_TIME",
      countries: r(13) < 0.01 ? ["JP"] : r(13) < 0.5 ? ["US"] : [],
      tools,
      publishedAt: START - Math.floor(r(3) * 50 * 86_400_000),
      expiresAt: START + 30 * 86_400_000,
      tokenUsdPerYear: Math.round(r(4) * 300_000),
      salaryMaxUsd: Math.round(60_000 + r(5) * 300_000),
      totalMaxUsd: Math.round(100_000 + r(6) * 500_000),
      inferenceShare: Math.round(r(7) * 1000) / 1000,
      keywords: {
        title: `${r(8) < 0.5 ? "Backend" : "Platform"} Engineer`,
        companyName: `Company ${id % 500}`,
        description: `Build agents and services. ${r(9) < 0.001 ? "Quasar kubernetes" : "Cloud"} work.`,
        tools,
        otherTools: "",
      },
    };
  });
  const index = SearchIndex.build(docs, START);
  const bucketSize = N / BUCKETS;

  const adversarial: [string, string][] = [
    ["no filter", ""],
    ["intern & onsite & self-hosted, salary_desc", "level=intern&workplace=onsite&tool=self-hosted&sort=salary_desc"],
    ["minTokenBudget=200k, tokens_asc", "minTokenBudget=200000&sort=tokens_asc"],
    ["maxTokenBudget=1000, tokens_desc", "maxTokenBudget=1000&sort=tokens_desc"],
    ["minTokenBudget=290k, newest", "minTokenBudget=290000"],
    ["minSalary=355k, salary_asc", "minSalary=355000&sort=salary_asc"],
    ["common keyword", "q=engineer&sort=total_desc"],
    ["rare keyword", "q=quasar&sort=share_desc"],
    ["two-letter prefix", "q=ag&sort=tokens_desc"],
    ["rare keyword + common filters", "q=kubernetes&workplace=remote&sort=salary_asc"],
    ["onsite, share_desc", "workplace=onsite&sort=share_desc"],
  ];

  it("looks at a number of roles bounded by the tuning and a bucket, whatever the filters", () => {
    const bound = Math.max(DEFAULT_TUNING.smallResult, DEFAULT_TUNING.walkBudget, 101 + 4 * bucketSize);
    for (const [name, query] of adversarial) {
      const p = params(query);
      let after: SortKey | null = null;
      // The first page and four pages deep, by cursor.
      for (let page = 0; page < 5; page++) {
        const result = index.page({ filters: p, sort: p.sort, after, limit: 20 }, START);
        expect(result.steps, `${name}, page ${page + 1}: ${result.strategy}`).toBeLessThanOrEqual(bound);
        if (!result.nextKey) break;
        after = result.nextKey;
      }
    }
    expect(bound).toBeLessThan(N / 10);
  });

  it("a bound on the sorted field starts the walk at the bound (no walk over the roles below it)", () => {
    const result = index.page({ filters: params("minTokenBudget=200000"), sort: "tokens_asc", after: null, limit: 20 }, START);
    expect(result.strategy).toBe("walk");
    expect(result.steps).toBe(21);
  });

  it("a deep cursor costs what the first page costs", () => {
    const p = params("workplace=remote&sort=tokens_desc");
    const first = index.page({ filters: p, sort: p.sort, after: null, limit: 20 }, START);
    const deepKey = [index.valueOf("tokens", 1) ?? 0, 1] as const;
    const deep = index.page({ filters: p, sort: p.sort, after: deepKey, limit: 20 }, START);
    expect(deep.strategy).toBe(first.strategy);
    expect(deep.steps).toBeLessThanOrEqual(first.steps * 3 + 50);
  });
});
