/**
 * Each test file works on its own copy of the seeded base database, so files never see each
 * other's writes and can run in parallel.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, inject } from "vitest";

const base = inject("baseDatabase");
const copy = path.join(path.dirname(base), `file-${process.pid}-${crypto.randomUUID()}.db`);
fs.copyFileSync(base, copy);
process.env.DATABASE_URL = copy;

afterAll(async () => {
  const { closeDb } = await import("~/models/db.server");
  closeDb();
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(copy + suffix, { force: true });
});
