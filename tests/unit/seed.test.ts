/**
 * The demo seed: sizes, realism, consistency with the one normalization function, and
 * determinism (same seed and reference time, same rows).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderDescription } from "../../app/lib/markdown.server";
import { normalizeCompensation, WORKING_DAYS_PER_YEAR } from "../../app/lib/normalize";
import { DESCRIPTIONS_RENDERED_VERSION } from "../../app/models/description.server";
import { CURRENCIES, LEVELS, TOOLS, type TokenCap, type TokenPeriod, type TokenScope, type TokenUnit } from "../../app/lib/vocabulary";
import { openDatabase, type Db } from "../../db/client";
import { Rng } from "../../db/demo-data";
import { parseSeedArgs, seedDatabase, SeedRefusedError, type SeedSummary } from "../../db/seed";

const NOW = Date.UTC(2026, 10, 1); // 2026-11-01T00:00:00Z
const DAY = 86_400_000;

let dir: string;
let dbA: Db;
let dbB: Db;
let summaryA: SeedSummary;
let summaryB: SeedSummary;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), `tokenboard-seed-${process.pid}-`));
  dbA = openDatabase(path.join(dir, "a.db"));
  dbB = openDatabase(path.join(dir, "b.db"));
  summaryA = seedDatabase(dbA, { now: NOW, quiet: true });
  summaryB = seedDatabase(dbB, { now: NOW, quiet: true });
});

afterAll(() => {
  dbA?.$client.close();
  dbB?.$client.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

interface CompRow {
  roleId: number;
  status: string;
  publishedAt: number | null;
  expiresAt: number | null;
  salaryCurrency: string;
  salaryMin: number | null;
  salaryMax: number | null;
  bonusTargetPercent: number | null;
  equityKind: string | null;
  equityMin: number | null;
  equityMax: number | null;
  tokenAmount: number | null;
  tokenUnit: TokenUnit | null;
  tokenPeriod: TokenPeriod | null;
  tokenCap: TokenCap | null;
  tokenScope: TokenScope | null;
  tokenPoolSize: number | null;
  tools: string;
  pricingBasisId: number | null;
  tokenUsdPerYear: number | null;
  tokensPerMonth: number | null;
  salaryMinUsd: number | null;
  salaryMaxUsd: number | null;
  totalMinUsd: number | null;
  totalMaxUsd: number | null;
  inferenceShare: number | null;
}

function listedRows(db: Db): CompRow[] {
  return db.$client
    .prepare(
      `select c.role_id as roleId, r.status, r.published_at as publishedAt, r.expires_at as expiresAt,
         c.salary_currency as salaryCurrency, c.salary_min as salaryMin, c.salary_max as salaryMax,
         c.bonus_target_percent as bonusTargetPercent, c.equity_kind as equityKind, c.equity_min as equityMin,
         c.equity_max as equityMax, c.token_amount as tokenAmount, c.token_unit as tokenUnit,
         c.token_period as tokenPeriod, c.token_cap as tokenCap, c.token_scope as tokenScope,
         c.token_pool_size as tokenPoolSize, c.tools, c.pricing_basis_id as pricingBasisId,
         c.token_usd_per_year as tokenUsdPerYear, c.tokens_per_month as tokensPerMonth,
         c.salary_min_usd as salaryMinUsd, c.salary_max_usd as salaryMaxUsd, c.total_min_usd as totalMinUsd,
         c.total_max_usd as totalMaxUsd, c.inference_share as inferenceShare
       from roles r join compensation c on c.role_id = r.id
       where r.status = 'published' and r.expires_at > ?
       order by r.id`,
    )
    .all(NOW) as CompRow[];
}

/** SHA-256 over every row of the seeded tables, in id order. */
function digest(db: Db): string {
  const hash = crypto.createHash("sha256");
  for (const [table, order] of [
    ["companies", "id"],
    ["roles", "id"],
    ["compensation", "role_id"],
    ["role_tools", "role_id, tool"],
    ["pricing_bases", "id"],
    ["exchange_rates", "currency"],
  ] as const) {
    hash.update(`\n#${table}\n`);
    for (const row of db.$client.prepare(`select * from ${table} order by ${order}`).raw().iterate()) {
      hash.update(JSON.stringify(row));
      hash.update("\n");
    }
  }
  return hash.digest("hex");
}

function count(db: Db, sql: string, ...params: unknown[]): number {
  return db.$client.prepare(sql).pluck().get(...params) as number;
}

describe("seedDatabase (default size)", () => {
  it("writes at least 40 companies with plausible profiles", () => {
    expect(summaryA.status).toBe("seeded");
    expect(summaryA.companies).toBeGreaterThanOrEqual(40);
    const companies = dbA.$client.prepare("select * from companies").all() as Array<Record<string, string>>;
    expect(companies.length).toBe(summaryA.companies);
    for (const c of companies) {
      expect(c.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(c.website).toBe(`https://${c.slug}.example`);
      expect(c.description).toContain(`**${c.name}**`);
      expect(c.size_band).toBeTruthy();
      expect(c.headquarters).toBeTruthy();
    }
    // Every company has at least one listed role.
    expect(count(dbA, "select count(*) from companies c where not exists (select 1 from roles r where r.company_id = c.id and r.status = 'published' and r.expires_at > ?)", NOW)).toBe(0);
  });

  it("lists at least 400 roles and adds closed, expired and draft ones", () => {
    const listed = count(dbA, "select count(*) from roles where status = 'published' and expires_at > ?", NOW);
    expect(listed).toBe(420);
    expect(summaryA.roles.listed).toBe(420);
    const closed = count(dbA, "select count(*) from roles where status = 'closed' and closed_at is not null and closed_at <= ?", NOW);
    const expired = count(dbA, "select count(*) from roles where status = 'published' and expires_at < ?", NOW);
    const drafts = count(dbA, "select count(*) from roles where status = 'draft' and published_at is null and expires_at is null");
    expect(closed).toBe(summaryA.roles.closed);
    expect(expired).toBe(summaryA.roles.expired);
    expect(drafts).toBe(summaryA.roles.draft);
    expect(closed).toBeGreaterThan(0);
    expect(expired).toBeGreaterThan(0);
    expect(drafts).toBeGreaterThan(0);
    expect(count(dbA, "select count(*) from roles")).toBe(summaryA.roles.total);
    // About 10% extra.
    expect(summaryA.roles.total).toBe(462);
  });

  it("spreads listed roles over the last 55 days, expiring 60 days after publication", () => {
    for (const r of listedRows(dbA)) {
      expect(r.publishedAt).not.toBeNull();
      expect(r.publishedAt as number).toBeLessThanOrEqual(NOW);
      expect(r.publishedAt as number).toBeGreaterThan(NOW - 55 * DAY);
      expect(r.expiresAt).toBe((r.publishedAt as number) + 60 * DAY);
    }
    // Times of day, not all midnight.
    expect(count(dbA, "select count(distinct published_at % 86400000) from roles where status = 'published'")).toBeGreaterThan(100);
  });

  it("varies levels, workplaces, employment types and locations", () => {
    const levels = dbA.$client.prepare("select distinct level from roles").pluck().all() as string[];
    expect(new Set(levels)).toEqual(new Set(LEVELS));
    const workplaces = dbA.$client.prepare("select distinct workplace from roles").pluck().all() as string[];
    expect(new Set(workplaces)).toEqual(new Set(["remote", "hybrid", "onsite"]));
    const types = dbA.$client.prepare("select distinct employment_type from roles").pluck().all() as string[];
    expect(types).toEqual(expect.arrayContaining(["FULL_TIME", "CONTRACTOR", "PART_TIME", "INTERN"]));
    expect(count(dbA, "select count(*) from roles where (level = 'intern') <> (employment_type = 'INTERN')")).toBe(0);
    expect(count(dbA, "select count(*) from roles where workplace = 'remote' and location_text not like 'Remote (%'")).toBe(0);
    expect(count(dbA, "select count(*) from roles where location_text = 'Remote (worldwide)' and country_codes <> ''")).toBe(0);
    expect(count(dbA, "select count(*) from roles where country_codes not glob '[A-Z][A-Z]*' and country_codes <> ''")).toBe(0);
    // Slugs: unique and url-safe.
    const slugs = dbA.$client.prepare("select slug from roles").pluck().all() as string[];
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const slug of slugs) expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    // Markdown descriptions.
    const descriptions = dbA.$client.prepare("select description from roles").pluck().all() as string[];
    for (const d of descriptions) {
      expect(d).toMatch(/^## /m);
      expect(d).toMatch(/^- /m);
      expect(d).toContain("## Your AI toolkit");
    }
  });

  it("states salaries in several currencies, including USD, EUR, GBP and CAD", () => {
    const currencies = new Set(listedRows(dbA).map((r) => r.salaryCurrency));
    for (const c of ["USD", "EUR", "GBP", "CAD"]) expect(currencies).toContain(c);
    for (const c of currencies) expect(CURRENCIES as readonly string[]).toContain(c);
  });

  it("gives every listed role a salary range and normalized figures that match normalizeCompensation", () => {
    const bases = new Map(
      (
        dbA.$client
          .prepare("select id, usd_per_m_input as usdPerMInput, usd_per_m_output as usdPerMOutput, input_share as inputShare, is_default as isDefault from pricing_bases")
          .all() as Array<{ id: number; usdPerMInput: number; usdPerMOutput: number; inputShare: number; isDefault: number }>
      ).map((b) => [b.id, b]),
    );
    const defaultBasis = [...bases.values()].find((b) => b.isDefault === 1);
    expect(defaultBasis).toBeDefined();
    const rates = new Map(
      (dbA.$client.prepare("select currency, usd_per_unit as r from exchange_rates").all() as Array<{ currency: string; r: number }>).map((x) => [
        x.currency,
        x.r,
      ]),
    );
    const rows = listedRows(dbA);
    expect(rows.length).toBe(420);
    for (const r of rows) {
      expect(r.salaryMin).not.toBeNull();
      expect(r.salaryMax).not.toBeNull();
      expect(r.salaryMin as number).toBeGreaterThan(0);
      expect(r.salaryMin as number).toBeLessThanOrEqual(r.salaryMax as number);
      for (const key of ["tokenUsdPerYear", "tokensPerMonth", "salaryMinUsd", "salaryMaxUsd", "totalMinUsd", "totalMaxUsd", "inferenceShare"] as const) {
        expect(r[key], `${key} of role ${r.roleId}`).not.toBeNull();
      }
      const basis = r.pricingBasisId === null ? defaultBasis! : bases.get(r.pricingBasisId)!;
      const expected = normalizeCompensation(r, basis, rates.get(r.salaryCurrency) ?? null);
      expect({
        tokenUsdPerYear: r.tokenUsdPerYear,
        tokensPerMonth: r.tokensPerMonth,
        salaryMinUsd: r.salaryMinUsd,
        salaryMaxUsd: r.salaryMaxUsd,
        totalMinUsd: r.totalMinUsd,
        totalMaxUsd: r.totalMaxUsd,
        inferenceShare: r.inferenceShare,
      }).toEqual(expected);
    }

    // An independent hand computation over a sample: USD budgets, personal scope.
    const sample = rows.filter((r) => r.tokenUnit === "usd" && r.tokenScope === "personal").filter((_, i) => i % 5 === 0);
    expect(sample.length).toBeGreaterThan(20);
    for (const r of sample) {
      const perYear = { day: WORKING_DAYS_PER_YEAR, month: 12, year: 1 }[r.tokenPeriod as TokenPeriod];
      expect(r.tokenUsdPerYear).toBeCloseTo((r.tokenAmount as number) * perYear, 2);
      const basis = r.pricingBasisId === null ? defaultBasis! : bases.get(r.pricingBasisId)!;
      const blended = basis.inputShare * basis.usdPerMInput + (1 - basis.inputShare) * basis.usdPerMOutput;
      expect(Math.abs((r.tokensPerMonth as number) - ((r.tokenUsdPerYear as number) / 12 / blended) * 1e6)).toBeLessThanOrEqual(1);
      const rate = rates.get(r.salaryCurrency) as number;
      expect(r.salaryMaxUsd).toBeCloseTo((r.salaryMax as number) * rate, 2);
      expect(r.totalMaxUsd as number).toBeGreaterThanOrEqual((r.salaryMaxUsd as number) + (r.tokenUsdPerYear as number) - 0.01);
    }
  });

  it("keeps salaries in realistic, round local magnitudes", () => {
    const rows = listedRows(dbA);
    for (const r of rows) {
      const step = { SEK: 50_000, JPY: 500_000, INR: 100_000 }[r.salaryCurrency] ?? 5_000;
      expect((r.salaryMin as number) % step, `${r.salaryCurrency} ${r.salaryMin}`).toBe(0);
      expect((r.salaryMax as number) % step).toBe(0);
      expect(r.salaryMaxUsd as number).toBeLessThan(700_000);
      expect(r.salaryMinUsd as number).toBeGreaterThan(10_000);
    }
    const usMedianSenior = rows.filter((r) => r.salaryCurrency === "USD").map((r) => r.salaryMaxUsd as number).sort((a, b) => a - b);
    expect(usMedianSenior[Math.floor(usMedianSenior.length / 2)]).toBeGreaterThan(120_000);
    const withBonus = rows.filter((r) => r.bonusTargetPercent !== null);
    expect(withBonus.length).toBeGreaterThan(20);
    for (const r of withBonus) {
      expect(r.bonusTargetPercent as number).toBeGreaterThanOrEqual(5);
      expect(r.bonusTargetPercent as number).toBeLessThanOrEqual(20);
    }
    const withEquity = rows.filter((r) => r.equityMin !== null);
    expect(withEquity.length).toBeGreaterThan(20);
    for (const r of withEquity) {
      expect(r.equityKind).toMatch(/^(options|rsu|profit-interest|phantom)$/);
      expect(r.equityMin as number).toBeLessThanOrEqual(r.equityMax as number);
    }
  });

  it("covers the real range of token budgets", () => {
    const rows = listedRows(dbA);
    const usd = rows.map((r) => r.tokenUsdPerYear as number);
    expect(Math.min(...usd)).toBe(0);
    expect(usd.some((v) => v > 0 && v < 500)).toBe(true); // seat stipends
    expect(Math.max(...usd)).toBeGreaterThanOrEqual(200_000);
    expect(rows.some((r) => r.tokenAmount === 0)).toBe(true);
    expect(rows.some((r) => r.tokenCap === "uncapped")).toBe(true);
    expect(rows.some((r) => r.tokenCap === "hard")).toBe(true);
    expect(rows.some((r) => r.tokenCap === "soft")).toBe(true);
    expect(rows.some((r) => r.tokenUnit === "mtok")).toBe(true);
    expect(rows.some((r) => r.tokenPeriod === "day")).toBe(true);
    expect(rows.some((r) => r.tokenPeriod === "month")).toBe(true);
    expect(rows.some((r) => r.tokenPeriod === "year")).toBe(true);
    expect(rows.some((r) => r.pricingBasisId !== null)).toBe(true);
    expect(rows.filter((r) => r.pricingBasisId === null).length).toBeGreaterThan(rows.length * 0.8);
    const pooled = rows.filter((r) => r.tokenScope === "pooled");
    expect(pooled.length).toBeGreaterThan(0);
    for (const r of pooled) {
      expect(r.tokenPoolSize as number).toBeGreaterThanOrEqual(4);
      expect(r.tokenPoolSize as number).toBeLessThanOrEqual(12);
    }
    for (const r of rows.filter((x) => x.tokenScope === "personal")) expect(r.tokenPoolSize).toBeNull();
    // Tools: from the vocabulary, sorted and unique; the common ones are common.
    const toolCounts = new Map<string, number>();
    for (const r of rows) {
      const tools = JSON.parse(r.tools) as string[];
      expect(tools).toEqual([...new Set(tools)].sort());
      for (const t of tools) {
        expect(TOOLS as readonly string[]).toContain(t);
        toolCounts.set(t, (toolCounts.get(t) ?? 0) + 1);
      }
    }
    for (const common of ["claude-code", "cursor", "copilot"]) {
      expect(toolCounts.get(common) ?? 0).toBeGreaterThan(toolCounts.get("windsurf") ?? 0);
    }
    expect(count(dbA, "select count(*) from compensation where other_tools <> ''")).toBeGreaterThan(0);
    expect(count(dbA, "select count(*) from compensation where gpu_access <> ''")).toBeGreaterThan(0);
  });

  it("writes the pricing bases with exactly one default, and every exchange rate", () => {
    expect(count(dbA, "select count(*) from pricing_bases where is_default = 1")).toBe(1);
    expect(dbA.$client.prepare("select slug from pricing_bases where is_default = 1").pluck().get()).toBe("claude-sonnet-4-5");
    const bases = dbA.$client.prepare("select * from pricing_bases order by id").all() as Array<Record<string, unknown>>;
    expect(bases.length).toBe(7);
    expect(summaryA.pricingBases).toBe(7);
    for (const b of bases) {
      expect(b.as_of).toBe("2025-11-24");
      expect(b.source_url).toMatch(/^https:\/\//);
      expect(b.input_share).toBe(0.75);
      expect(b.usd_per_m_input as number).toBeLessThan(b.usd_per_m_output as number);
    }
    const sonnet = bases.find((b) => b.slug === "claude-sonnet-4-5")!;
    expect([sonnet.usd_per_m_input, sonnet.usd_per_m_output, sonnet.usd_per_m_cached_input]).toEqual([3, 15, 0.3]);
    const currencies = dbA.$client.prepare("select currency from exchange_rates").pluck().all() as string[];
    expect(new Set(currencies)).toEqual(new Set(CURRENCIES));
    expect(dbA.$client.prepare("select usd_per_unit from exchange_rates where currency = 'EUR'").pluck().get()).toBe(1.16);
  });

  it("mirrors compensation.tools in role_tools", () => {
    const rows = dbA.$client
      .prepare(
        `select c.role_id as roleId, c.tools,
           (select json_group_array(tool) from (select tool from role_tools t where t.role_id = c.role_id order by tool)) as mirrored
         from compensation c`,
      )
      .all() as Array<{ roleId: number; tools: string; mirrored: string }>;
    expect(rows.length).toBe(summaryA.roles.total);
    for (const r of rows) expect(JSON.parse(r.mirrored), `role ${r.roleId}`).toEqual(JSON.parse(r.tools));
    expect(count(dbA, "select count(*) from role_tools")).toBe(summaryA.roleTools);
    expect(count(dbA, "select count(*) from roles r where not exists (select 1 from compensation c where c.role_id = r.id)")).toBe(0);
  });

  it("satisfies the schema's foreign keys", () => {
    expect(dbA.$client.pragma("foreign_key_check")).toEqual([]);
  });

  it("stores every description with the HTML and summary the app's own writes store", () => {
    const roles = dbA.$client.prepare("select description, description_html as html, description_text as text from roles").all() as Array<{
      description: string;
      html: string | null;
      text: string | null;
    }>;
    for (const role of roles) expect({ html: role.html, text: role.text }).toEqual(renderDescription(role.description));
    const companies = dbA.$client.prepare("select description, description_html as html from companies").all() as Array<{ description: string; html: string | null }>;
    for (const company of companies) expect(company.html).toBe(renderDescription(company.description).html);
    // Nothing for the start-up backfill to look for in a database the seed filled.
    expect(dbA.$client.pragma("user_version", { simple: true })).toBe(DESCRIPTIONS_RENDERED_VERSION);
  });
});

describe("determinism and re-seeding", () => {
  it("gives identical rows for the same seed and reference time", () => {
    expect(summaryB.roles).toEqual(summaryA.roles);
    expect(digest(dbB)).toBe(digest(dbA));
  });

  it("gives different rows for another seed", () => {
    const other = openDatabase(":memory:");
    try {
      seedDatabase(other, { now: NOW, seed: 7, quiet: true });
      expect(digest(other)).not.toBe(digest(dbA));
    } finally {
      other.$client.close();
    }
  });

  it("refuses a database that already has roles, skips it with ifEmpty, and replaces it with reset", () => {
    expect(() => seedDatabase(dbB, { now: NOW, quiet: true })).toThrow(SeedRefusedError);
    const skipped = seedDatabase(dbB, { now: NOW, quiet: true, ifEmpty: true });
    expect(skipped.status).toBe("skipped");
    expect(count(dbB, "select count(*) from roles")).toBe(summaryA.roles.total);

    const before = digest(dbA);
    const again = seedDatabase(dbB, { now: NOW, quiet: true, reset: true });
    expect(again.status).toBe("seeded");
    // Ids restart, so a reset database is identical to a fresh one.
    expect(digest(dbB)).toBe(before);
  });

  it("drops and rebuilds the secondary indexes around a bulk load, exactly as defined", () => {
    const db = openDatabase(":memory:");
    try {
      const indexSql = () =>
        db.$client.prepare("select name, sql from sqlite_master where type = 'index' order by name").all();
      const before = indexSql();
      const summary = seedDatabase(db, { now: NOW, roles: 1500, quiet: true, rebuildIndexes: true, batchSize: 400 });
      expect(summary.roles.listed).toBe(1500);
      expect(indexSql()).toEqual(before);
      expect(count(db, "select count(*) from sqlite_master where name = '_seed_dropped_indexes'")).toBe(0);
      expect(count(db, "select count(*) from roles where status = 'published' and expires_at > ?", NOW)).toBe(1500);
      expect(summary.companies).toBe(48);

      // A load killed between dropping and rebuilding: the next seed run restores the indexes.
      const listing = before.find((i) => (i as { name: string }).name === "roles_listing_newest_idx") as { name: string; sql: string };
      db.$client.exec("create table _seed_dropped_indexes (name text primary key, sql text not null)");
      db.$client.prepare("insert into _seed_dropped_indexes values (?, ?)").run(listing.name, listing.sql);
      db.$client.exec("drop index roles_listing_newest_idx");
      expect(seedDatabase(db, { now: NOW, quiet: true, ifEmpty: true }).status).toBe("skipped");
      expect(indexSql()).toEqual(before);
    } finally {
      db.$client.close();
    }
  });
});

describe("command-line options", () => {
  it("applies the defaults", () => {
    const parsed = parseSeedArgs([], {});
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.options).toMatchObject({ db: "data/tokenboard.db", roles: 420, companies: 48, seed: 42, reset: false, ifEmpty: false });
    expect(parsed.options.now % 86_400_000).toBe(0);
    const fromEnv = parseSeedArgs([], { DATABASE_URL: "/tmp/x.db" });
    expect(fromEnv.ok && fromEnv.options.db).toBe("/tmp/x.db");
  });

  it("parses the options", () => {
    const parsed = parseSeedArgs(["--db", "/tmp/a.db", "--roles", "1000000", "--seed", "7", "--now", "2026-11-01", "--reset"], {});
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.options).toMatchObject({ db: "/tmp/a.db", roles: 1_000_000, companies: 5000, seed: 7, now: NOW, reset: true });
    const withTime = parseSeedArgs(["--now", "2026-11-01T12:30:00Z"], {});
    expect(withTime.ok && withTime.options.now).toBe(NOW + 12.5 * 3_600_000);
    const noZone = parseSeedArgs(["--now", "2026-11-01T12:30"], {});
    expect(noZone.ok && noZone.options.now).toBe(NOW + 12.5 * 3_600_000);
  });

  it.each([
    [["--roles", "-5"]],
    [["--roles", "abc"]],
    [["--roles", "1.5"]],
    [["--companies", "0"]],
    [["--seed", "99999999999"]],
    [["--now", "yesterday"]],
    [["--now", "2026-02-30"]],
    [["--reset", "--if-empty"]],
    [["--bogus"]],
    [["positional"]],
    [["--db", ""]],
  ])("rejects %j", (argv) => {
    const parsed = parseSeedArgs(argv, {});
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message.length).toBeGreaterThan(5);
  });
});

describe("Rng", () => {
  it("is deterministic per seed and uniform enough", () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const seqA = Array.from({ length: 1000 }, () => a.next());
    expect(Array.from({ length: 1000 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 1000 }, () => c.next())).not.toEqual(seqA);
    for (const x of seqA) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
    const mean = seqA.reduce((s, x) => s + x, 0) / seqA.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.05);
  });
});
