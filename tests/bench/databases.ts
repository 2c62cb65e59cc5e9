/**
 * Benchmark databases: seeded once per size and cached OUTSIDE the repository, in
 * `$BENCH_CACHE_DIR` (default `~/.cache/tokenboard-bench`), so worktrees and clones share them
 * and `git clean` does not throw away a 1M-role database that takes about 9 minutes to seed.
 *
 * The key is what defines the seeded rows: the size, the PRNG seed, the generator
 * (db/demo-data.ts) and SEED_FORMAT below. Migrations and the seed's writing code are NOT in
 * the key: a cached database is opened with `openDatabase`, which migrates it forward, as a
 * production database is migrated on deploy, so adding a migration later costs that
 * migration's run on the cached file once, not a reseed. Bump SEED_FORMAT when db/seed.ts
 * starts writing different rows (a new column it fills that a migration cannot derive).
 *
 * A cached file is reused while every one of its listed roles is still listed (about five
 * days: the seed spreads publishing over the 55 days before its day, listings last 60). The
 * long-tail section edits a few roles of one company in it (reversibly: see editor.ts) and
 * adds the editor's user; neither changes what is listed.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "../../db/client";
import { DEFAULT_SEED, seedDatabase, startOfUtcDay, type SeedSummary } from "../../db/seed";
import { count, log, sizeLabel } from "./stats";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const CACHE_DIR = path.resolve(process.env.BENCH_CACHE_DIR || path.join(os.homedir(), ".cache/tokenboard-bench"));
export const SEED = DEFAULT_SEED;
/** Bumped by hand when the seed's output changes in a way a migration does not reproduce. */
export const SEED_FORMAT = 1;
/** The generator of every seeded value; a change to it changes the rows. */
const GENERATOR_SOURCES = ["db/demo-data.ts"];
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
  /** Migrations applied when this run opened the cached file (0: it was current). */
  migrationsApplied: number;
  migrateSeconds: number;
  bytes: number;
  listedRoles: number;
  totalRoles: number;
}

interface CacheMeta {
  key: string;
  size: number;
  seed: number;
  seedFormat: number;
  seededNow: number;
  /** When the first listed role expires: the file can be reused until then. */
  listedUntil: number;
  builtAt: string;
  buildSeconds: number | null;
  summary: SeedSummary | null;
  inputs: { generatorSources: string[] };
}

function sha256(data: string | Buffer): string {
  return crypto.createHash("sha256").update(data).digest("hex");
}

/** The cache key of a size: what the seeded rows depend on, except the day. */
export function cacheKey(size: number): { key: string; inputs: CacheMeta["inputs"] } {
  const sources = GENERATOR_SOURCES.map((file) => `${file}:${sha256(fs.readFileSync(path.join(ROOT, file)))}`);
  const key = sha256(JSON.stringify({ size, seed: SEED, seedFormat: SEED_FORMAT, sources })).slice(0, 16);
  return { key, inputs: { generatorSources: GENERATOR_SOURCES } };
}

function filesFor(size: number, key: string) {
  const stem = `roles-${size}-seed${SEED}-${key}`;
  return { db: path.join(CACHE_DIR, `${stem}.db`), meta: path.join(CACHE_DIR, `${stem}.json`), stem };
}

function removeDatabaseFiles(file: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(`${file}${suffix}`, { force: true });
}

/**
 * Cached databases of this size under other keys. The cache is shared by every checkout, and
 * one on another branch may still use its own key, so only files that can no longer be
 * reused (some of their listed roles have expired by now) are removed; the others are listed.
 */
function removeExpired(size: number, keep: string): void {
  const prefix = `roles-${size}-seed${SEED}-`;
  for (const name of fs.readdirSync(CACHE_DIR)) {
    if (!name.startsWith(prefix) || !name.endsWith(".json") || name === `${prefix}${keep}.json`) continue;
    const metaFile = path.join(CACHE_DIR, name);
    let listedUntil = 0;
    try {
      listedUntil = (JSON.parse(fs.readFileSync(metaFile, "utf8")) as Partial<CacheMeta>).listedUntil ?? 0;
    } catch {
      // Unreadable: treated as expired.
    }
    const dbFile = metaFile.replace(/\.json$/, ".db");
    if (listedUntil > Date.now() + LISTED_MARGIN_MS) {
      log(`${sizeLabel(size)}: leaving ${name.replace(/\.json$/, ".db")} (another key, still usable until ${new Date(listedUntil).toISOString()})`);
      continue;
    }
    removeDatabaseFiles(dbFile);
    fs.rmSync(metaFile, { force: true });
    log(`${sizeLabel(size)}: removed ${path.basename(dbFile)} (another key, no longer fully listed)`);
  }
}

interface RoleCounts {
  listed: number;
  total: number;
  /** When the first of the roles listed at `at` expires. */
  firstExpiry: number;
}

function countRoles(db: ReturnType<typeof openDatabase>, at: number): RoleCounts {
  const listed = db.$client.prepare("SELECT count(*) FROM roles WHERE status = 'published' AND expires_at > ?").pluck().get(at) as number;
  const total = db.$client.prepare("SELECT count(*) FROM roles").pluck().get() as number;
  const firstExpiry = (db.$client.prepare("SELECT min(expires_at) FROM roles WHERE status = 'published' AND expires_at > ?").pluck().get(at) as number | null) ?? 0;
  return { listed, total, firstExpiry };
}

function appliedMigrations(file: string): number {
  const db = openDatabase(file, { migrate: false });
  try {
    const table = db.$client.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
    return table ? (db.$client.prepare("SELECT count(*) FROM __drizzle_migrations").pluck().get() as number) : 0;
  } finally {
    db.$client.close();
  }
}

/**
 * Opens a cached file the way the app does (migrating it forward: a migration added since it
 * was seeded runs here, once) and counts its roles.
 */
function openAndCount(file: string, at: number): { roles: RoleCounts; migrationsApplied: number; migrateSeconds: number } {
  const before = appliedMigrations(file);
  const started = performance.now();
  const db = openDatabase(file);
  const migrateSeconds = Math.round((performance.now() - started) / 100) / 10;
  try {
    const after = db.$client.prepare("SELECT count(*) FROM __drizzle_migrations").pluck().get() as number;
    return { roles: countRoles(db, at), migrationsApplied: after - before, migrateSeconds };
  } finally {
    db.$client.close();
  }
}

/** The cached database for a size, built first when missing or no longer all listed. */
export function ensureDatabase(size: number): BenchDatabase {
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const { key, inputs } = cacheKey(size);
  const files = filesFor(size, key);
  removeExpired(size, key);

  if (fs.existsSync(files.db) && fs.existsSync(files.meta)) {
    const meta = JSON.parse(fs.readFileSync(files.meta, "utf8")) as CacheMeta;
    const opened = openAndCount(files.db, Date.now() + LISTED_MARGIN_MS);
    if (opened.migrationsApplied > 0) log(`${sizeLabel(size)}: migrated the cached database forward (${opened.migrationsApplied} migrations, ${opened.migrateSeconds} s)`);
    if (meta.key === key && opened.roles.listed === size) {
      log(`${sizeLabel(size)}: reusing ${files.db} (seeded for ${new Date(meta.seededNow).toISOString()})`);
      return {
        size,
        file: files.db,
        key,
        seededNow: new Date(meta.seededNow).toISOString(),
        reused: true,
        buildSeconds: meta.buildSeconds,
        migrationsApplied: opened.migrationsApplied,
        migrateSeconds: opened.migrateSeconds,
        bytes: fs.statSync(files.db).size,
        listedRoles: opened.roles.listed,
        totalRoles: opened.roles.total,
      };
    }
    log(`${sizeLabel(size)}: cached database has ${count(opened.roles.listed)} of ${count(size)} roles still listed; rebuilding`);
  }
  return buildDatabase(size, key, inputs, files);
}

function buildDatabase(size: number, key: string, inputs: CacheMeta["inputs"], files: ReturnType<typeof filesFor>): BenchDatabase {
  // Its own name, so two checkouts seeding the same key at once do not write one file.
  const tmp = path.join(CACHE_DIR, `${files.stem}.building-${process.pid}.db`);
  removeDatabaseFiles(tmp);
  const now = startOfUtcDay(Date.now());
  log(`${sizeLabel(size)}: seeding ${count(size)} listed roles (seed ${SEED}, now ${new Date(now).toISOString()}) into ${tmp}`);
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
  const roles = countRoles(db, Date.now());
  db.$client.close();
  const buildSeconds = Math.round((performance.now() - started) / 100) / 10;
  removeDatabaseFiles(files.db);
  fs.renameSync(tmp, files.db);
  removeDatabaseFiles(tmp);
  writeMeta(files.meta, { key, size, seed: SEED, seedFormat: SEED_FORMAT, seededNow: now, listedUntil: roles.firstExpiry, builtAt: new Date().toISOString(), buildSeconds, summary, inputs });
  log(`${sizeLabel(size)}: built in ${buildSeconds} s (${(fs.statSync(files.db).size / 2 ** 20).toFixed(0)} MiB, ${count(roles.total)} roles)`);
  return {
    size,
    file: files.db,
    key,
    seededNow: new Date(now).toISOString(),
    reused: false,
    buildSeconds,
    migrationsApplied: 0,
    migrateSeconds: 0,
    bytes: fs.statSync(files.db).size,
    listedRoles: roles.listed,
    totalRoles: roles.total,
  };
}

function writeMeta(file: string, meta: CacheMeta): void {
  fs.writeFileSync(file, `${JSON.stringify(meta, null, 2)}\n`);
}

