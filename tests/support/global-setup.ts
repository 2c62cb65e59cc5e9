/**
 * Builds the base test database once per run: migrated and seeded with the demo data as of
 * the start of today (UTC), so listed roles are listed at the real clock the loaders use.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../db/client";
import { seedDatabase } from "../../db/seed";

declare module "vitest" {
  export interface ProvidedContext {
    baseDatabase: string;
    seedNow: number;
  }
}

export default function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tokenboard-test-"));
  const file = path.join(dir, "base.db");
  const now = new Date();
  now.setUTCHours(0, 0, 0, 0);
  const db = openDatabase(file);
  seedDatabase(db, { now: now.getTime(), quiet: true });
  // Fold the WAL into the main file so a plain file copy is the whole database.
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.close();
  project.provide("baseDatabase", file);
  project.provide("seedNow", now.getTime());
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
