/**
 * The search index's snapshot as the feed uses it (app/models/search-feed.server.ts): a start
 * with a snapshot of this database loads it and catches up from the change log, answering as
 * a build does; a snapshot of another database, one the log no longer reaches back to, one
 * whose log row differs (a restored or copied database), a corrupt or truncated file, or none,
 * gives a build instead, with the reason reported.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { employerWithCompany } from "../support/accounts";
import { publishableRole } from "../support/publishable-role";
import { openDatabase, type Db } from "../../db/client";
import { parseSearchParams, SORTS } from "~/lib/search-params";
import { db } from "~/models/db.server";
import { createRole, updateRole } from "~/models/employer.server";
import { saveSearchSnapshot, startSearchFeed, stopSearchFeed } from "~/models/search-feed.server";
import { searchAggregates, searchRoles } from "~/models/search.server";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "feed-snapshot-"));
const snapshotPath = path.join(dir, "index.search-index");
const opened: Db[] = [];
afterAll(() => {
  for (const other of opened) {
    stopSearchFeed(other);
    other.$client.close();
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A new connection to the test's database: its own feed, as a restarted server would have. */
async function restart() {
  const other = openDatabase(db().$client.name);
  opened.push(other);
  const report = await startSearchFeed(other, { snapshotPath, workers: 1 });
  return { other, report };
}

const QUERIES = ["", "q=engineer", "q=claud&workplace=remote", "minTokenBudget=20000&level=senior", "tool=cursor&minSalary=150000", "q=snapshot"];

function expectSameAnswers(a: Db, b: Db) {
  const now = Date.now();
  for (const query of QUERIES) {
    const params = parseSearchParams(new URLSearchParams(query)).params;
    expect(searchAggregates(a, params, now), query).toEqual(searchAggregates(b, params, now));
    for (const sort of SORTS) expect(searchRoles(a, { ...params, sort, limit: 25 }, now), `${query} ${sort}`).toEqual(searchRoles(b, { ...params, sort, limit: 25 }, now));
  }
}

const head = () => db().$client.prepare("SELECT coalesce(max(seq), 0) FROM role_changes").pluck().get() as number;

describe("the search index snapshot at start", () => {
  it("is saved after a build, then loaded and caught up from the log, answering as a build does", async () => {
    const employer = await employerWithCompany("snapshot");
    const { other: first, report } = await restart();
    expect(report.source).toBe("build");
    expect(report.snapshotRefused).toMatch(/no snapshot file/);
    await saveSearchSnapshot(first);
    expect(fs.existsSync(snapshotPath)).toBe(true);

    // Changes after the snapshot: the next start applies them from the log.
    const role = createRole(employer.id, employer.companySlug, publishableRole("Snapshot Wombat Engineer"), true);
    updateRole(employer.id, role.id, publishableRole("Snapshot Wombat Staff Engineer"), "save");
    const { other: second, report: loaded } = await restart();
    expect(loaded.source).toBe("snapshot");
    expect(loaded.caughtUp).toBeGreaterThanOrEqual(2);
    expectSameAnswers(second, db());
    expect(searchRoles(second, { ...parseSearchParams(new URLSearchParams("q=wombat")).params, sort: "newest", limit: 5 }, Date.now()).roles.map((r) => r.slug)).toEqual([role.slug]);
  });

  it("is refused, and the index built, when it is another database's, behind the pruned log, from another history, corrupt or truncated", async () => {
    const employer = await employerWithCompany("refusal");
    const { other: source } = await restart();
    // The snapshot the cases below start from, saved at the log's current head.
    createRole(employer.id, employer.companySlug, publishableRole("Refusal Numbat Engineer"), true);
    await startSearchFeed(source, { snapshotPath });
    const saved = await saveSearchSnapshot(source);
    const seq = saved?.seq ?? head();
    const good = fs.readFileSync(snapshotPath);
    const client = db().$client;
    const cases: [string, () => void, () => void, RegExp][] = [
      [
        "another database",
        () => {
          const id = client.pragma("application_id", { simple: true }) as number;
          client.pragma(`application_id = ${id === 7 ? 8 : 7}`);
          (cases[0] as unknown as { restoreId: number }).restoreId = id;
        },
        () => client.pragma(`application_id = ${(cases[0] as unknown as { restoreId: number }).restoreId}`),
        /another database/,
      ],
      [
        "a restored database (the row at its seq differs)",
        () => client.prepare("UPDATE role_changes SET changed_at = changed_at + 1 WHERE seq = ?").run(seq),
        () => client.prepare("UPDATE role_changes SET changed_at = changed_at - 1 WHERE seq = ?").run(seq),
        /not the one it was saved at/,
      ],
      ["a corrupt file", () => fs.writeFileSync(snapshotPath, Buffer.concat([good.subarray(0, 4096), Buffer.from(good.subarray(4096, 4200)).fill(1), good.subarray(4200)])), () => fs.writeFileSync(snapshotPath, good), /checksum|unusable/],
      ["a truncated file", () => fs.writeFileSync(snapshotPath, good.subarray(0, Math.floor(good.length / 2))), () => fs.writeFileSync(snapshotPath, good), /truncated/],
      ["no file", () => fs.rmSync(snapshotPath), () => fs.writeFileSync(snapshotPath, good), /no snapshot file/],
    ];
    for (const [what, spoil, mend, reason] of cases) {
      spoil();
      const { other, report } = await restart();
      stopSearchFeed(other);
      expect(report.source, what).toBe("build");
      expect(report.snapshotRefused, what).toMatch(reason);
      expectSameAnswers(other, db());
      // The build saves a new snapshot in the background; the next case starts from the saved one.
      await saveSearchSnapshot(other);
      mend();
      fs.writeFileSync(snapshotPath, good);
    }
    // Mended, it loads again.
    const { report: again } = await restart();
    expect(again.source).toBe("snapshot");

    // The log no longer reaching back: newer changes, then the rows up to the snapshot's pruned.
    createRole(employer.id, employer.companySlug, publishableRole("Refusal Dunnart Engineer"), true);
    client.prepare("DELETE FROM role_changes WHERE seq <= ?").run(seq);
    fs.writeFileSync(snapshotPath, good);
    const { other: behind, report: pruned } = await restart();
    expect(pruned.source).toBe("build");
    expect(pruned.snapshotRefused).toMatch(/no longer reaches back/);
    expectSameAnswers(behind, db());
  });

  it("is prepared by npm run db:migrate (the release step), so the next start loads it instead of building", async () => {
    const copy = path.join(dir, "released.db");
    const releasedSnapshot = path.join(dir, "released.search-index");
    db().$client.exec(`VACUUM INTO '${copy}'`);
    const output = execFileSync(process.execPath, ["--import", "tsx", "db/migrate.ts", "--db", copy], {
      env: { ...process.env, SEARCH_SNAPSHOT: releasedSnapshot },
      encoding: "utf8",
    });
    expect(output).toMatch(/search index snapshot .*released\.search-index: [\d,]+ roles built in [\d.]+ s, saved/);
    expect(fs.existsSync(releasedSnapshot)).toBe(true);

    const started = openDatabase(copy);
    opened.push(started);
    const report = await startSearchFeed(started, { snapshotPath: releasedSnapshot, workers: 1 });
    expect(report.source).toBe("snapshot");
    expect(report.snapshotRefused).toBeUndefined();
    expect(report.roles).toBeGreaterThan(0);
    expectSameAnswers(started, db());

    // Run again, nothing changed: the snapshot is loaded and left as it is.
    const again = execFileSync(process.execPath, ["--import", "tsx", "db/migrate.ts", "--db", copy], {
      env: { ...process.env, SEARCH_SNAPSHOT: releasedSnapshot },
      encoding: "utf8",
    });
    expect(again).toMatch(/loaded and caught up 0 changes, already current/);
  });
});
