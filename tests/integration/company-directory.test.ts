/**
 * /companies: every company once, in name order, a keyset page at a time; a name-prefix
 * search; each company's open roles and median token budget checked against an independent
 * computation over the seeded rows; bad parameters named with a 400; in the sitemap.
 */
import { describe, expect, it } from "vitest";
import { callLoader } from "../support/loaders";
import { db } from "~/models/db.server";
import { quantileSorted } from "~/lib/stats";
import { createCompany } from "~/models/company.server";
import { createUser } from "~/models/user.server";
import { loader as directoryLoader } from "~/routes/companies._index";
import { loader as pagesSitemapLoader } from "~/routes/sitemaps.$file";

const now = Date.now();

interface Listed {
  slug: string;
  name: string;
  openRoles: number;
  medianTokenBudget: number | null;
}
type Page = { companies: Listed[]; nextAfter: number | null; q: string; errors: { q?: string; after?: string } };

/** Every company with its figures, computed from the rows (the independent answer). */
function expectedCompanies(): Listed[] {
  const companies = db().$client.prepare(`SELECT id, slug, name FROM companies`).all() as { id: number; slug: string; name: string }[];
  const roles = db()
    .$client.prepare(
      `SELECT r.company_id AS companyId, c.token_usd_per_year AS tokens FROM roles r JOIN compensation c ON c.role_id = r.id
        WHERE r.status = 'published' AND r.expires_at > ?`,
    )
    .all(now) as { companyId: number; tokens: number | null }[];
  const lower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
  return companies
    .sort((a, b) => (lower(a.name) < lower(b.name) ? -1 : lower(a.name) > lower(b.name) ? 1 : a.id - b.id))
    .map((co) => {
      const mine = roles.filter((r) => r.companyId === co.id);
      const budgets = mine.flatMap((r) => (r.tokens === null ? [] : [r.tokens])).sort((a, b) => a - b);
      return { slug: co.slug, name: co.name, openRoles: mine.length, medianTokenBudget: quantileSorted(budgets, 0.5) };
    });
}

async function allPages(q = ""): Promise<Listed[]> {
  const seen: Listed[] = [];
  let after: number | null = null;
  for (let i = 0; i < 100; i++) {
    const params = new URLSearchParams();
    if (q) params.set("q", q);
    if (after !== null) params.set("after", String(after));
    const { status, data } = await callLoader<Page>(directoryLoader, `/companies?${params}`);
    expect(status).toBe(200);
    expect(data.companies.length).toBeLessThanOrEqual(24);
    seen.push(...data.companies);
    if (data.nextAfter === null) return seen;
    after = data.nextAfter;
  }
  throw new Error("more than 100 pages");
}

describe("the company directory", () => {
  it("lists every company once in name order, with its open roles and median token budget", async () => {
    const expected = expectedCompanies();
    expect(expected.length).toBeGreaterThan(24); // the seed makes more than one page
    expect(expected.some((c) => c.openRoles > 1 && c.medianTokenBudget! > 0)).toBe(true);
    const listed = await allPages();
    expect(listed).toHaveLength(expected.length);
    for (const [i, company] of listed.entries()) {
      const want = expected[i]!;
      expect(company.slug).toBe(want.slug);
      expect(company.openRoles, company.slug).toBe(want.openRoles);
      if (want.medianTokenBudget === null) expect(company.medianTokenBudget).toBeNull();
      else expect(company.medianTokenBudget!).toBeCloseTo(want.medianTokenBudget, 6);
    }
  });

  it("finds companies by the beginning of their name, in any case", async () => {
    const expected = expectedCompanies();
    const name = expected.find((c) => c.openRoles > 0)!.name;
    const prefix = name.slice(0, 3).toUpperCase();
    const found = await allPages(prefix);
    const lower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
    expect(found.map((c) => c.slug)).toEqual(expected.filter((c) => lower(c.name).startsWith(lower(prefix))).map((c) => c.slug));
    expect(found.map((c) => c.name)).toContain(name);

    const none = await callLoader<Page>(directoryLoader, "/companies?q=zzzz-no-such-company");
    expect(none.status).toBe(200);
    expect(none.data.companies).toEqual([]);
    expect(none.data.nextAfter).toBeNull();
  });

  it("a new company without roles is listed with none open", async () => {
    const user = await createUser({ email: `dir-${process.pid}@example.com`, password: "a long enough password", displayName: "Dir" });
    createCompany(user.id, { name: "Aardvark Directory Test", slug: `aardvark-${process.pid}` } as never);
    const { data } = await callLoader<Page>(directoryLoader, "/companies?q=aardvark%20dir");
    expect(data.companies).toEqual([{ slug: `aardvark-${process.pid}`, name: "Aardvark Directory Test", openRoles: 0, medianTokenBudget: null }]);
  });

  it("names a bad parameter with a 400 and applies the other", async () => {
    const badAfter = await callLoader<Page>(directoryLoader, "/companies?after=abc&q=a");
    expect(badAfter.status).toBe(400);
    expect(badAfter.data.errors.after).toMatch(/page link is broken/);
    expect(badAfter.data.companies.every((c) => c.name.toLowerCase().startsWith("a"))).toBe(true);
    const longQ = await callLoader<Page>(directoryLoader, `/companies?q=${"x".repeat(500)}`);
    expect(longQ.status).toBe(400);
    expect(longQ.data.errors.q).toMatch(/at most 80/);
    expect(longQ.data.companies.length).toBeGreaterThan(0);
    for (const after of ["-1", "0", "1.5", "99999999999999999999", "1e3"]) {
      const { status } = await callLoader<Page>(directoryLoader, `/companies?after=${after}`);
      expect([200, 400], after).toContain(status);
    }
  });

  it("reads company names by index, never by a scan", () => {
    const plan = db()
      .$client.prepare(
        `EXPLAIN QUERY PLAN SELECT id, slug, name FROM companies INDEXED BY companies_name_lower_idx
          WHERE lower(name) >= ? AND lower(name) < ? AND (lower(name) > ? OR id > ?) ORDER BY lower(name), id LIMIT 25`,
      )
      .all("a", "a\u{10FFFF}", "acme", 3) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(" ")).toMatch(/SEARCH companies USING INDEX companies_name_lower_idx/);
  });

  it("is in the sitemap", async () => {
    const { data } = await callLoader<string>(pagesSitemapLoader, "/sitemaps/pages.xml", { file: "pages.xml" });
    expect(data).toContain("/companies</loc>");
  });
});
