/**
 * The search checked against an independent computation: every listed role is read with a
 * plain query, filtered and sorted in JavaScript, and compared with what walking all pages of
 * the search returns.
 */
import { describe, expect, it } from "vitest";
import { callLoader } from "../support/loaders";
import { db } from "~/models/db.server";
import { searchRoles, searchAggregates, type SearchTuning } from "~/models/search.server";
import { BUDGET_BUCKETS, parseSearchParams, SORTS, type SearchParams, type Sort } from "~/lib/search-params";
import { config } from "~/lib/config.server";
import { loader as apiLoader } from "~/routes/api.roles";
import { loader as apiRoleLoader } from "~/routes/api.roles.$slug";
import { loader as rolesLoader } from "~/routes/roles._index";
import { LEVELS, TOOLS, WORKPLACES } from "~/lib/vocabulary";

interface Row {
  id: number;
  slug: string;
  title: string;
  companyName: string;
  companySlug: string;
  description: string;
  level: string;
  workplace: string;
  status: string;
  publishedAt: number | null;
  expiresAt: number | null;
  tokenUsd: number;
  salaryMaxUsd: number;
  totalMaxUsd: number;
  share: number;
  tools: string[];
  toolsText: string;
}

const now = Date.now();

function allRoles(): Row[] {
  return (
    db()
      .$client.prepare(
        `select r.id, r.slug, r.title, co.name as companyName, co.slug as companySlug, r.description, r.level, r.workplace,
                r.status, r.published_at as publishedAt, r.expires_at as expiresAt,
                c.token_usd_per_year as tokenUsd, c.salary_max_usd as salaryMaxUsd, c.total_max_usd as totalMaxUsd,
                c.inference_share as share, c.tools as toolsJson, c.other_tools as otherTools
         from roles r join companies co on co.id = r.company_id join compensation c on c.role_id = r.id`,
      )
      .all() as (Row & { toolsJson: string; otherTools: string })[]
  ).map((row) => ({ ...row, tools: JSON.parse(row.toolsJson) as string[], toolsText: `${row.toolsJson} ${row.otherTools}` }));
}

const listed = () => allRoles().filter((r) => r.status === "published" && (r.expiresAt ?? 0) > now);

function words(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** An independent reading of the filters (keywords: every query word starts some word of the role). */
function matches(row: Row, params: Partial<SearchParams>): boolean {
  if (params.minTokenBudget !== undefined && !(row.tokenUsd >= params.minTokenBudget)) return false;
  if (params.maxTokenBudget !== undefined && !(row.tokenUsd <= params.maxTokenBudget)) return false;
  if (params.minSalary !== undefined && !(row.salaryMaxUsd >= params.minSalary)) return false;
  if (params.workplace?.length && !params.workplace.includes(row.workplace as never)) return false;
  if (params.level?.length && !params.level.includes(row.level as never)) return false;
  if (params.tool?.length && !params.tool.every((t) => row.tools.includes(t))) return false;
  if (params.company && row.companySlug !== params.company) return false;
  if (params.q) {
    const haystack = new Set(words(`${row.title} ${row.companyName} ${row.description} ${row.toolsText}`));
    for (const word of words(params.q)) {
      if (![...haystack].some((w) => w.startsWith(word))) return false;
    }
  }
  return true;
}

const SORT_KEY: Record<Sort, { key: (r: Row) => number; desc: boolean }> = {
  newest: { key: (r) => r.publishedAt ?? 0, desc: true },
  tokens_desc: { key: (r) => r.tokenUsd, desc: true },
  tokens_asc: { key: (r) => r.tokenUsd, desc: false },
  salary_desc: { key: (r) => r.salaryMaxUsd, desc: true },
  salary_asc: { key: (r) => r.salaryMaxUsd, desc: false },
  total_desc: { key: (r) => r.totalMaxUsd, desc: true },
  share_desc: { key: (r) => r.share, desc: true },
};

function expected(params: Partial<SearchParams>, sort: Sort): string[] {
  const { key, desc } = SORT_KEY[sort];
  return listed()
    .filter((row) => matches(row, params))
    .sort((a, b) => {
      const diff = key(a) - key(b) || a.id - b.id;
      return desc ? -diff : diff;
    })
    .map((row) => row.slug);
}

/** Every page of a search, by cursor. */
function walk(params: Partial<SearchParams>, sort: Sort, limit = 37, tuning?: Partial<SearchTuning>): string[] {
  const slugs: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const page = searchRoles(db(), { workplace: [], level: [], tool: [], ...params, sort, limit, cursor }, now, tuning);
    slugs.push(...page.roles.map((r) => r.slug));
    if (!page.nextCursor) return slugs;
    cursor = page.nextCursor;
  }
  throw new Error("too many pages");
}

const FILTER_CASES: [string, Partial<SearchParams>][] = [
  ["no filter", {}],
  ["minTokenBudget", { minTokenBudget: 50_000 }],
  ["maxTokenBudget", { maxTokenBudget: 12_000 }],
  ["budget range", { minTokenBudget: 5_000, maxTokenBudget: 60_000 }],
  ["minSalary", { minSalary: 200_000 }],
  ["workplace", { workplace: ["remote"] }],
  ["workplaces", { workplace: ["hybrid", "onsite"] }],
  ["level", { level: ["senior", "staff"] }],
  ["workplace + level", { workplace: ["remote"], level: ["senior"] }],
  ["one tool", { tool: ["cursor"] }],
  ["two tools", { tool: ["claude-code", "cursor"] }],
  ["keyword prefix", { q: "claud" }],
  ["keyword + filters", { q: "engineer", workplace: ["remote"], minTokenBudget: 10_000 }],
  ["everything", { minTokenBudget: 1_000, minSalary: 100_000, workplace: ["remote", "hybrid"], level: ["senior", "staff", "principal"], tool: ["claude-code"] }],
];

describe("filters and sorts against an independent computation", () => {
  it("has enough variety in the seed to make these checks meaningful", () => {
    for (const [name, params] of FILTER_CASES.slice(1)) {
      const count = expected(params, "newest").length;
      expect(count, name).toBeGreaterThan(0);
      expect(count, name).toBeLessThan(listed().length);
    }
  });

  for (const [name, params] of FILTER_CASES) {
    it(`${name}: every sort returns exactly the matching roles, in order, once each`, () => {
      for (const sort of SORTS) {
        expect(walk(params, sort), `${name} / ${sort}`).toEqual(expected(params, sort));
      }
    });
  }

  it("every page strategy (materialize, walk, buckets) gives the same pages", () => {
    // The seeded board is small enough that the default materializes every result; forcing
    // each strategy in turn must not change a single page.
    const forced: [string, Partial<SearchTuning>][] = [
      ["materialize", { smallResult: 1_000_000 }],
      ["walk", { smallResult: 0, walkBudget: 1_000_000 }],
      ["buckets", { smallResult: 0, walkBudget: 0 }],
      ["walk+buckets", { smallResult: 0, walkBudget: 3 }],
    ];
    for (const [params, sort] of [
      [{ q: "engineer" }, "newest"],
      [{ q: "claud", workplace: ["remote"] }, "tokens_desc"],
      [{ q: "engineer", minSalary: 150_000 }, "salary_asc"],
      [{ minTokenBudget: 20_000 }, "tokens_asc"],
      [{ level: ["senior", "staff"] }, "share_desc"],
    ] as [Partial<SearchParams>, Sort][]) {
      const expectedSlugs = expected(params, sort);
      expect(expectedSlugs.length).toBeGreaterThan(10);
      for (const [name, tuning] of forced) {
        expect(walk(params, sort, 13, tuning), `${name}: ${JSON.stringify(params)} ${sort}`).toEqual(expectedSlugs);
      }
    }
  });

  it("a company filter lists that company's roles", () => {
    const company = listed()[0]!.companySlug;
    for (const sort of ["newest", "tokens_desc"] as const) {
      expect(walk({ company }, sort, 5)).toEqual(expected({ company }, sort));
    }
    expect(walk({ company, q: "engineer" }, "salary_asc", 3)).toEqual(expected({ company, q: "engineer" }, "salary_asc"));
  });

  it("keyword search ignores syntax a visitor types (quotes, stars, operators)", () => {
    for (const q of ['"', "*", "NEAR(", 'claude" OR "', "AND OR NOT", "title:rust", "^", "(((", "-"]) {
      expect(() => walk({ q }, "newest", 100), q).not.toThrow();
    }
    expect(walk({ q: "claud*" }, "newest", 100)).toEqual(walk({ q: "claud" }, "newest", 100));
  });
});

describe("aggregates", () => {
  it("count, facets and histogram agree with the rows", () => {
    const params: Partial<SearchParams> = { workplace: ["remote"], level: ["senior", "staff"], minTokenBudget: 1_000 };
    const agg = searchAggregates(db(), { workplace: [], level: [], tool: [], ...params }, now);
    const rows = listed();
    expect(agg.total).toBe(rows.filter((r) => matches(r, params)).length);
    for (const w of WORKPLACES) {
      // A facet's count ignores its own selection, so it says what choosing that value gives.
      expect(agg.workplace[w], w).toBe(rows.filter((r) => matches(r, { ...params, workplace: [w] })).length);
    }
    for (const l of LEVELS) {
      expect(agg.level[l], l).toBe(rows.filter((r) => matches(r, { ...params, level: [l] })).length);
    }
    for (const t of TOOLS) {
      expect(agg.tool[t], t).toBe(rows.filter((r) => matches(r, params) && r.tools.includes(t)).length);
    }
    const inResults = rows.filter((r) => matches(r, params));
    expect(agg.budgetHistogram.reduce((a, b) => a + b, 0)).toBe(inResults.length);
    BUDGET_BUCKETS.forEach((bucket, i) => {
      expect(agg.budgetHistogram[i], bucket.label).toBe(inResults.filter((r) => r.tokenUsd >= bucket.from && r.tokenUsd < bucket.to).length);
    });
  });

  it("are recomputed as soon as the listing changes", () => {
    const filters = { workplace: [], level: [], tool: [] };
    const before = searchAggregates(db(), filters, now).total;
    const victim = listed()[0]!;
    db().$client.prepare("update roles set status = 'closed', closed_at = ? where id = ?").run(now, victim.id);
    expect(searchAggregates(db(), filters, now).total).toBe(before - 1);
  });
});

describe("parameters", () => {
  const parse = (query: string) => parseSearchParams(new URLSearchParams(query));

  it("reads the contract's parameters, with people-friendly numbers", () => {
    const parsed = parse("q=rust&minTokenBudget=50k&maxTokenBudget=1.5m&minSalary=120,000&workplace=remote&workplace=remote&level=senior&tool=cursor&company=Acme-AI&sort=tokens_desc&limit=50&utm_source=x");
    expect(parsed).toEqual({
      ok: true,
      params: {
        q: "rust",
        minTokenBudget: 50_000,
        maxTokenBudget: 1_500_000,
        minSalary: 120_000,
        workplace: ["remote"],
        level: ["senior"],
        tool: ["cursor"],
        discipline: [],
        employmentType: [],
        country: [],
        company: "acme-ai",
        sort: "tokens_desc",
        limit: 50,
      },
    });
    expect(parse("q=&minSalary=&workplace=")).toEqual({ ok: true, params: { workplace: [], level: [], tool: [], discipline: [], employmentType: [], country: [], sort: "newest", limit: 20 } });
  });

  it("names the parameter that is wrong, and keeps the rest", () => {
    const cases: [string, string][] = [
      ["minTokenBudget=lots", "minTokenBudget"],
      ["minTokenBudget=-5", "minTokenBudget"],
      ["minTokenBudget=1e308", "minTokenBudget"],
      ["minTokenBudget=200000000", "minTokenBudget"],
      ["minTokenBudget=100&maxTokenBudget=10", "maxTokenBudget"],
      ["minSalary=NaN", "minSalary"],
      ["workplace=moon", "workplace"],
      ["level=wizard", "level"],
      ["tool=skynet", "tool"],
      ["sort=random", "sort"],
      ["limit=0", "limit"],
      ["limit=101", "limit"],
      ["limit=2.5", "limit"],
      ["company=%3Cscript%3E", "company"],
      ["q=a&q=b", "q"],
      [`q=${"x".repeat(201)}`, "q"],
    ];
    for (const [query, param] of cases) {
      const parsed = parse(`${query}&level=senior`);
      expect(parsed.ok, query).toBe(false);
      if (parsed.ok) continue;
      expect(parsed.issues.map((issue) => issue.param), query).toEqual([param]);
      expect(parsed.issues[0]!.message, query).toMatch(new RegExp(param === "q" ? "q " : param));
      expect(parsed.params.level, query).toEqual(["senior"]);
    }
  });
});

describe("cursors", () => {
  it("a cursor from another sort, or tampered with, is refused with a 400", async () => {
    const page = searchRoles(db(), { workplace: [], level: [], tool: [], sort: "tokens_desc", limit: 5 }, now);
    const cursor = page.nextCursor!;
    const tampered = Buffer.from(JSON.stringify(["tokens_desc", ["x", 1]])).toString("base64url");
    for (const query of [`sort=newest&cursor=${cursor}`, `sort=tokens_desc&cursor=${tampered}`, "cursor=%00%00"]) {
      const api = await callLoader<{ error: string; issues: { param: string }[] }>(apiLoader, `/api/roles?${query}`);
      expect(api.status, query).toBe(400);
      expect(api.data.issues[0]!.param).toBe("cursor");
      const html = await callLoader<{ issues: { param: string }[] }>(rolesLoader, `/roles?${query}`);
      expect(html.status, query).toBe(400);
      expect(html.data.issues.map((i) => i.param)).toContain("cursor");
    }
    const ok = await callLoader(apiLoader, `/api/roles?sort=tokens_desc&limit=5&cursor=${cursor}`);
    expect(ok.status).toBe(200);
  });
});

describe("/api/roles", () => {
  it("answers the contract's JSON with cache and CORS headers", async () => {
    const { status, data, headers } = await callLoader<{ roles: Record<string, unknown>[]; nextCursor: string | null }>(
      apiLoader,
      "/api/roles?sort=tokens_desc&limit=3",
    );
    expect(status).toBe(200);
    expect(headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(headers.get("Cache-Control")).toMatch(/public, max-age=\d+/);
    expect(data.roles).toHaveLength(3);
    expect(typeof data.nextCursor).toBe("string");
    const role = data.roles[0]!;
    for (const field of ["slug", "url", "title", "level", "workplace", "location", "employmentType", "company", "salary", "tokenBudget", "totalComp", "inferenceShare", "publishedAt", "expiresAt"]) {
      expect(role, field).toHaveProperty(field);
    }
    expect(String(role.url).startsWith(`${config().publicUrl}/roles/`), String(role.url)).toBe(true);
    expect(Object.keys(role.salary as object).sort()).toEqual(["currency", "max", "maxUsd", "min", "minUsd"]);
    expect(role.tokenBudget).toMatchObject({ usdPerYear: expect.any(Number), tokensPerMonth: expect.any(Number), tools: expect.any(Array) });
    expect(role).not.toHaveProperty("id");
  });

  it("answers bad input with 400 { error, issues: [{ param, message }] }", async () => {
    const { status, data } = await callLoader<{ error: string; issues: { param: string; message: string }[] }>(
      apiLoader,
      "/api/roles?minTokenBudget=abc&sort=up",
    );
    expect(status).toBe(400);
    expect(data.error).toBeTruthy();
    expect(data.issues.map((i) => i.param).sort()).toEqual(["minTokenBudget", "sort"]);
    expect(data.issues.every((i) => i.message.length > 0)).toBe(true);
  });

  it("/api/roles/:slug gives one listed role, 404 JSON otherwise", async () => {
    const slug = listed()[0]!.slug;
    const found = await callLoader<{ slug: string; description: string }>(apiRoleLoader, `/api/roles/${slug}`, { slug });
    expect(found.status).toBe(200);
    expect(found.data.slug).toBe(slug);
    expect(found.data.description.length).toBeGreaterThan(0);
    const unlisted = allRoles().find((r) => r.status !== "published")!.slug;
    for (const missing of [unlisted, "nope"]) {
      const answer = await callLoader<{ error: string }>(apiRoleLoader, `/api/roles/${missing}`, { slug: missing });
      expect(answer.status).toBe(404);
      expect(answer.data.error).toBe("Role not found");
    }
  });
});
