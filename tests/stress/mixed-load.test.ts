/**
 * Mixed load: the production server answers autocannon's reads of /roles (plain, filtered,
 * sorted, and keyword and filter variants that change with every request, so most miss the
 * page cache) for a fixed time while signed-in employers post role drafts, edit and publish
 * them, and recruiters create tracked links, all through the real forms. No 5xx, no
 * unexpected status, no socket error, and every acknowledged post is in the database after.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon, { type Result } from "autocannon";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { employerWithCompany, signedInUser } from "../support/accounts";
import { scaled, STRESS } from "../support/scale";
import { ensureBuild, sleep, startServer, type ServerProcess } from "../support/server-process";
import { percentileMs, writeStressResult } from "../support/stress-results";
import { linkCodeFromLocation, listedRoleSlugs, pick, postForm, roleForm, roleIdFromLocation } from "./forms";
import { closeDb } from "~/models/db.server";

// The parts of autocannon's API used here beyond tests/bench/autocannon.d.ts.
declare module "autocannon" {
  interface RequestTemplate {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
  }
  interface Options {
    requests?: (RequestTemplate & { setupRequest?: (request: RequestTemplate) => RequestTemplate })[];
  }
  interface Result {
    statusCodeStats: Record<string, { count: number }>;
    mismatches: number;
  }
}

// Accounts are made through the data layer in production mode with the server's secret, so
// their cookies are the `__Host-` ones the server reads (configuration is read on first use).
const SESSION_SECRET = crypto.randomBytes(32).toString("hex");
process.env.NODE_ENV = "production";
process.env.SESSION_SECRET = SESSION_SECRET;
process.env.PUBLIC_URL = "http://127.0.0.1";

const SECONDS = scaled(5, 30);
const READ_CONNECTIONS = 10;
const EMPLOYERS = 4;
const RECRUITERS = 2;
/**
 * Each account pauses this long between its posts (about 20 posts a second in all), as
 * people using forms do. Unpaced, the posts alone saturate the one Node process (80+ a second
 * here) and the streamed /roles renders, which take many event-loop turns each, get almost no
 * turns until the posts pause: seconds per page. That is capacity, not correctness; this test
 * measures reads alongside a heavy but plausible write load.
 */
const POST_PAUSE_MS = 200;
const DATABASE = process.env.DATABASE_URL!;

const KEYWORDS = ["rust", "agents", "claude", "python", "platform", "ml", "data", "frontend", "infra", "security", "go", "research"];
const BUDGETS = ["0", "5k", "20k", "50000", "100k", "1.5m"];
const LEVELS = ["junior", "mid", "senior", "staff", "principal"];
const SORTS = ["newest", "tokens_desc", "tokens_asc", "salary_desc", "total_desc", "share_desc"];

let tmp: string;
let server: ServerProcess | undefined;
const employers: { cookie: string; companySlug: string }[] = [];
const recruiters: { cookie: string }[] = [];
let slugs: string[] = [];

beforeAll(async () => {
  ensureBuild();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tokenboard-mixed-"));
  for (let i = 0; i < EMPLOYERS; i++) employers.push(await employerWithCompany(`mixed-emp-${i}`));
  for (let i = 0; i < RECRUITERS; i++) recruiters.push(await signedInUser(`mixed-rec-${i}`));
  expect(employers[0]!.cookie).toMatch(/^__Host-tokenboard_session=/);
  slugs = listedRoleSlugs(200);
  expect(slugs.length).toBeGreaterThan(10);
  closeDb();
  server = await startServer({ databaseFile: DATABASE, logFile: path.join(tmp, "server.log"), sessionSecret: SESSION_SECRET, env: { RATE_LIMITS: "off" } });
}, 600_000);

afterAll(async () => {
  await server?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

function reads(origin: string): Promise<Result> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: origin,
        connections: READ_CONNECTIONS,
        duration: SECONDS,
        timeout: 10,
        headers: { "accept-encoding": "gzip, deflate, br" },
        requests: [
          { method: "GET", path: "/roles" },
          { method: "GET", path: "/roles?minTokenBudget=50000&workplace=remote&sort=tokens_desc" },
          // A new query almost every time: the page cache cannot answer these.
          { method: "GET", setupRequest: (r) => ({ ...r, path: `/roles?q=${pick(KEYWORDS)}&minTokenBudget=${pick(BUDGETS)}` }) },
          { method: "GET", setupRequest: (r) => ({ ...r, path: `/roles?level=${pick(LEVELS)}&sort=${pick(SORTS)}&workplace=${pick(["remote", "hybrid", "onsite"])}` }) },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

interface Posts {
  latencies: number[];
  unexpected: string[];
  errors: string[];
  /** Role id → the title and status its last acknowledged post gave it. */
  roles: Map<number, { title: string; status: "draft" | "published" }>;
  links: Map<string, string>;
}

/** Form posts from every account, one at a time each, until the deadline. */
async function posts(origin: string, deadline: number): Promise<Posts> {
  const result: Posts = { latencies: [], unexpected: [], errors: [], roles: new Map(), links: new Map() };
  const send = async (label: string, url: string, form: Record<string, string | string[]>, cookie: string) => {
    try {
      const answer = await postForm(url, form, cookie);
      result.latencies.push(answer.ms);
      if (answer.status !== 302) result.unexpected.push(`${label}: ${answer.status}`);
      return answer.location;
    } catch (error) {
      result.errors.push(`${label}: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    } finally {
      await sleep(POST_PAUSE_MS);
    }
  };
  const employer = async (account: (typeof employers)[number], index: number) => {
    for (let n = 0; Date.now() < deadline; n++) {
      // A draft, then an edit of it, and every third one published: each changes what the
      // listing or the employer's pages show.
      const title = `Mixed e${index} n${n}`;
      const id = roleIdFromLocation(await send("new draft", `${origin}/employer/roles/new?company=${account.companySlug}`, roleForm(title, "draft"), account.cookie));
      if (id === null) continue;
      result.roles.set(id, { title, status: "draft" });
      if (Date.now() >= deadline) break;
      const publish = n % 3 === 2;
      const edited = `${title} edited`;
      const location = await send("edit", `${origin}/employer/roles/${id}`, roleForm(edited, publish ? "publish" : "draft"), account.cookie);
      if (location === `/employer/roles/${id}?saved=${publish ? "published" : "draft"}`) {
        result.roles.set(id, { title: edited, status: publish ? "published" : "draft" });
      } else if (location !== null) result.unexpected.push(`edit answered ${location}`);
    }
  };
  const recruiter = async (account: (typeof recruiters)[number], index: number) => {
    for (let n = 0; Date.now() < deadline; n++) {
      const label = `Mixed r${index} n${n}`;
      const code = linkCodeFromLocation(await send("new link", `${origin}/recruiter`, { intent: "create-link", role: `/roles/${pick(slugs)}`, label }, account.cookie));
      if (code !== null) result.links.set(code, label);
    }
  };
  await Promise.all([...employers.map(employer), ...recruiters.map(recruiter)]);
  return result;
}

describe("reads of /roles under concurrent form posts", () => {
  it(
    `answer without a 5xx for ${SECONDS} s, and every acknowledged post is stored`,
    async () => {
      const origin = server!.origin;
      // One request first, so the first timed ones do not include the server's warm-up.
      expect((await fetch(`${origin}/roles`)).status).toBe(200);
      const started = Date.now();
      const [read, written] = await Promise.all([reads(origin), posts(origin, started + SECONDS * 1000)]);
      const postSeconds = (Date.now() - started) / 1000;

      const statuses = Object.fromEntries(Object.entries(read.statusCodeStats).map(([code, { count }]) => [code, count]));
      expect(read["5xx"]).toBe(0);
      expect(statuses, "read statuses").toEqual({ 200: read.latency.totalCount });
      expect(read.errors).toBe(0);
      expect(read.timeouts).toBe(0);
      // The reads did go on (a server that stalled them would fail here, not pass quietly); a
      // low bar, since the machine may be shared with other work.
      expect(read.latency.totalCount).toBeGreaterThanOrEqual(SECONDS);
      expect(written.errors, "posts without an answer").toEqual([]);
      expect(written.unexpected, "posts answered other than with the redirect").toEqual([]);
      const postCount = written.latencies.length;
      expect(written.roles.size).toBeGreaterThan(0);
      expect(written.links.size).toBeGreaterThan(0);

      const sqlite = new Database(DATABASE);
      let stored = 0;
      try {
        sqlite.pragma("busy_timeout = 5000");
        expect(sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
        expect(sqlite.pragma("foreign_key_check")).toEqual([]);
        const role = sqlite.prepare("SELECT title, status FROM roles WHERE id = ?");
        for (const [id, expected] of written.roles) {
          expect(role.get(id), `role ${id}`).toEqual(expected);
          stored++;
        }
        const link = sqlite.prepare("SELECT label FROM tracked_links WHERE code = ?").pluck();
        for (const [code, label] of written.links) {
          expect(link.get(code), `link ${code}`).toBe(label);
          stored++;
        }
      } finally {
        sqlite.close();
      }

      const published = [...written.roles.values()].filter((r) => r.status === "published").length;
      const figures = {
        seconds: SECONDS,
        reads: {
          connections: READ_CONNECTIONS,
          requests: read.latency.totalCount,
          requestsPerSecond: Math.round(read.requests.average),
          latencyP50Ms: read.latency.p50,
          latencyP99Ms: read.latency.p99,
          latencyMaxMs: read.latency.max,
          statuses,
          errors: read.errors,
          timeouts: read.timeouts,
        },
        posts: {
          accounts: { employers: EMPLOYERS, recruiters: RECRUITERS },
          pauseBetweenPostsMs: POST_PAUSE_MS,
          count: postCount,
          perSecond: Math.round((postCount / postSeconds) * 10) / 10,
          latencyP50Ms: percentileMs(written.latencies, 50),
          latencyP99Ms: percentileMs(written.latencies, 99),
          latencyMaxMs: percentileMs(written.latencies, 100),
          rolesAcknowledged: written.roles.size,
          rolesPublished: published,
          linksAcknowledged: written.links.size,
          unexpectedStatuses: 0,
        },
        acknowledgedStored: stored,
        lost: 0,
        serverErrors: 0,
      };
      writeStressResult("mixed-load", figures);
      console.log(
        `mixed-load${STRESS ? " (stress)" : ""} ${SECONDS} s: reads ${figures.reads.requests} (${figures.reads.requestsPerSecond} req/s, ` +
          `p50 ${figures.reads.latencyP50Ms} ms, p99 ${figures.reads.latencyP99Ms} ms); posts ${postCount} ` +
          `(${figures.posts.perSecond}/s, p99 ${figures.posts.latencyP99Ms} ms; ${written.roles.size} roles, ${published} published, ` +
          `${written.links.size} links); 5xx: 0, socket errors: 0, lost: 0`,
      );
    },
    scaled(120_000, 300_000),
  );
});
