/**
 * Two processes write to the same database file at the same time through the app's own data
 * layer (tests/stress/writer.ts), each 10,000 changes: role drafts, tracked links, shortlist
 * entries (all three read before they write) and visit and apply counts on one link both bump.
 * Zero errors (no SQLITE_BUSY reaches a caller), every row and every count is there
 * afterwards, and the file is intact.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { employerWithCompany, signedInUser } from "../support/accounts";
import { scaled, STRESS } from "../support/scale";
import { ROOT } from "../support/server-process";
import { writeStressResult } from "../support/stress-results";
import { listedRoleSlugs } from "./forms";
import type { WriterPlan, WriterResult } from "./writer";
import { closeDb, db } from "~/models/db.server";
import { createLink, createShortlist } from "~/models/recruiter.server";
import { getRoleDetail } from "~/models/role.server";

/** Changes per writer: the 10,000 in both runs (the quick run stays well under 40 s). */
const CHANGES = scaled(10_000, 10_000);
const WRITERS = 2;
const DATABASE = process.env.DATABASE_URL!;

let tmp: string;
const children = new Set<ChildProcess>();
const plans: WriterPlan[] = [];

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tokenboard-concurrency-"));
  const slugs = listedRoleSlugs(300);
  expect(slugs.length).toBeGreaterThanOrEqual(100);
  const sharedRole = getRoleDetail(db(), slugs[0]!, Date.now());
  expect(sharedRole).not.toBeNull();
  const counter = await signedInUser("concurrency-counter");
  const sharedLink = createLink(counter.id, { kind: "role", slug: slugs[0]! }, "counted by both writers");
  // Each shortlist holds a role once: enough lists for this writer's share of entries.
  const entriesPerWriter = Math.ceil(CHANGES / 5);
  for (const name of ["A", "B"].slice(0, WRITERS)) {
    const employer = await employerWithCompany(`concurrency-${name.toLowerCase()}`);
    const recruiter = await signedInUser(`concurrency-rec-${name.toLowerCase()}`);
    const shortlists = Array.from({ length: Math.ceil(entriesPerWriter / slugs.length) }, (_, i) => createShortlist(recruiter.id, `${name} ${i}`, "").publicId);
    plans.push({
      name,
      changes: CHANGES,
      employerId: employer.id,
      companySlug: employer.companySlug,
      recruiterId: recruiter.id,
      shortlists,
      roleSlugs: slugs,
      sharedLink: { id: sharedLink.id, code: sharedLink.code, roleId: sharedRole!.id },
    });
  }
  // The writers are the only ones writing; this process reads the file again at the end.
  closeDb();
}, 120_000);

afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

interface Writer {
  ready: Promise<void>;
  go(): void;
  done: Promise<WriterResult>;
}

function startWriter(plan: WriterPlan): Writer {
  const resultFile = path.join(tmp, `writer-${plan.name}.json`);
  // One node process with tsx as a loader (not the tsx CLI, which would add a parent process).
  const child = spawn(process.execPath, ["--import", "tsx", "tests/stress/writer.ts"], {
    cwd: ROOT,
    stdio: ["pipe", "pipe", "pipe"],
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "test", DATABASE_URL: DATABASE, WRITER_PLAN: JSON.stringify(plan), WRITER_RESULT: resultFile },
  });
  children.add(child);
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on("line", (line) => line === "ready" && resolve());
    void exited.then((code) => reject(new Error(`writer ${plan.name} exited (${code}) before it was ready:\n${stderr}`)));
  });
  const done = exited.then((code) => {
    children.delete(child);
    if (code !== 0) throw new Error(`writer ${plan.name} exited with ${code}:\n${stderr}`);
    return JSON.parse(fs.readFileSync(resultFile, "utf8")) as WriterResult;
  });
  return { ready, go: () => child.stdin!.end("go\n"), done };
}

describe("two processes writing through the data layer at once", () => {
  it(
    `make ${WRITERS} × ${CHANGES.toLocaleString("en-US")} changes with zero errors and lose none`,
    async () => {
      const writers = plans.map(startWriter);
      await Promise.all(writers.map((w) => w.ready));
      const started = performance.now();
      for (const writer of writers) writer.go();
      const results = await Promise.all(writers.map((w) => w.done));
      const seconds = Math.round((performance.now() - started) / 100) / 10;

      // Each writer's errors, listed, so a failure says what they were (SQLITE_BUSY or other).
      for (const result of results) expect(result.errors, `writer ${result.name} errors`).toEqual([]);
      expect(results.map((r) => r.errorCount)).toEqual(results.map(() => 0));
      // They did run at the same time: each started before the other finished.
      const overlapMs = Math.min(...results.map((r) => r.finishedAt)) - Math.max(...results.map((r) => r.startedAt));
      expect(overlapMs).toBeGreaterThan(0);

      const sqlite = new Database(DATABASE);
      let verified = 0;
      try {
        sqlite.pragma("busy_timeout = 5000");
        expect(sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
        expect(sqlite.pragma("foreign_key_check")).toEqual([]);
        const role = sqlite.prepare("SELECT r.title, c.role_id AS pkg FROM roles r LEFT JOIN compensation c ON c.role_id = r.id WHERE r.id = ?");
        const link = sqlite.prepare("SELECT recruiter_id FROM tracked_links WHERE id = ?").pluck();
        const entry = sqlite
          .prepare(
            "SELECT count(*) FROM shortlist_items i JOIN shortlists s ON s.id = i.shortlist_id JOIN roles r ON r.id = i.role_id WHERE s.public_id = ? AND r.slug = ?",
          )
          .pluck();
        for (const [index, result] of results.entries()) {
          const plan = plans[index]!;
          expect(result.roleIds.length + result.linkIds.length + result.shortlistEntries.length + result.visitsCounted + result.appliesCounted).toBe(CHANGES);
          for (const id of result.roleIds) {
            const row = role.get(id) as { title: string; pkg: number | null } | undefined;
            expect(row?.title, `role ${id}`).toMatch(new RegExp(`^Concurrent ${plan.name} \\d+$`));
            expect(row?.pkg, `package of role ${id}`).toBe(id);
          }
          for (const id of result.linkIds) expect(link.get(id), `link ${id}`).toBe(plan.recruiterId);
          for (const [list, slug] of result.shortlistEntries) expect(entry.get(list, slug), `entry ${slug} on ${list}`).toBe(1);
          verified += result.roleIds.length + result.linkIds.length + result.shortlistEntries.length;
        }
        // The counts on the shared link are exactly the sum of both writers' bumps.
        const totals = sqlite
          .prepare("SELECT sum(visits) AS visits, sum(apply_clicks) AS applies FROM tracked_link_daily_stats WHERE link_id = ?")
          .get(plans[0]!.sharedLink.id) as { visits: number; applies: number };
        const visits = results.reduce((sum, r) => sum + r.visitsCounted, 0);
        const applies = results.reduce((sum, r) => sum + r.appliesCounted, 0);
        expect(totals).toEqual({ visits, applies });
        verified += totals.visits + totals.applies;
      } finally {
        sqlite.close();
      }
      expect(verified).toBe(WRITERS * CHANGES);

      const figures = {
        writers: WRITERS,
        changesPerWriter: CHANGES,
        changesVerified: verified,
        errors: 0,
        rows: {
          roleDrafts: results.reduce((sum, r) => sum + r.roleIds.length, 0),
          trackedLinks: results.reduce((sum, r) => sum + r.linkIds.length, 0),
          shortlistEntries: results.reduce((sum, r) => sum + r.shortlistEntries.length, 0),
        },
        counterBumps: { visits: results.reduce((s, r) => s + r.visitsCounted, 0), applies: results.reduce((s, r) => s + r.appliesCounted, 0) },
        seconds,
        changesPerSecond: Math.round((WRITERS * CHANGES) / seconds),
        perWriterSeconds: results.map((r) => Math.round((r.finishedAt - r.startedAt) / 100) / 10),
        // Lock waits included: how far the slowest change stayed from busy_timeout (db/client.ts: BUSY_TIMEOUT_MS).
        changeMs: results.map((r) => r.changeMs),
        overlapSeconds: Math.round(overlapMs / 100) / 10,
        integrityCheck: "ok",
      };
      writeStressResult("concurrency", figures);
      console.log(
        `concurrency${STRESS ? " (stress)" : ""}: ${WRITERS} processes × ${CHANGES} changes through the data layer in ${seconds} s ` +
          `(${figures.changesPerSecond}/s, overlapping ${figures.overlapSeconds} s, slowest change ${Math.max(...results.map((r) => r.changeMs.max))} ms): ` +
          `${verified} verified, errors: 0, integrity ok`,
      );
    },
    scaled(180_000, 600_000),
  );
});
