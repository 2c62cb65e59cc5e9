/**
 * One writer of the concurrency test (tests/stress/concurrency.test.ts), run as its own
 * process (`node --import tsx`): makes N changes through the app's data layer, exactly as the
 * routes call it, against the database in DATABASE_URL, while another writer does the same.
 *
 * Protocol: the plan comes in WRITER_PLAN (JSON); the writer prints "ready" once the database
 * is open, waits for "go" on stdin (so both writers start together), then writes, and at the
 * end puts what it did (ids of rows created, counts of counter bumps, errors) as JSON in
 * WRITER_RESULT. Errors are caught per change and reported, never fatal: the test wants to
 * know every one.
 */
import fs from "node:fs";
import readline from "node:readline";
import { roleFormSchema } from "~/lib/schemas/role";
import { db } from "~/models/db.server";
import { createRole } from "~/models/employer.server";
import { addToShortlist, countLinkApply, countLinkVisit, createLink } from "~/models/recruiter.server";

export interface WriterPlan {
  name: string;
  changes: number;
  employerId: number;
  companySlug: string;
  recruiterId: number;
  /** The recruiter's own shortlists, filled one after another. */
  shortlists: string[];
  /** Listed roles: link targets and shortlist entries. */
  roleSlugs: string[];
  /** A link both writers count visits and applies on at once (a contended row). */
  sharedLink: { id: number; code: string; roleId: number };
}

export interface WriterResult {
  name: string;
  startedAt: number;
  finishedAt: number;
  roleIds: number[];
  linkIds: number[];
  /** [shortlist publicId, role slug] of every entry added. */
  shortlistEntries: [string, string][];
  visitsCounted: number;
  appliesCounted: number;
  errorCount: number;
  errors: string[];
  /** How long changes took, waiting for the other writer's lock included (busy_timeout: BUSY_TIMEOUT_MS in db/client.ts). */
  changeMs: { p50: number; p99: number; max: number };
}

const KINDS = ["role", "link", "shortlist", "visit", "apply"] as const;

/** A distinct visitor per change, so every counted visit and apply click moves its counter. */
function visitor(writer: string, change: number) {
  return { network: `writer ${writer}`, userAgent: `change ${change}` };
}

const plan = JSON.parse(process.env.WRITER_PLAN ?? "null") as WriterPlan | null;
const resultFile = process.env.WRITER_RESULT;
if (!plan || !resultFile) {
  console.error("writer.ts: WRITER_PLAN and WRITER_RESULT must be set (see tests/stress/concurrency.test.ts)");
  process.exit(2);
}

const draft = roleFormSchema.parse({
  intent: "draft",
  title: "placeholder",
  level: "mid",
  workplace: "remote",
  salaryCurrency: "USD",
  salaryMin: 100_000,
  salaryMax: 130_000,
  tokenAmount: 500,
  tokenUnit: "usd",
  tokenPeriod: "month",
  tokenCap: "soft",
  tokenScope: "personal",
  tools: ["codex"],
});

function run(p: WriterPlan): WriterResult {
  const result: WriterResult = {
    name: p.name,
    startedAt: Date.now(),
    finishedAt: 0,
    roleIds: [],
    linkIds: [],
    shortlistEntries: [],
    visitsCounted: 0,
    appliesCounted: 0,
    errorCount: 0,
    errors: [],
    changeMs: { p50: 0, p99: 0, max: 0 },
  };
  const durations = new Float64Array(p.changes);
  let shortlistAdds = 0;
  for (let i = 0; i < p.changes; i++) {
    const kind = KINDS[i % KINDS.length]!;
    const started = performance.now();
    try {
      switch (kind) {
        case "role":
          // Reads the membership, then inserts the role and its package (IMMEDIATE).
          result.roleIds.push(createRole(p.employerId, p.companySlug, { ...draft, title: `Concurrent ${p.name} ${i}` }, false).id);
          break;
        case "link":
          // Reads the role's status, then inserts.
          result.linkIds.push(createLink(p.recruiterId, { kind: "role", slug: p.roleSlugs[i % p.roleSlugs.length]! }, `${p.name} ${i}`).id);
          break;
        case "shortlist": {
          // Reads the list, the role, the last position, then inserts and touches the list.
          const slug = p.roleSlugs[shortlistAdds % p.roleSlugs.length]!;
          const list = p.shortlists[Math.floor(shortlistAdds / p.roleSlugs.length)];
          if (!list) throw new Error("the plan has too few shortlists");
          addToShortlist(p.recruiterId, list, slug, `${p.name} ${i}`);
          result.shortlistEntries.push([list, slug]);
          shortlistAdds++;
          break;
        }
        case "visit":
          // An upsert on the row the other writer bumps too, by a new visitor each time (a
          // visitor counts once a day).
          if (!countLinkVisit(p.sharedLink.id, false, visitor(p.name, i))) throw new Error("the visit was not counted");
          result.visitsCounted++;
          break;
        case "apply":
          // Reads the link (and whether it leads here), then bumps the shared row.
          if (!countLinkApply(p.sharedLink.code, p.sharedLink.roleId, visitor(p.name, i))) throw new Error("the apply click was not counted");
          result.appliesCounted++;
          break;
      }
    } catch (error) {
      result.errorCount++;
      if (result.errors.length < 20) {
        const code = (error as { code?: unknown }).code;
        result.errors.push(`${kind} #${i}: ${typeof code === "string" ? `${code}: ` : ""}${error instanceof Error ? error.message : String(error)}`);
      }
    }
    durations[i] = performance.now() - started;
  }
  durations.sort();
  const at = (q: number) => Math.round(durations[Math.min(durations.length - 1, Math.floor(q * durations.length))]! * 10) / 10;
  result.changeMs = { p50: at(0.5), p99: at(0.99), max: at(1) };
  result.finishedAt = Date.now();
  return result;
}

// Open (and migrate) before saying ready, so the start line is the same for both writers.
db();
console.log("ready");
const input = readline.createInterface({ input: process.stdin });
input.once("line", (line) => {
  input.close();
  if (line.trim() !== "go") process.exit(3);
  const result = run(plan);
  fs.writeFileSync(resultFile, JSON.stringify(result));
  process.exit(0);
});
