/**
 * Seeds a Tokenboard database with deterministic demo data, from the default demo (420 listed
 * roles, about a second) up to millions of roles for benchmarks.
 *
 *   npx tsx db/seed.ts [--db PATH] [--roles N] [--companies N] [--seed N] [--now ISO-DATE]
 *                      [--reset | --if-empty] [--quiet]
 *
 * The same --seed and --now give the same rows. Roles are written with prepared statements in
 * batched transactions; every package goes through normalizeCompensation, exactly as the
 * model layer's writeCompensation does, and role_tools mirrors compensation.tools. Each
 * description is stored with its HTML (and a role's with its summary), rendered by the one
 * renderer the app's writes use (app/lib/markdown.server.ts).
 *
 * Exit codes: 0 seeded (or nothing to do with --if-empty), 1 refused or failed, 2 bad options.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type Database from "better-sqlite3";
import * as z from "zod";
import { renderDescription } from "../app/lib/markdown.server";
import { normalizeCompensation, type PriceBasis } from "../app/lib/normalize";
import { markDescriptionsRendered } from "../app/models/description.server";
import { openDatabase, type Db } from "./client";
import {
  EXCHANGE_RATES,
  EXCHANGE_RATES_AS_OF,
  PRICING_BASES,
  generateCompanies,
  generateRoles,
  planRoleCounts,
  type DescriptionStyle,
  type RoleCounts,
} from "./demo-data";

export const DEFAULT_ROLES = 420;
export const DEFAULT_SEED = 42;
export const DEFAULT_DATABASE = "data/tokenboard.db";
/** Above this many roles, descriptions are assembled shorter (fewer sections). */
export const FULL_DESCRIPTIONS_UP_TO = 20_000;
export const MAX_ROLES = 20_000_000;
export const MAX_COMPANIES = 1_000_000;

export function defaultCompanyCount(roles: number): number {
  return Math.max(48, Math.ceil(roles / 200));
}

export function startOfUtcDay(ms: number): number {
  const day = new Date(ms);
  day.setUTCHours(0, 0, 0, 0);
  return day.getTime();
}

export interface SeedProgress {
  done: number;
  total: number;
  elapsedMs: number;
}

export interface SeedOptions {
  /** Listed (published, unexpired) roles. Default 420. */
  roles?: number;
  /** Default max(48, ceil(roles / 200)). */
  companies?: number;
  /** PRNG seed. Default 42. */
  seed?: number;
  /** Reference time, ms or Date. Default: the start of the current UTC day. */
  now?: number | Date;
  /** Delete existing demo content first (everything except users and sessions). */
  reset?: boolean;
  /** When the database already has roles, do nothing (instead of refusing). */
  ifEmpty?: boolean;
  /** No progress lines on stderr. */
  quiet?: boolean;
  /** Default: "full" up to 20,000 roles, "short" above. */
  descriptions?: DescriptionStyle;
  /** Roles per transaction. Default 10,000. */
  batchSize?: number;
  /** Called about every 50,000 roles (and at the end) when given; replaces the stderr lines. */
  onProgress?: (progress: SeedProgress) => void;
  /**
   * Drop and rebuild the secondary indexes of roles, compensation and role_tools around the
   * load. Default: from REBUILD_INDEXES_FROM roles on.
   */
  rebuildIndexes?: boolean;
  /**
   * Run ANALYZE afterwards. Default false: with statistics, SQLite 3.53 plans the newest-first
   * listing as a skip-scan of roles_company_status_idx plus a sort (seconds on a million
   * roles) instead of walking roles_listing_newest_idx (well under a millisecond).
   */
  analyze?: boolean;
}

export interface SeedSummary {
  status: "seeded" | "skipped";
  message: string;
  seed: number;
  /** The reference time, ISO 8601. */
  now: string;
  companies: number;
  roles: RoleCounts;
  roleTools: number;
  pricingBases: number;
  exchangeRates: number;
  seconds: number;
}

/** The database already has roles and neither --reset nor --if-empty was given. */
export class SeedRefusedError extends Error {
  override name = "SeedRefusedError";
}

/**
 * From this many roles on, the secondary indexes of roles, compensation and role_tools are
 * dropped for the load and rebuilt afterwards: building an index once, sorted, is several
 * times faster than keeping it up to date row by row.
 */
export const REBUILD_INDEXES_FROM = 50_000;
/**
 * Remembers dropped indexes, so a seed killed mid-load (Ctrl-C, kill) gets them back on the
 * next run of the seed, whatever its options; that run also needs --reset, as roles exist.
 */
const DROPPED_INDEXES_TABLE = "_seed_dropped_indexes";

/** Tables the demo fills or that point at what it replaces; users and sessions are kept. */
const RESET_TABLES = [
  "tracked_link_daily_stats",
  "tracked_links",
  "shortlist_items",
  "shortlists",
  "role_daily_stats",
  "role_tools",
  "compensation",
  "roles",
  "memberships",
  "companies",
  "pricing_bases",
  "exchange_rates",
] as const;

const PROGRESS_EVERY = 50_000;

export function seedDatabase(db: Db, options: SeedOptions = {}): SeedSummary {
  const started = performance.now();
  const client = db.$client;
  const listed = options.roles ?? DEFAULT_ROLES;
  const seed = options.seed ?? DEFAULT_SEED;
  const now = options.now === undefined ? startOfUtcDay(Date.now()) : Number(options.now);
  const companyCount = options.companies ?? defaultCompanyCount(listed);
  const batchSize = options.batchSize ?? 10_000;
  if (!Number.isSafeInteger(listed) || listed < 0 || listed > MAX_ROLES) throw new RangeError(`roles must be an integer from 0 to ${MAX_ROLES}`);
  if (!Number.isSafeInteger(companyCount) || companyCount < 1 || companyCount > MAX_COMPANIES) throw new RangeError(`companies must be an integer from 1 to ${MAX_COMPANIES}`);
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RangeError("seed must be an integer from 0 to 4294967295");
  if (!Number.isFinite(now)) throw new RangeError("now must be a valid time");
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new RangeError("batchSize must be a positive integer");
  const descriptions: DescriptionStyle = options.descriptions ?? (listed <= FULL_DESCRIPTIONS_UP_TO ? "full" : "short");
  const nowIso = new Date(now).toISOString();

  // A previous large seed that was killed before rebuilding its indexes: rebuild them now.
  rebuildDroppedIndexes(client);

  const existingRoles = client.prepare("select count(*) from roles").pluck().get() as number;
  const existingCompanies = client.prepare("select count(*) from companies").pluck().get() as number;
  if (existingRoles > 0 && !options.reset) {
    if (options.ifEmpty) {
      return {
        status: "skipped",
        message: `The database already has ${existingRoles} roles; nothing to do (--if-empty).`,
        seed,
        now: nowIso,
        companies: 0,
        roles: { listed: 0, closed: 0, expired: 0, draft: 0, total: 0 },
        roleTools: 0,
        pricingBases: 0,
        exchangeRates: 0,
        seconds: (performance.now() - started) / 1000,
      };
    }
    throw new SeedRefusedError(
      `The database already has ${existingRoles} roles. Use --reset to replace all demo data, or --if-empty to leave a non-empty database alone.`,
    );
  }

  const progress =
    options.onProgress ??
    (options.quiet
      ? undefined
      : (p: SeedProgress) => {
          const seconds = p.elapsedMs / 1000;
          process.stderr.write(
            `seed: ${p.done.toLocaleString("en-US")} / ${p.total.toLocaleString("en-US")} roles ` +
              `(${((100 * p.done) / Math.max(1, p.total)).toFixed(1)}%), ` +
              `${Math.round(p.done / Math.max(seconds, 0.001)).toLocaleString("en-US")} roles/s\n`,
          );
        });

  const restore = bulkLoadPragmas(client);
  let rebuildIndexes = false;
  let summary: SeedSummary;
  try {
    if (options.reset) resetDemoData(client);

    // Reference data and companies, in one transaction.
    const setup = client.transaction(() => {
      const rateInsert = client.prepare(
        "insert into exchange_rates (currency, usd_per_unit, as_of) values (?, ?, ?) on conflict (currency) do nothing",
      );
      for (const [currency, usdPerUnit] of Object.entries(EXCHANGE_RATES)) rateInsert.run(currency, usdPerUnit, EXCHANGE_RATES_AS_OF);

      const basisCount = client.prepare("select count(*) from pricing_bases").pluck().get() as number;
      if (basisCount === 0) {
        const basisInsert = client.prepare(
          `insert into pricing_bases (slug, model_name, provider, usd_per_m_input, usd_per_m_output, usd_per_m_cached_input,
             input_share, as_of, source_url, is_default, created_at, updated_at)
           values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        );
        for (const b of PRICING_BASES) {
          basisInsert.run(b.slug, b.modelName, b.provider, b.usdPerMInput, b.usdPerMOutput, b.usdPerMCachedInput, b.inputShare, b.asOf, b.sourceUrl, b.isDefault ? 1 : 0, now, now);
        }
      }

      const taken = new Set(client.prepare("select slug from companies").pluck().all() as string[]);
      const companies = generateCompanies({ seed, count: companyCount, now, takenSlugs: taken });
      const companyInsert = client.prepare(
        `insert into companies (slug, name, website, description, description_html, size_band, headquarters, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const companyIds = companies.map((c) =>
        Number(
          companyInsert.run(c.slug, c.name, c.website, c.description, renderDescription(c.description).html, c.sizeBand, c.headquarters, c.createdAt, c.updatedAt)
            .lastInsertRowid,
        ),
      );
      return { companies, companyIds };
    });
    const { companies, companyIds } = setup.immediate();

    // What normalization needs, read back from the database (it may hold rows we did not write).
    const rates = new Map<string, number>(
      (client.prepare("select currency, usd_per_unit as usdPerUnit from exchange_rates").all() as Array<{ currency: string; usdPerUnit: number }>).map(
        (r) => [r.currency, r.usdPerUnit],
      ),
    );
    if (!rates.has("USD")) rates.set("USD", 1);
    const bases = client
      .prepare(
        "select id, slug, usd_per_m_input as usdPerMInput, usd_per_m_output as usdPerMOutput, input_share as inputShare, is_default as isDefault from pricing_bases",
      )
      .all() as Array<PriceBasis & { id: number; slug: string; isDefault: number }>;
    const basesBySlug = new Map(bases.map((b) => [b.slug, b]));
    const defaultBasis = bases.find((b) => b.isDefault === 1);
    if (!defaultBasis) throw new Error("The database has pricing bases but none is the default; cannot normalize token budgets.");

    const insertRole = client.prepare(
      `insert into roles (slug, company_id, title, level, discipline, employment_type, workplace, location_text,
         country_codes, description, description_html, description_text, apply_url, apply_email, status, published_at,
         expires_at, closed_at, created_by_user_id, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, ?, ?)`,
    );
    const insertCompensation = client.prepare(
      `insert into compensation (role_id, salary_currency, salary_min, salary_max, bonus_target_percent, equity_kind,
         equity_min, equity_max, token_amount, token_unit, token_period, token_cap, token_scope, token_pool_size,
         tools, other_tools, gpu_access, pricing_basis_id, token_usd_per_year, tokens_per_month, salary_min_usd,
         salary_max_usd, total_min_usd, total_max_usd, inference_share, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertTool = client.prepare("insert into role_tools (tool, role_id) values (?, ?)");

    const counts: RoleCounts = { listed: 0, closed: 0, expired: 0, draft: 0, total: 0 };
    let roleTools = 0;
    const roles = generateRoles({ seed, now, listed, companies, descriptions });
    const total = planRoleCounts(listed).total;

    const writeBatch = client.transaction((limit: number): number => {
      let written = 0;
      while (written < limit) {
        const next = roles.next();
        if (next.done) break;
        const r = next.value;
        const rendered = renderDescription(r.description);
        const roleId = Number(
          insertRole.run(
            r.slug,
            companyIds[r.companyIndex],
            r.title,
            r.level,
            r.discipline,
            r.employmentType,
            r.workplace,
            r.locationText,
            r.countryCodes,
            r.description,
            rendered.html,
            rendered.text,
            r.applyUrl,
            r.applyEmail,
            r.status,
            r.publishedAt,
            r.expiresAt,
            r.closedAt,
            r.createdAt,
            r.updatedAt,
          ).lastInsertRowid,
        );
        const p = r.pkg;
        const statedBasis = p.pricingBasisSlug === null ? undefined : basesBySlug.get(p.pricingBasisSlug);
        const basis = statedBasis ?? defaultBasis;
        const figures = normalizeCompensation(p, basis, rates.get(p.salaryCurrency) ?? null);
        // Sorted and unique already; the same JSON writeCompensation stores.
        const tools = p.tools;
        insertCompensation.run(
          roleId,
          p.salaryCurrency,
          p.salaryMin,
          p.salaryMax,
          p.bonusTargetPercent,
          p.equityKind,
          p.equityMin,
          p.equityMax,
          p.tokenAmount,
          p.tokenUnit,
          p.tokenPeriod,
          p.tokenCap,
          p.tokenScope,
          p.tokenPoolSize,
          JSON.stringify(tools),
          p.otherTools,
          p.gpuAccess,
          statedBasis ? statedBasis.id : null,
          figures.tokenUsdPerYear,
          figures.tokensPerMonth,
          figures.salaryMinUsd,
          figures.salaryMaxUsd,
          figures.totalMinUsd,
          figures.totalMaxUsd,
          figures.inferenceShare,
          r.updatedAt,
        );
        for (const tool of tools) insertTool.run(tool, roleId);
        roleTools += tools.length;
        counts[r.kind]++;
        counts.total++;
        written++;
      }
      return written;
    });

    if (options.rebuildIndexes ?? total >= REBUILD_INDEXES_FROM) {
      dropSecondaryIndexes(client);
      rebuildIndexes = true;
    }

    let nextReport = PROGRESS_EVERY;
    let reported = 0;
    const reportProgress = total >= 2 * PROGRESS_EVERY || options.onProgress !== undefined;
    for (;;) {
      const written = writeBatch.immediate(batchSize);
      const finished = written < batchSize;
      if (progress && reportProgress && counts.total !== reported && (counts.total >= nextReport || finished)) {
        progress({ done: counts.total, total, elapsedMs: performance.now() - started });
        reported = counts.total;
        while (nextReport <= counts.total) nextReport += PROGRESS_EVERY;
      }
      if (finished) break;
    }

    // Every company and role now in the database was written here, with its HTML: nothing
    // for the start-up backfill to look for.
    if (options.reset || (existingRoles === 0 && existingCompanies === 0)) markDescriptionsRendered(db);

    const pricingBases = client.prepare("select count(*) from pricing_bases").pluck().get() as number;
    summary = {
      status: "seeded",
      message: `Seeded ${companies.length} companies and ${counts.total} roles (${counts.listed} listed).`,
      seed,
      now: nowIso,
      companies: companies.length,
      roles: counts,
      roleTools,
      pricingBases,
      exchangeRates: rates.size,
      seconds: 0,
    };
  } finally {
    if (rebuildIndexes) {
      const rebuildStarted = performance.now();
      rebuildDroppedIndexes(client);
      if (progress && !options.quiet && options.onProgress === undefined) {
        process.stderr.write(`seed: indexes rebuilt in ${((performance.now() - rebuildStarted) / 1000).toFixed(1)} s\n`);
      }
    }
    restore();
  }
  if (options.analyze === true) client.exec("analyze");
  // The change log of a bulk load helps no one (a search index is built from the tables), so
  // only its newest row is kept: a process whose index predates the seed sees the gap after
  // its last seq and rebuilds.
  client.exec("DELETE FROM role_changes WHERE seq < (SELECT max(seq) FROM role_changes)");
  client.pragma("wal_checkpoint(TRUNCATE)");
  summary.seconds = Math.round((performance.now() - started) / 10) / 100;
  return summary;
}

/** Faster, less durable settings for a bulk load; returns the function that restores them. */
function bulkLoadPragmas(client: Database.Database): () => void {
  const synchronous = client.pragma("synchronous", { simple: true }) as number;
  const cacheSize = client.pragma("cache_size", { simple: true }) as number;
  const tempStore = client.pragma("temp_store", { simple: true }) as number;
  // A crash during the load leaves a half-seeded database either way; rerun with --reset.
  client.pragma("synchronous = OFF");
  client.pragma("cache_size = -262144"); // 256 MiB
  client.pragma("temp_store = MEMORY");
  return () => {
    client.pragma(`synchronous = ${synchronous}`);
    client.pragma(`cache_size = ${cacheSize}`);
    client.pragma(`temp_store = ${tempStore}`);
  };
}

function dropSecondaryIndexes(client: Database.Database): void {
  client
    .transaction(() => {
      const indexes = client
        .prepare(
          `select name, sql from sqlite_master
           where type = 'index' and sql is not null and tbl_name in ('roles', 'compensation', 'role_tools')
           order by name`,
        )
        .all() as Array<{ name: string; sql: string }>;
      client.exec(`create table if not exists ${DROPPED_INDEXES_TABLE} (name text primary key, sql text not null)`);
      const remember = client.prepare(`insert or replace into ${DROPPED_INDEXES_TABLE} (name, sql) values (?, ?)`);
      for (const index of indexes) {
        remember.run(index.name, index.sql);
        client.exec(`drop index "${index.name.replace(/"/g, '""')}"`);
      }
    })
    .immediate();
}

/** Recreates the indexes a bulk load dropped (exactly as the migrations defined them). */
function rebuildDroppedIndexes(client: Database.Database): void {
  const exists = client.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(DROPPED_INDEXES_TABLE);
  if (!exists) return;
  client
    .transaction(() => {
      const dropped = client.prepare(`select name, sql from ${DROPPED_INDEXES_TABLE} order by name`).all() as Array<{
        name: string;
        sql: string;
      }>;
      const present = client.prepare("select 1 from sqlite_master where type = 'index' and name = ?");
      for (const index of dropped) if (!present.get(index.name)) client.exec(index.sql);
      client.exec(`drop table ${DROPPED_INDEXES_TABLE}`);
    })
    .immediate();
}

/** Deletes the demo content (everything but users and sessions) and restarts its ids. */
function resetDemoData(client: Database.Database): void {
  const foreignKeys = client.pragma("foreign_keys", { simple: true }) as number;
  // Children first; with foreign keys off SQLite truncates each table instead of checking
  // every deleted row, which matters for millions of roles. Nothing dangles afterwards.
  client.pragma("foreign_keys = OFF");
  try {
    client
      .transaction(() => {
        for (const table of RESET_TABLES) client.exec(`delete from ${table}`);
        const hasSequence = client.prepare("select 1 from sqlite_master where name = 'sqlite_sequence'").get();
        if (hasSequence) {
          client
            .prepare(`delete from sqlite_sequence where name in (${RESET_TABLES.map(() => "?").join(", ")})`)
            .run(...RESET_TABLES);
        }
      })
      .immediate();
  } finally {
    client.pragma(`foreign_keys = ${foreignKeys}`);
  }
}

// ---------------------------------------------------------------------------------------
// Command line

export interface CliOptions {
  db: string;
  roles: number;
  companies: number;
  seed: number;
  now: number;
  reset: boolean;
  ifEmpty: boolean;
  quiet: boolean;
}

export const USAGE = `Usage: npx tsx db/seed.ts [options]

Seeds the database with deterministic demo data (same --seed and --now, same rows).

Options:
  --db PATH          database file (default: $DATABASE_URL or ${DEFAULT_DATABASE})
  --roles N          listed roles (published, unexpired); about 10% more closed, expired
                     and draft roles are added (default ${DEFAULT_ROLES})
  --companies N      companies (default max(48, ceil(roles / 200)))
  --seed N           PRNG seed, 0 to 4294967295 (default ${DEFAULT_SEED})
  --now ISO-DATE     reference time, e.g. 2026-11-01 or 2026-11-01T12:00:00Z
                     (default: the start of the current UTC day)
  --reset            delete existing companies, roles and related rows first
                     (users and sessions are kept)
  --if-empty         do nothing if the database already has roles
  --quiet            no progress lines
  -h, --help         show this help

Exit codes: 0 done, 1 refused or failed, 2 bad options.`;

const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

function integerOption(name: string, min: number, max: number) {
  return z
    .string()
    .regex(/^\d+$/, `--${name} must be a whole number`)
    .transform(Number)
    .refine((n) => Number.isSafeInteger(n) && n >= min && n <= max, `--${name} must be from ${min} to ${max}`);
}

const cliSchema = z
  .object({
    db: z.string().trim().min(1, "--db must not be empty"),
    roles: integerOption("roles", 0, MAX_ROLES).optional(),
    companies: integerOption("companies", 1, MAX_COMPANIES).optional(),
    seed: integerOption("seed", 0, 0xffffffff).optional(),
    now: z
      .string()
      .optional()
      .transform((value, ctx) => {
        if (value === undefined) return startOfUtcDay(Date.now());
        const match = ISO_TIME.exec(value);
        // A date and time without a zone is UTC, like a date alone.
        const ms = match ? Date.parse(match[4] !== undefined && match[7] === undefined ? `${value}Z` : value) : NaN;
        // Reject calendar dates that do not exist (2026-02-30).
        const valid =
          match !== null &&
          Number.isFinite(ms) &&
          new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))).toISOString().slice(0, 10) ===
            value.slice(0, 10);
        if (!valid) {
          ctx.addIssue({ code: "custom", message: "--now must be an ISO date such as 2026-11-01 or 2026-11-01T09:30:00Z" });
          return z.NEVER;
        }
        return ms;
      }),
    reset: z.boolean(),
    ifEmpty: z.boolean(),
    quiet: z.boolean(),
  })
  .refine((o) => !(o.reset && o.ifEmpty), "--reset and --if-empty cannot be combined");

export type ParsedArgs = { ok: true; help: boolean; options: CliOptions } | { ok: false; message: string };

/** Parses and validates the command line; never exits or throws. */
export function parseSeedArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
): ParsedArgs {
  let values;
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        db: { type: "string" },
        roles: { type: "string" },
        companies: { type: "string" },
        seed: { type: "string" },
        now: { type: "string" },
        reset: { type: "boolean", default: false },
        "if-empty": { type: "boolean", default: false },
        quiet: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }).values;
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  const parsed = cliSchema.safeParse({
    db: values.db ?? (env.DATABASE_URL || DEFAULT_DATABASE),
    roles: values.roles,
    companies: values.companies,
    seed: values.seed,
    now: values.now,
    reset: values.reset ?? false,
    ifEmpty: values["if-empty"] ?? false,
    quiet: values.quiet ?? false,
  });
  if (!parsed.success) return { ok: false, message: parsed.error.issues.map((i) => i.message).join("\n") };
  const o = parsed.data;
  const roles = o.roles ?? DEFAULT_ROLES;
  return {
    ok: true,
    help: values.help ?? false,
    options: {
      db: o.db,
      roles,
      companies: o.companies ?? defaultCompanyCount(roles),
      seed: o.seed ?? DEFAULT_SEED,
      now: o.now,
      reset: o.reset,
      ifEmpty: o.ifEmpty,
      quiet: o.quiet,
    },
  };
}

export function formatSummary(summary: SeedSummary, file: string): string {
  const r = summary.roles;
  return [
    `Seeded ${file} (seed ${summary.seed}, now ${summary.now}) in ${summary.seconds.toFixed(2)} s`,
    `  companies       ${summary.companies.toLocaleString("en-US")}`,
    `  roles           ${r.total.toLocaleString("en-US")}: ${r.listed.toLocaleString("en-US")} listed, ` +
      `${r.closed.toLocaleString("en-US")} closed, ${r.expired.toLocaleString("en-US")} expired, ${r.draft.toLocaleString("en-US")} draft`,
    `  role tools      ${summary.roleTools.toLocaleString("en-US")}`,
    `  pricing bases   ${summary.pricingBases}`,
    `  exchange rates  ${summary.exchangeRates}`,
  ].join("\n");
}

function main(argv: readonly string[]): number {
  const parsed = parseSeedArgs(argv);
  if (!parsed.ok) {
    process.stderr.write(`db/seed.ts: ${parsed.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (parsed.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const o = parsed.options;
  const db = openDatabase(o.db);
  try {
    const summary = seedDatabase(db, {
      roles: o.roles,
      companies: o.companies,
      seed: o.seed,
      now: o.now,
      reset: o.reset,
      ifEmpty: o.ifEmpty,
      quiet: o.quiet,
    });
    process.stdout.write(summary.status === "skipped" ? `${o.db}: ${summary.message}\n` : `${formatSummary(summary, o.db)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof SeedRefusedError) {
      process.stderr.write(`db/seed.ts: ${o.db}: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`db/seed.ts: seeding ${o.db} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  } finally {
    db.$client.close();
  }
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return fs.realpathSync(path.resolve(entry)) === fs.realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) process.exitCode = main(process.argv.slice(2));
