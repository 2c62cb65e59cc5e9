/**
 * The change log and the feed that keeps the search index current (migration 0005,
 * app/models/search-feed.server.ts):
 * - the triggers log what can move a listed role, and nothing for drafts;
 * - a change is in this process's search at once, and another process's change is in its
 *   search at once and applied by the background feed alone within a second;
 * - a process that fell behind the pruned log rebuilds; the log prunes rows older than a day;
 * - the start-up build in worker threads gives the same index as the one in this thread.
 */
import { spawn, type ChildProcess } from "node:child_process";
import readline from "node:readline";
import { afterAll, describe, expect, it } from "vitest";
import { employerWithCompany } from "../support/accounts";
import { publishableRole } from "../support/publishable-role";
import { ROOT } from "../support/server-process";
import { openDatabase } from "../../db/client";
import { parseSearchParams, SORTS } from "~/lib/search-params";
import { db } from "~/models/db.server";
import { createRole, updateRole } from "~/models/employer.server";
import { peekSearchIndex, searchIndexBuilds, startSearchFeed, stopSearchFeed } from "~/models/search-feed.server";
import { countListedRoles, searchAggregates, searchRoles } from "~/models/search.server";

const form = publishableRole;
const everything = { workplace: [], level: [], tool: [] };
const logTail = () => (db().$client.prepare("SELECT coalesce(max(seq), 0) FROM role_changes").pluck().get() as number);
const loggedSince = (seq: number) =>
  (db().$client.prepare("SELECT role_id FROM role_changes WHERE seq > ? ORDER BY seq").pluck().all(seq) as number[]);
const slugsFor = (q: string) => searchRoles(db(), { ...everything, q, sort: "newest", limit: 100 }, Date.now()).roles.map((r) => r.slug);

describe("the change log", () => {
  it("logs changes that can move a listed role, and none for drafts", async () => {
    const employer = await employerWithCompany("changelog");
    let seq = logTail();
    const draft = createRole(employer.id, employer.companySlug, form("Quiet Draft Engineer", "draft"), false);
    updateRole(employer.id, draft.id, form("Quieter Draft Engineer", "draft"), "draft");
    expect(loggedSince(seq)).toEqual([]);

    seq = logTail();
    const role = createRole(employer.id, employer.companySlug, form("Loud Published Engineer"), true);
    expect(new Set(loggedSince(seq))).toEqual(new Set([role.id]));

    seq = logTail();
    db().$client.prepare("UPDATE companies SET name = 'Renamed Changelog Co' WHERE slug = ?").run(employer.companySlug);
    expect(loggedSince(seq)).toEqual([role.id]);
    // The company's name is a keyword of its roles, at once.
    expect(slugsFor("renamed changelog")).toEqual([role.slug]);

    seq = logTail();
    db().$client.prepare("UPDATE roles SET description_html = '<p>x</p>' WHERE id = ?").run(role.id);
    expect(loggedSince(seq)).toEqual([]);
  });

  it("prunes rows older than a day, keeping the newest", () => {
    const client = db().$client;
    const dayAgo = Date.now() - 86_400_000 - 60_000;
    const first = logTail() + 1;
    const insert = client.prepare("INSERT INTO role_changes (role_id, changed_at) VALUES (?, ?)");
    // Old rows up to just below the next multiple of 1,024, then fresh ones past it.
    const next = Math.ceil((first + 10) / 1024) * 1024;
    for (let seq = first; seq < next; seq++) insert.run(1, dayAgo);
    const oldCount = client.prepare("SELECT count(*) FROM role_changes WHERE changed_at <= ?").pluck().get(dayAgo) as number;
    expect(oldCount).toBeGreaterThan(0);
    insert.run(1, Date.now());
    expect(client.prepare("SELECT count(*) FROM role_changes WHERE changed_at <= ?").pluck().get(dayAgo)).toBe(0);
    expect(logTail()).toBe(next);
  });

  it("a process that fell behind the pruned log rebuilds, and answers right", async () => {
    const employer = await employerWithCompany("behind");
    expect(countListedRoles(db(), Date.now())).toBeGreaterThan(0);
    const builds = searchIndexBuilds(db());
    const role = createRole(employer.id, employer.companySlug, form("Catchup Quokka Engineer"), true);
    // As if a day passed and the rows this process had not read were pruned.
    db().$client.prepare("DELETE FROM role_changes WHERE seq < (SELECT max(seq) FROM role_changes)").run();
    expect(slugsFor("quokka")).toEqual([role.slug]);
    expect(searchIndexBuilds(db())).toBe(builds + 1);
  });
});

describe("the start-up build in worker threads", () => {
  it("gives the same index as the build in this thread", async () => {
    const other = openDatabase(db().$client.name);
    try {
      const report = await startSearchFeed(other, { workers: 2 });
      expect(report.workers).toBe(2);
      stopSearchFeed(other);
      const now = Date.now();
      for (const query of ["", "q=engineer", "q=claud&workplace=remote", "minTokenBudget=20000&level=senior", "tool=cursor&minSalary=150000"]) {
        const params = parseSearchParams(new URLSearchParams(query)).params;
        expect(searchAggregates(other, params, now), query).toEqual(searchAggregates(db(), params, now));
        for (const sort of SORTS) {
          expect(searchRoles(other, { ...params, sort, limit: 30 }, now), `${query} ${sort}`).toEqual(searchRoles(db(), { ...params, sort, limit: 30 }, now));
        }
      }
    } finally {
      other.$client.close();
    }
  });
});

describe("two processes", () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill("SIGKILL");
    stopSearchFeed(db());
  });

  it("a change committed by another process is in this one's search at once, and applied by the feed alone within a second", async () => {
    const employer = await employerWithCompany("twoproc");
    await startSearchFeed(db());
    child = spawn(process.execPath, ["--import", "tsx", "tests/support/search-writer.ts"], {
      cwd: ROOT,
      stdio: ["pipe", "pipe", "pipe"],
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "test", DATABASE_URL: db().$client.name, WRITER_USER: JSON.stringify({ id: employer.id, companySlug: employer.companySlug }) },
    });
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const replies = readline.createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    const reply = async () => {
      const next = await replies.next();
      if (next.done) throw new Error(`the writer exited:\n${stderr}`);
      return JSON.parse(next.value) as { ready?: boolean; ok?: boolean; id?: number; error?: string };
    };
    const send = async (command: object) => {
      child!.stdin!.write(`${JSON.stringify(command)}\n`);
      const answer = await reply();
      expect(answer.error ?? null).toBeNull();
      return answer;
    };
    expect((await reply()).ready).toBe(true);

    /** Waits (without searching, so without catching up) until the feed has applied the change. */
    const appliedWithin = async (check: () => boolean) => {
      const started = performance.now();
      while (!check()) {
        if (performance.now() - started > 5_000) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return performance.now() - started;
    };
    const listed = (id: number) => peekSearchIndex(db())!.isListedAt(id, Date.now());

    // Published by the other process.
    const { id } = await send({ op: "publish", title: "Narwhal Wrangler" });
    expect(await appliedWithin(() => listed(id!))).toBeLessThan(1_000);
    // A search reads the log first: the role is there whatever the timer did.
    expect(slugsFor("narwhal")).toHaveLength(1);

    // Edited: the new title is found, the old one no longer.
    await send({ op: "rename", id, title: "Axolotl Wrangler" });
    expect(slugsFor("axolotl")).toHaveLength(1);
    expect(slugsFor("narwhal")).toEqual([]);

    // Closed.
    await send({ op: "close", id });
    expect(await appliedWithin(() => !listed(id!))).toBeLessThan(1_000);
    expect(slugsFor("axolotl")).toEqual([]);
    child.stdin!.end();
  });
});
