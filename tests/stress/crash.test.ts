/**
 * Crash durability: the production server takes concurrent form posts (employers saving role
 * drafts, recruiters creating tracked links); its whole process group is killed with SIGKILL
 * mid-load, as an OOM kill or a crash would; it is restarted on the same database file. Then
 * the file is intact (`integrity_check`, `foreign_key_check`), and every write the server
 * acknowledged to a client (a redirect naming the new row) is there, whole. Writes in flight
 * at the kill may or may not be, but never half (a role always has its package).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { employerWithCompany, signedInUser } from "../support/accounts";
import { scaled, STRESS } from "../support/scale";
import { ensureBuild, sleep, startServer, type ServerProcess } from "../support/server-process";
import { writeStressResult } from "../support/stress-results";
import { linkCodeFromLocation, listedRoleSlugs, pick, postForm, roleForm, roleIdFromLocation } from "./forms";
import { closeDb } from "~/models/db.server";

// The accounts are made here through the data layer, with the server's secret and in
// production mode, so their cookies are the `__Host-` ones the production server reads.
// Configuration is read on first use, which is after these lines.
const SESSION_SECRET = crypto.randomBytes(32).toString("hex");
process.env.NODE_ENV = "production";
process.env.SESSION_SECRET = SESSION_SECRET;
process.env.PUBLIC_URL = "http://127.0.0.1";

const ROUNDS = scaled(1, 5);
/** Concurrent clients posting, each one request at a time. */
const CLIENTS = 6;
const DATABASE = process.env.DATABASE_URL!;

type Account = { cookie: string; kind: "employer"; companySlug: string } | { cookie: string; kind: "recruiter" };

interface Acknowledged {
  round: number;
  kind: "role" | "link";
  /** Role id or link code, from the redirect. */
  key: string;
  /** The title or label posted, to tell that the row named is the one posted. */
  text: string;
  /** Who posted it. */
  cookie: string;
}

let tmp: string;
let server: ServerProcess | undefined;
const accounts: Account[] = [];
let slugs: string[] = [];

beforeAll(async () => {
  ensureBuild();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tokenboard-crash-"));
  for (const name of ["crash-emp-a", "crash-emp-b", "crash-emp-c"]) {
    const employer = await employerWithCompany(name);
    accounts.push({ cookie: employer.cookie, kind: "employer", companySlug: employer.companySlug });
  }
  for (const name of ["crash-rec-a", "crash-rec-b", "crash-rec-c"]) {
    accounts.push({ cookie: (await signedInUser(name)).cookie, kind: "recruiter" });
  }
  expect(accounts[0]!.cookie).toMatch(/^__Host-tokenboard_session=/);
  slugs = listedRoleSlugs(100);
  expect(slugs.length).toBeGreaterThan(10);
  // No connection of this process may be open across the crash: the restarted server must
  // recover the write-ahead log on its own, as it would after a real one.
  closeDb();
}, 600_000);

afterAll(async () => {
  await server?.kill();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

interface RoundLoad {
  acknowledged: Acknowledged[];
  attempted: number;
  /** Answers other than the expected redirect while the server was up: must stay zero. */
  unexpected: string[];
  /** Requests that got no answer: in flight at the kill. */
  unanswered: number;
}

/** Posts from CLIENTS clients until `killed()`; every acknowledged write is recorded. */
async function load(origin: string, round: number, killed: () => boolean, serverLog: () => string): Promise<RoundLoad> {
  const result: RoundLoad = { acknowledged: [], attempted: 0, unexpected: [], unanswered: 0 };
  const client = async (index: number) => {
    const account = accounts[index % accounts.length]!;
    for (let n = 0; !killed(); n++) {
      const text = `Crash r${round} c${index} n${n} ${crypto.randomBytes(3).toString("hex")}`;
      result.attempted++;
      try {
        if (account.kind === "employer") {
          const answer = await postForm(`${origin}/employer/roles/new?company=${account.companySlug}`, roleForm(text, "draft"), account.cookie);
          const id = roleIdFromLocation(answer.location);
          if (answer.status === 302 && id !== null) result.acknowledged.push({ round, kind: "role", key: String(id), text, cookie: account.cookie });
          else result.unexpected.push(`POST /employer/roles/new: ${answer.status} ${answer.location ?? ""}`);
        } else {
          const form = { intent: "create-link", role: `/roles/${pick(slugs)}`, label: text.slice(0, 80) };
          const answer = await postForm(`${origin}/recruiter`, form, account.cookie);
          const code = linkCodeFromLocation(answer.location);
          if (answer.status === 302 && code !== null) result.acknowledged.push({ round, kind: "link", key: code, text: form.label, cookie: account.cookie });
          else result.unexpected.push(`POST /recruiter: ${answer.status} ${answer.location ?? ""}`);
        }
      } catch {
        // No answer: the request was cut off by the kill. Such a write may or may not have
        // committed; either is correct. Before the kill there is no excuse for it.
        result.unanswered++;
        if (!killed()) result.unexpected.push(`no answer before the kill (server log:\n${serverLog()})`);
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));
  return result;
}

interface Check {
  integrity: string;
  foreignKeyProblems: number;
  missing: string[];
  rolesWithoutPackage: number;
}

/** Reads the file with a connection of its own (the restarted server has it open too). */
function checkDatabase(acknowledged: readonly Acknowledged[]): Check {
  const sqlite = new Database(DATABASE);
  try {
    sqlite.pragma("busy_timeout = 5000");
    const integrity = (sqlite.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check).join("; ");
    const foreignKeyProblems = (sqlite.pragma("foreign_key_check") as unknown[]).length;
    const roleTitle = sqlite.prepare("SELECT title FROM roles WHERE id = ?").pluck();
    const linkLabel = sqlite.prepare("SELECT label FROM tracked_links WHERE code = ?").pluck();
    const missing: string[] = [];
    for (const write of acknowledged) {
      const stored = write.kind === "role" ? roleTitle.get(Number(write.key)) : linkLabel.get(write.key);
      if (stored !== write.text) missing.push(`${write.kind} ${write.key} (${write.text}): found ${JSON.stringify(stored ?? null)}`);
    }
    // A role and its package are written in one transaction: a crash may lose both, never one.
    const rolesWithoutPackage = sqlite
      .prepare("SELECT count(*) FROM roles WHERE title LIKE 'Crash r%' AND id NOT IN (SELECT role_id FROM compensation)")
      .pluck()
      .get() as number;
    return { integrity, foreignKeyProblems, missing, rolesWithoutPackage };
  } finally {
    sqlite.close();
  }
}

describe("a server killed with SIGKILL mid-load", () => {
  it(
    `loses no acknowledged write (${ROUNDS} round${ROUNDS === 1 ? "" : "s"})`,
    async () => {
      const started = performance.now();
      const start = (round: number) =>
        startServer({
          databaseFile: DATABASE,
          logFile: path.join(tmp, `server-${round}.log`),
          sessionSecret: SESSION_SECRET,
          env: { RATE_LIMITS: "off" },
        });
      const rounds: { round: number; loadMs: number; attempted: number; acknowledged: number; unanswered: number; restartMs: number }[] = [];
      const everyAcknowledged: Acknowledged[] = [];
      server = await start(0);
      for (let round = 1; round <= ROUNDS; round++) {
        let killed = false;
        const loadMs = Math.round(500 + Math.random() * 1_500);
        const current = server;
        const running = load(current.origin, round, () => killed, () => current.logTail());
        await sleep(loadMs);
        // Mid-load: the clients are still posting; nothing tells the server it is coming. The
        // clients stop sending from here on, so what fails now was in flight at the kill.
        killed = true;
        await server.kill();
        const result = await running;
        expect(result.unexpected, `answers other than the redirect, round ${round}`).toEqual([]);
        // A round that acknowledged nothing would prove nothing.
        expect(result.acknowledged.length, `writes acknowledged in round ${round}`).toBeGreaterThan(0);
        everyAcknowledged.push(...result.acknowledged);

        const restartStarted = performance.now();
        server = await start(round);
        const restartMs = Math.round(performance.now() - restartStarted);
        const check = checkDatabase(everyAcknowledged);
        expect(check.integrity).toBe("ok");
        expect(check.foreignKeyProblems).toBe(0);
        expect(check.missing, `acknowledged writes missing after round ${round}`).toEqual([]);
        expect(check.rolesWithoutPackage).toBe(0);

        // The restarted server serves what was acknowledged just before the crash, to its owner.
        const lastRole = result.acknowledged.filter((w) => w.kind === "role").at(-1);
        if (lastRole) {
          const page = await fetch(`${server.origin}/employer/roles/${lastRole.key}`, { headers: { Cookie: lastRole.cookie } });
          expect(page.status).toBe(200);
          expect(await page.text()).toContain(lastRole.text);
        }
        rounds.push({
          round,
          loadMs,
          attempted: result.attempted,
          acknowledged: result.acknowledged.length,
          unanswered: result.unanswered,
          restartMs,
        });
      }
      await server.stop();
      server = undefined;

      const acknowledged = everyAcknowledged.length;
      const seconds = Math.round((performance.now() - started) / 100) / 10;
      const figures = {
        rounds: ROUNDS,
        clients: CLIENTS,
        writesAttempted: rounds.reduce((sum, r) => sum + r.attempted, 0),
        writesAcknowledged: acknowledged,
        rolesAcknowledged: everyAcknowledged.filter((w) => w.kind === "role").length,
        linksAcknowledged: everyAcknowledged.filter((w) => w.kind === "link").length,
        unansweredAtKill: rounds.reduce((sum, r) => sum + r.unanswered, 0),
        lost: 0,
        integrityCheck: "ok",
        foreignKeyProblems: 0,
        seconds,
        perRound: rounds,
      };
      writeStressResult("crash", figures);
      console.log(
        `crash${STRESS ? " (stress)" : ""}: ${ROUNDS} round(s) of SIGKILL mid-load, ${acknowledged} writes acknowledged ` +
          `(${figures.rolesAcknowledged} role drafts, ${figures.linksAcknowledged} links), ${figures.unansweredAtKill} cut off, ` +
          `lost: 0, integrity ok, ${seconds} s`,
      );
    },
    scaled(180_000, 600_000),
  );
});
