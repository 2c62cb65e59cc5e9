/**
 * The server's Markdown backfill in the background (app/models/description-backfill.server.ts):
 * on a database stored before the HTML columns, it renders every description in slices, each
 * written at once, waits while requests are being answered, records the pass in user_version,
 * and does nothing on the next start.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { openDatabase } from "../../db/client";
import { renderDescription } from "~/lib/markdown.server";
import { db } from "~/models/db.server";
import { startDescriptionBackfill } from "~/models/description-backfill.server";
import { DESCRIPTIONS_RENDERED_VERSION } from "~/models/description.server";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tokenboard-background-backfill-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function oldDatabase() {
  const file = path.join(dir, `old-${crypto.randomUUID()}.db`);
  db().$client.exec(`VACUUM INTO '${file.replace(/'/g, "''")}'`);
  const old = openDatabase(file);
  // As migration 0004 left an older database: every description without its HTML.
  old.$client.exec("update roles set description_html = null, description_text = null; update companies set description_html = null; pragma user_version = 0");
  return old;
}

const missingRoles = (client: ReturnType<typeof openDatabase>["$client"]) =>
  client.prepare("select count(*) from roles where description_html is null or description_text is null").pluck().get() as number;

describe("the background Markdown backfill", () => {
  it("renders every description in slices, then records the pass; the next start does nothing", async () => {
    const old = oldDatabase();
    const lines: string[] = [];
    const job = startDescriptionBackfill(old, { log: (line) => lines.push(line) });
    // Started, not finished: the caller (the server) goes on to listen.
    expect(missingRoles(old.$client)).toBeGreaterThan(0);
    const result = await job.done;
    expect(result?.roles).toBeGreaterThan(0);
    expect(missingRoles(old.$client)).toBe(0);
    expect(old.$client.prepare("select count(*) from companies where description_html is null").pluck().get()).toBe(0);
    const sample = old.$client.prepare("select description, description_html as html, description_text as text from roles order by id desc limit 1").get() as { description: string; html: string; text: string };
    expect(sample).toEqual({ description: sample.description, html: renderDescription(sample.description).html, text: renderDescription(sample.description).text });
    expect(old.$client.pragma("user_version", { simple: true })).toBe(DESCRIPTIONS_RENDERED_VERSION);
    expect(lines.at(-1)).toMatch(/background rendering done/);
    expect(await startDescriptionBackfill(old, { log: () => {} }).done).toBeNull();
    old.$client.close();
  }, 120_000);

  it("waits while requests are being answered, and goes on when they are done", async () => {
    const old = oldDatabase();
    const before = missingRoles(old.$client);
    let busy = true;
    let asked = 0;
    const job = startDescriptionBackfill(old, {
      log: () => {},
      busyEveryMs: Number.POSITIVE_INFINITY,
      busy: () => {
        asked++;
        return busy;
      },
    });
    // The first slice, then nothing more while busy, however often it asks.
    await vi.waitFor(() => expect(asked).toBeGreaterThan(20), { timeout: 30_000 });
    const afterFirstSlice = missingRoles(old.$client);
    expect(afterFirstSlice).toBeLessThan(before);
    await vi.waitFor(() => expect(asked).toBeGreaterThan(40), { timeout: 30_000 });
    expect(missingRoles(old.$client)).toBe(afterFirstSlice);
    busy = false;
    await job.done;
    expect(missingRoles(old.$client)).toBe(0);
    old.$client.close();
  }, 120_000);
});
