/**
 * The filters added for issue 13 (country, discipline, employment type, posted within, the
 * company picked in the panel) against a plain reading of the seeded rows: the pages walk to
 * exactly the matching roles, the counts are exact, bad values are a 400 naming the
 * parameter on the page, the API and the feeds; paging back and forth gives the same pages
 * and says where the visitor is; a GET with empty fields is sent to the clean URL; and a
 * change to a role's country reaches the index through the change log.
 */
import { describe, expect, it } from "vitest";
import { callLoader } from "../support/loaders";
import { db } from "~/models/db.server";
import { searchAggregates, searchRoles } from "~/models/search.server";
import { NO_FILTERS, parseSearchParams, type SearchFilters, type SearchParams } from "~/lib/search-params";
import { loader as apiLoader } from "~/routes/api.roles";
import { loader as atomLoader } from "~/routes/feeds.roles[.]atom";
import { loader as jsonFeedLoader } from "~/routes/feeds.roles[.]json";
import { loader as rolesLoader } from "~/routes/roles._index";

const DAY = 86_400_000;
const now = Date.now();

interface Row {
  id: number;
  slug: string;
  companySlug: string;
  discipline: string;
  employmentType: string;
  countryCodes: string;
  publishedAt: number;
}

function listed(): Row[] {
  return db()
    .$client.prepare(
      `select r.id, r.slug, co.slug as companySlug, r.discipline, r.employment_type as employmentType,
              r.country_codes as countryCodes, r.published_at as publishedAt
       from roles r join companies co on co.id = r.company_id
       where r.status = 'published' and r.expires_at > ?`,
    )
    .all(now) as Row[];
}

const countriesOf = (row: Row) => row.countryCodes.split(",").filter(Boolean);

function matches(row: Row, f: Partial<SearchFilters>, ignore?: string): boolean {
  if (ignore !== "discipline" && f.discipline?.length && !f.discipline.includes(row.discipline as never)) return false;
  if (ignore !== "employmentType" && f.employmentType?.length && !f.employmentType.includes(row.employmentType as never)) return false;
  if (ignore !== "country" && f.country?.length && !f.country.some((c) => countriesOf(row).includes(c))) return false;
  if (ignore !== "postedWithin" && f.postedWithin !== undefined && !(row.publishedAt >= now - f.postedWithin * DAY)) return false;
  if (ignore !== "company" && f.company !== undefined && row.companySlug !== f.company) return false;
  return true;
}

function params(extra: Partial<SearchParams>): SearchParams {
  return { ...NO_FILTERS, sort: "newest", limit: 20, ...extra };
}

/** Every page by cursor, and the positions each page says it starts at. */
function walk(p: SearchParams): { slugs: string[]; starts: (number | null)[]; cursors: string[] } {
  const slugs: string[] = [];
  const starts: (number | null)[] = [];
  const cursors: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 500; pages++) {
    const page = searchRoles(db(), { ...p, cursor }, now);
    slugs.push(...page.roles.map((r) => r.slug));
    starts.push(page.start);
    if (!page.nextCursor) return { slugs, starts, cursors };
    cursor = page.nextCursor;
    cursors.push(cursor);
  }
  throw new Error("too many pages");
}

describe("the new filters", () => {
  const rows = listed();
  const someCountry = (() => {
    const counts = new Map<string, number>();
    for (const row of rows) for (const code of countriesOf(row)) counts.set(code, (counts.get(code) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1]).map(([code]) => code);
  })();
  const someCompany = rows[0]!.companySlug;

  it("the seed has the variety these checks need", () => {
    expect(someCountry.length).toBeGreaterThan(2);
    expect(new Set(rows.map((r) => r.discipline)).size).toBeGreaterThan(3);
    expect(new Set(rows.map((r) => r.employmentType)).size).toBeGreaterThan(1);
    expect(rows.filter((r) => r.publishedAt >= now - 7 * DAY).length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.publishedAt < now - 7 * DAY).length).toBeGreaterThan(0);
  });

  const cases: [string, () => Partial<SearchFilters>][] = [
    ["country", () => ({ country: [someCountry[0]!] })],
    ["countries", () => ({ country: [someCountry[1]!, someCountry[2]!] })],
    ["discipline", () => ({ discipline: ["backend", "ml"] })],
    ["employment type", () => ({ employmentType: ["CONTRACTOR", "PART_TIME"] })],
    ["posted within 7 days", () => ({ postedWithin: 7 })],
    ["posted within 1 day", () => ({ postedWithin: 1 })],
    ["company", () => ({ company: someCompany })],
    ["all together", () => ({ country: [someCountry[0]!], discipline: ["backend", "fullstack", "infrastructure"], employmentType: ["FULL_TIME"], postedWithin: 30 })],
  ];
  for (const [name, filters] of cases) {
    it(`${name}: the pages hold exactly the matching roles and every count is exact`, () => {
      const f = filters();
      const want = rows.filter((row) => matches(row, f));
      const { slugs } = walk(params({ ...f, limit: 23 }));
      expect(new Set(slugs)).toEqual(new Set(want.map((r) => r.slug)));
      expect(slugs.length).toBe(want.length);

      const aggregates = searchAggregates(db(), { ...NO_FILTERS, ...f }, now);
      expect(aggregates.total).toBe(want.length);
      const byCountry = rows.filter((row) => matches(row, f, "country"));
      for (const { code, count } of aggregates.country) expect(count, code).toBe(byCountry.filter((r) => countriesOf(r).includes(code)).length);
      const namedCountries = new Set(byCountry.flatMap(countriesOf));
      expect(new Set(aggregates.country.filter((c) => c.count > 0).map((c) => c.code))).toEqual(namedCountries);
      const byDiscipline = rows.filter((row) => matches(row, f, "discipline"));
      for (const [value, count] of Object.entries(aggregates.discipline)) expect(count, value).toBe(byDiscipline.filter((r) => r.discipline === value).length);
      const byType = rows.filter((row) => matches(row, f, "employmentType"));
      for (const [value, count] of Object.entries(aggregates.employmentType)) expect(count, value).toBe(byType.filter((r) => r.employmentType === value).length);
      const byPosted = rows.filter((row) => matches(row, f, "postedWithin"));
      for (const [days, count] of Object.entries(aggregates.postedWithin)) expect(count, days).toBe(byPosted.filter((r) => r.publishedAt >= now - Number(days) * DAY).length);
      const byCompany = rows.filter((row) => matches(row, f, "company"));
      for (const { slug, count } of aggregates.company) expect(count, slug).toBe(byCompany.filter((r) => r.companySlug === slug).length);
      // The companies listed are the ones with the most roles, most first.
      const counts = aggregates.company.map((c) => c.count);
      expect([...counts].sort((a, b) => b - a)).toEqual(counts);
      if (f.company) expect(aggregates.company.map((c) => c.slug)).toContain(f.company);
    });
  }

  it("country codes are read in any case; a country no role names lists nothing", () => {
    const parsed = parseSearchParams(new URLSearchParams(`country=${someCountry[0]!.toLowerCase()}`));
    expect(parsed.ok && parsed.params.country).toEqual([someCountry[0]]);
    expect(searchAggregates(db(), { ...NO_FILTERS, country: ["ZZ"] }, now).total).toBe(0);
  });

  it("bad values are a 400 naming the parameter, on the page, the API and both feeds", async () => {
    for (const [query, param] of [
      ["country=Germany", "country"],
      ["discipline=astrology", "discipline"],
      ["employmentType=gig", "employmentType"],
      ["postedWithin=2", "postedWithin"],
      ["postedWithin=7&postedWithin=30", "postedWithin"],
    ] as const) {
      const api = await callLoader<{ issues: { param: string }[] }>(apiLoader, `/api/roles?${query}`);
      expect(api.status, query).toBe(400);
      expect(api.data.issues.map((i) => i.param)).toContain(param);
      const page = await callLoader<{ issues: { param: string }[] }>(rolesLoader, `/roles?${query}&workplace=remote`);
      expect(page.status, query).toBe(400);
      expect(page.data.issues.map((i) => i.param)).toContain(param);
      const atom = await callLoader<string>(atomLoader, `/feeds/roles.atom?${query}`);
      expect(atom.status, query).toBe(400);
      expect(atom.data).toContain(param);
      const json = await callLoader<{ issues: { param: string }[] }>(jsonFeedLoader, `/feeds/roles.json?${query}`);
      expect(json.status, query).toBe(400);
      expect(json.data.issues.map((i) => i.param)).toContain(param);
    }
  });

  it("the API and the feeds apply the new filters", async () => {
    const country = someCountry[0]!;
    const api = await callLoader<{ roles: { countryCodes: string[]; discipline: string }[] }>(apiLoader, `/api/roles?country=${country}&discipline=backend&limit=100`);
    expect(api.status).toBe(200);
    expect(api.data.roles.length).toBeGreaterThan(0);
    for (const role of api.data.roles) {
      expect(role.countryCodes).toContain(country);
      expect(role.discipline).toBe("backend");
    }
    const feed = await callLoader<{ items: { url: string }[] }>(jsonFeedLoader, `/feeds/roles.json?employmentType=CONTRACTOR`);
    expect(feed.status).toBe(200);
    const contractors = new Set(rows.filter((r) => r.employmentType === "CONTRACTOR").map((r) => r.slug));
    expect(feed.data.items.length).toBeGreaterThan(0);
    for (const item of feed.data.items) expect(contractors.has(item.url.split("/roles/")[1]!)).toBe(true);
  });

  it("the API answers the panel's counts with counts=1, exact and each facet ignoring its own choice; none without it; a bad value is a 400", async () => {
    const country = someCountry[0]!;
    const query = `country=${country}&employmentType=FULL_TIME&postedWithin=30`;
    const api = await callLoader<{
      roles: unknown[];
      counts: {
        total: number;
        employmentType: Record<string, number>;
        discipline: Record<string, number>;
        country: { code: string; count: number }[];
        postedWithin: Record<string, number>;
        budgetHistogram: { label: string; fromUsdPerYear: number; toUsdPerYear: number | null; roles: number }[];
      };
    }>(apiLoader, `/api/roles?${query}&counts=1`);
    expect(api.status).toBe(200);
    const f = { country: [country], employmentType: ["FULL_TIME" as const], postedWithin: 30 as const };
    const { counts } = api.data;
    expect(counts.total).toBe(rows.filter((r) => matches(r, f)).length);
    expect(counts.total).toBeGreaterThan(0);
    expect(counts.employmentType.CONTRACTOR).toBe(rows.filter((r) => matches(r, f, "employmentType") && r.employmentType === "CONTRACTOR").length);
    expect(counts.discipline.backend).toBe(rows.filter((r) => matches(r, f) && r.discipline === "backend").length);
    expect(counts.country.find((c) => c.code === country)!.count).toBe(counts.total);
    expect(counts.postedWithin["7"]).toBe(rows.filter((r) => matches(r, f, "postedWithin") && r.publishedAt >= now - 7 * DAY).length);
    // The histogram's buckets are contiguous, from $0 up, the last one open.
    expect(counts.budgetHistogram[0]).toMatchObject({ label: "None", fromUsdPerYear: 0 });
    for (let i = 1; i < counts.budgetHistogram.length; i++) expect(counts.budgetHistogram[i]!.fromUsdPerYear).toBe(counts.budgetHistogram[i - 1]!.toUsdPerYear);
    expect(counts.budgetHistogram.at(-1)!.toUsdPerYear).toBeNull();
    expect(counts.budgetHistogram.reduce((sum, b) => sum + b.roles, 0)).toBeLessThanOrEqual(counts.total);
    expect(counts).toEqual(expect.objectContaining({ total: searchAggregates(db(), { ...NO_FILTERS, ...f }, now).total }));

    const plain = await callLoader<Record<string, unknown>>(apiLoader, `/api/roles?${query}`);
    expect(plain.data).not.toHaveProperty("counts");
    expect((await callLoader<Record<string, unknown>>(apiLoader, `/api/roles?${query}&counts=0`)).data).not.toHaveProperty("counts");
    for (const bad of ["counts=yes", "counts=1&counts=1", "counts=2"]) {
      const answer = await callLoader<{ issues: { param: string; message: string }[] }>(apiLoader, `/api/roles?${bad}`);
      expect(answer.status, bad).toBe(400);
      expect(answer.data.issues.map((i) => i.param)).toEqual(["counts"]);
    }
  });
});

describe("paging back and forth", () => {
  it("Previous gives back the very pages Next gave, with their positions, and the first page has none", () => {
    for (const sort of ["newest", "tokens_asc", "share_desc"] as const) {
      const p = params({ sort, limit: 17, workplace: ["remote", "hybrid"] });
      const forward = walk(p);
      expect(forward.starts).toEqual(forward.starts.map((_, i) => i * 17));
      // From the last page, walk back by prevCursor to the first.
      let page = searchRoles(db(), { ...p, cursor: forward.cursors[forward.cursors.length - 1] }, now);
      const back: string[][] = [page.roles.map((r) => r.slug)];
      const starts: (number | null)[] = [page.start];
      while (page.prevCursor) {
        page = searchRoles(db(), { ...p, cursor: page.prevCursor }, now);
        back.unshift(page.roles.map((r) => r.slug));
        starts.unshift(page.start);
      }
      expect(back.flat(), sort).toEqual(forward.slugs);
      expect(starts).toEqual(forward.starts);
      expect(page.start).toBe(0);
      // And the first page reached by going back leads forward again.
      expect(searchRoles(db(), { ...p, cursor: page.nextCursor! }, now).roles.map((r) => r.slug)).toEqual(forward.slugs.slice(17, 34));
    }
  });

  it("a cursor of the old two-part form still works (position unknown)", () => {
    const p = params({ sort: "newest", limit: 5 });
    const first = searchRoles(db(), p, now);
    const last = listed().find((r) => r.slug === first.roles[4]!.slug)!;
    const old = Buffer.from(JSON.stringify(["newest", [last.publishedAt, last.id]])).toString("base64url");
    const second = searchRoles(db(), { ...p, cursor: old }, now);
    expect(second.start).toBeNull();
    expect(second.roles.map((r) => r.slug)).toEqual(walk(p).slugs.slice(5, 10));
  });

  it("the API gives a prevCursor from the second page on", async () => {
    const first = await callLoader<{ nextCursor: string; prevCursor: string | null }>(apiLoader, "/api/roles?limit=10");
    expect(first.data.prevCursor).toBeNull();
    const second = await callLoader<{ roles: { slug: string }[]; prevCursor: string }>(apiLoader, `/api/roles?limit=10&cursor=${first.data.nextCursor}`);
    const back = await callLoader<{ roles: { slug: string }[] }>(apiLoader, `/api/roles?limit=10&cursor=${second.data.prevCursor}`);
    const again = await callLoader<{ roles: { slug: string }[] }>(apiLoader, "/api/roles?limit=10");
    expect(back.data.roles.map((r) => r.slug)).toEqual(again.data.roles.map((r) => r.slug));
  });
});

describe("the /roles URL", () => {
  it("a GET with empty fields (a plain form's submission) is redirected to the URL of the set values", async () => {
    const answer = await callLoader<string>(rolesLoader, "/roles?q=&minTokenBudget=&maxTokenBudget=&minSalary=&postedWithin=&workplace=remote&company=&sort=newest&roles=a-role");
    expect(answer.status).toBe(302);
    expect(answer.data).toBe("/roles?workplace=remote&roles=a-role");
    const nothing = await callLoader<string>(rolesLoader, "/roles?q=&sort=newest");
    expect(nothing.data).toBe("/roles");
    // A URL without empty fields is left as it is (a link's explicit default sort included).
    for (const query of ["workplace=remote&sort=tokens_desc", "sort=newest"]) expect((await callLoader(rolesLoader, `/roles?${query}`)).status).toBe(200);
  });

  it("sends \"Compare selected\" on to /compare with the ticked roles only", async () => {
    const answer = await callLoader<string>(rolesLoader, "/roles?workplace=remote&sort=tokens_desc&roles=one-role&roles=two-role&compare=1");
    expect(answer.status).toBe(302);
    expect(answer.data).toBe("/compare?roles=one-role&roles=two-role");
  });

  it("carries the roles ticked for comparison", async () => {
    const answer = await callLoader<{ selection: string[] }>(rolesLoader, "/roles?roles=one-role&roles=two-role&roles=Not%20A%20Slug");
    expect(answer.data.selection).toEqual(["one-role", "two-role"]);
  });
});

describe("the change log", () => {
  it("a published role's new country, discipline or employment type is searchable at once", () => {
    const row = listed()[0]!;
    const before = searchAggregates(db(), { ...NO_FILTERS, country: ["IS"], discipline: ["security"], employmentType: ["TEMPORARY"] }, now).total;
    db().$client.prepare("update roles set country_codes = 'IS', discipline = 'security', employment_type = 'TEMPORARY' where id = ?").run(row.id);
    const later = Date.now();
    const after = searchAggregates(db(), { ...NO_FILTERS, country: ["IS"], discipline: ["security"], employmentType: ["TEMPORARY"] }, later);
    expect(after.total).toBe(before + 1);
    expect(after.country.find((c) => c.code === "IS")?.count).toBeGreaterThan(0);
  });
});
