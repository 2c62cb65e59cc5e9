/**
 * Opening the SQLite database: migrations first, then the connection pragmas. All
 * SQLite-specific connection handling lives here, so another engine only replaces this file
 * (and the SQL in the model modules that says it is SQLite's).
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/**
 * How long a write waits for another process' write lock before SQLITE_BUSY. SQLite's lock
 * is not fair: in the two-process concurrency test a writer waited up to 3 s while the other
 * committed in a tight loop, so 10 s leaves a wide margin. Waiting blocks this process, but
 * only while another process writes (scripts, a second server), never within one server.
 */
export const BUSY_TIMEOUT_MS = 10_000;

/** Migrations ship beside the code; the app and its scripts run from the project root. */
export const MIGRATIONS_FOLDER = path.resolve(process.cwd(), "migrations");

export interface OpenOptions {
  /** Skip migrating (read-only tools that must not change a database they inspect). */
  migrate?: boolean;
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  // Wait for another writer instead of failing with SQLITE_BUSY (a second process, a backup).
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  const db = drizzle(sqlite, { schema }) as Db;
  if (options.migrate !== false) migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  // After migrating: a migration may rebuild tables with foreign keys off and must not be
  // able to leave them off for the connection.
  applyConnectionPragmas(sqlite);
  return db;
}

export function applyConnectionPragmas(sqlite: Database.Database): void {
  // WAL: readers never block the writer and the writer never blocks readers.
  sqlite.pragma("journal_mode = WAL");
  // NORMAL in WAL mode: a committed transaction survives a crash of the process; a power loss
  // may lose the commits the OS had not yet written back (the WAL is synced only at
  // checkpoints), never corrupt the file. README "Durability" weighs it against FULL.
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
}

/** A write that reads first must take the write lock up front (BEGIN IMMEDIATE), so two
 * writers never both read, then collide on upgrade with SQLITE_BUSY. */
export function writeTransaction<T>(db: Db, work: () => T): T {
  return db.$client.transaction(work).immediate();
}
