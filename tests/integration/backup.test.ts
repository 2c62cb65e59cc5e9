import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { backupDatabase } from "../../db/backup";
import { db } from "~/models/db.server";

describe("online backup", () => {
  it("copies a consistent database while writes go on, and the copy restores", async () => {
    const source = db().$client.name;
    const target = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tokenboard-backup-")), "copy.db");
    const count = () => (db().$client.prepare("SELECT count(*) AS n FROM companies").get() as { n: number }).n;
    const before = count();
    let written = 0;
    const insert = db().$client.prepare("INSERT INTO companies (slug, name, created_at, updated_at) VALUES (?, ?, 0, 0)");
    // Writes from the app's connection while the backup copies a few pages a step: each one
    // restarts a stepped copy, so the backup finishes the rest in one snapshot step.
    let steps = 0;
    const writer = setInterval(() => {
      if (written >= 30) return clearInterval(writer);
      insert.run(`during-backup-${written}`, `During ${written}`);
      written++;
    }, 1);
    const { bytes, restarted } = await backupDatabase(source, target, () => steps++, 8);
    clearInterval(writer);
    expect(written).toBeGreaterThan(0);
    expect(restarted).toBe(true);
    expect(steps).toBeGreaterThan(1);
    expect(bytes).toBeGreaterThan(100_000);

    // Restore = open the copy as the database: intact, and a consistent state (a count the
    // source had at some moment: at least the rows before, at most all written since).
    const restored = new Database(target, { readonly: true });
    expect(restored.pragma("integrity_check", { simple: true })).toBe("ok");
    const copied = (restored.prepare("SELECT count(*) AS n FROM companies").get() as { n: number }).n;
    expect(copied).toBeGreaterThanOrEqual(before);
    expect(copied).toBeLessThanOrEqual(before + written);
    expect((restored.prepare("SELECT count(*) AS n FROM roles").get() as { n: number }).n).toBe(
      (db().$client.prepare("SELECT count(*) AS n FROM roles").get() as { n: number }).n,
    );
    restored.close();
    fs.rmSync(path.dirname(target), { recursive: true, force: true });
  });

  it("refuses a missing source", async () => {
    await expect(backupDatabase("/nonexistent/tokenboard.db", path.join(os.tmpdir(), "never.db"))).rejects.toThrow(/No database/);
  });
});
