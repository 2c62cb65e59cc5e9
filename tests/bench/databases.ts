/**
 * Benchmark databases: seeded once per (size, seed, migrations, seed code) and cached under
 * tests/bench/.cache/. A cached file is reused while every one of its listed roles is still
 * listed; a change to a migration or to the seed generator (or anything it imports) changes
 * the key and so builds a new one.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { openDatabase } from "../../db/client";
import { DEFAULT_SEED, seedDatabase, startOfUtcDay, type SeedSummary } from "../../db/seed";
import { count, log, sizeLabel } from "./stats";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const CACHE_DIR = path.join(ROOT, "tests/bench/.cache");
export const SEED = DEFAULT_SEED;
/** A reused database must keep all its roles listed this long after the run starts. */
const LISTED_MARGIN_MS = 6 * 60 * 60 * 1000;

export interface BenchDatabase {
  size: number;
  file: string;
  key: string;
  /** Reference time the seed used (ISO 8601). */
  seededNow: string;
  reused: boolean;
  buildSeconds: number | null;
  bytes: number;
  listedRoles: number;
  totalRoles: number;
}

interface CacheMeta {
  key: string;
  size: number;
  seed: number;
  seededNow: number;
  builtAt: string;
  buildSeconds: number;
  summary: SeedSummary;
  inputs: { migrations: string[]; seedSources: string[] };
}

function sha256(data: string | Buffer): string {
  return crypto.createHash("sha256").update(data).digest("hex");
}

/** Migration files (SQL and the journal), in order. */
function migrationFiles(): string[] {
  const dir = path.join(ROOT, "migrations");
  const sql = fs.readdirSync(dir).filter((name) => name.endsWith(".sql")).sort();
  return [...sql.map((name) => `migrations/${name}`), "migrations/meta/_journal.json"];
}

const IMPORT_PATTERN = /(?:from|import)\s*\(?\s*["']([^"']+)["']/g;

function resolveImport(fromFile: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("~/")) base = path.join(ROOT, "app", specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(fromFile), specifier);
  else return null; // a package: pinned by package-lock.json, not part of the key
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** db/seed.ts and every project file it imports, directly or not (relative or `~/`). */
function seedSourceFiles(): string[] {
  const seen = new Set<string>();
  const pending = [path.join(ROOT, "db/seed.ts")];
  while (pending.length) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = fs.readFileSync(file, "utf8");
    for (const match of text.matchAll(IMPORT_PATTERN)) {
      const resolved = resolveImport(file, match[1]!);
      if (resolved && !seen.has(resolved)) pending.push(resolved);
    }
  }
  return [...seen].map((file) => path.relative(ROOT, file)).sort();
}

/** The cache key of a size: what the database's content depends on, except the day. */
export function cacheKey(size: number): { key: string; inputs: CacheMeta["inputs"] } {
  const migrations = migrationFiles();
  const seedSources = seedSourceFiles();
  const digest = (files: string[]) => files.map((file) => `${file}:${sha256(fs.readFileSync(path.join(ROOT, file)))}`);
  const key = sha256(JSON.stringify({ size, seed: SEED, migrations: digest(migrations), seedSources: digest(seedSources) })).slice(0, 16);
  return { key, inputs: { migrations, seedSources } };
}

function filesFor(size: number, key: string) {
  const stem = `roles-${size}-seed${SEED}-${key}`;
  return { db: path.join(CACHE_DIR, `${stem}.db`), meta: path.join(CACHE_DIR, `${stem}.json`), stem };
}

function removeDatabaseFiles(file: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(`${file}${suffix}`, { force: true });
}

/** Cached databases of this size built from other inputs: superseded, so removed. */
function removeStale(size: number, keep: string): void {
  if (!fs.existsSync(CACHE_DIR)) return;
  const prefix = `roles-${size}-seed${SEED}-`;
  for (const name of fs.readdirSync(CACHE_DIR)) {
    if (name.startsWith(prefix) && !name.startsWith(`${prefix}${keep}.`)) {
      fs.rmSync(path.join(CACHE_DIR, name), { force: true });
      log(`removed superseded cache file ${name}`);
    }
  }
}

function countRoles(file: string, at: number): { listed: number; total: number } {
  // Not migrating: a cached file is only read here; the key already pins its migrations.
  const db = openDatabase(file, { migrate: false });
  try {
    const listed = db.$client
      .prepare("SELECT count(*) FROM roles WHERE status = 'published' AND expires_at > ?")
      .pluck()
      .get(at) as number;
    const total = db.$client.prepare("SELECT count(*) FROM roles").pluck().get() as number;
    return { listed, total };
  } finally {
    db.$client.close();
  }
}

/** The cached database for a size, built first when missing, stale or no longer all listed. */
export function ensureDatabase(size: number): BenchDatabase {
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const { key, inputs } = cacheKey(size);
  const files = filesFor(size, key);
  removeStale(size, key);

  if (fs.existsSync(files.db) && fs.existsSync(files.meta)) {
    const meta = JSON.parse(fs.readFileSync(files.meta, "utf8")) as CacheMeta;
    const roles = countRoles(files.db, Date.now() + LISTED_MARGIN_MS);
    if (meta.key === key && roles.listed === size) {
      log(`${sizeLabel(size)}: reusing ${path.relative(ROOT, files.db)} (seeded for ${new Date(meta.seededNow).toISOString()})`);
      return {
        size,
        file: files.db,
        key,
        seededNow: new Date(meta.seededNow).toISOString(),
        reused: true,
        buildSeconds: meta.buildSeconds,
        bytes: fs.statSync(files.db).size,
        listedRoles: roles.listed,
        totalRoles: roles.total,
      };
    }
    log(`${sizeLabel(size)}: cached database has ${count(roles.listed)} of ${count(size)} roles still listed; rebuilding`);
  }
  return buildDatabase(size, key, inputs, files);
}

function buildDatabase(size: number, key: string, inputs: CacheMeta["inputs"], files: ReturnType<typeof filesFor>): BenchDatabase {
  removeDatabaseFiles(files.db);
  fs.rmSync(files.meta, { force: true });
  const tmp = path.join(CACHE_DIR, `${files.stem}.building.db`);
  removeDatabaseFiles(tmp);
  const now = startOfUtcDay(Date.now());
  log(`${sizeLabel(size)}: seeding ${count(size)} listed roles (seed ${SEED}, now ${new Date(now).toISOString()}) into ${path.relative(ROOT, tmp)}`);
  const started = performance.now();
  const db = openDatabase(tmp);
  let summary: SeedSummary;
  try {
    summary = seedDatabase(db, {
      roles: size,
      seed: SEED,
      now,
      onProgress: ({ done, total, elapsedMs }) => {
        const rate = done / Math.max(elapsedMs / 1000, 0.001);
        log(
          `${sizeLabel(size)}: seeded ${count(done)} / ${count(total)} roles (${((100 * done) / Math.max(total, 1)).toFixed(0)}%, ` +
            `${count(rate)} roles/s)${done >= total ? "; rebuilding indexes…" : ""}`,
        );
      },
    });
  } catch (error) {
    db.$client.close();
    removeDatabaseFiles(tmp);
    throw error;
  }
  db.$client.close();
  const buildSeconds = Math.round((performance.now() - started) / 100) / 10;
  removeDatabaseFiles(files.db);
  fs.renameSync(tmp, files.db);
  removeDatabaseFiles(tmp);
  const meta: CacheMeta = { key, size, seed: SEED, seededNow: now, builtAt: new Date().toISOString(), buildSeconds, summary, inputs };
  fs.writeFileSync(files.meta, `${JSON.stringify(meta, null, 2)}\n`);
  const roles = countRoles(files.db, Date.now());
  log(`${sizeLabel(size)}: built in ${buildSeconds} s (${(fs.statSync(files.db).size / 2 ** 20).toFixed(0)} MiB, ${count(roles.total)} roles)`);
  return {
    size,
    file: files.db,
    key,
    seededNow: new Date(now).toISOString(),
    reused: false,
    buildSeconds,
    bytes: fs.statSync(files.db).size,
    listedRoles: roles.listed,
    totalRoles: roles.total,
  };
}
