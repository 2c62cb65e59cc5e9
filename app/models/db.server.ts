/**
 * The process' database handle, opened (and migrated) on first use. Kept on globalThis so a
 * development rebuild that re-imports this module does not open a second connection.
 */
import { openDatabase, type Db } from "../../db/client";
import { config } from "~/lib/config.server";

const holder = globalThis as typeof globalThis & { __tokenboardDb?: { file: string; db: Db } };

export function db(): Db {
  const file = config().databaseUrl;
  if (!holder.__tokenboardDb || holder.__tokenboardDb.file !== file) {
    holder.__tokenboardDb = { file, db: openDatabase(file) };
  }
  return holder.__tokenboardDb.db;
}

/** Closes the handle (graceful shutdown, tests). */
export function closeDb(): void {
  holder.__tokenboardDb?.db.$client.close();
  holder.__tokenboardDb = undefined;
}
