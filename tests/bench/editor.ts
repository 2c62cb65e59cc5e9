/**
 * The board's other writer during the bench's live sections, run as its own process
 * (`node --import tsx tests/bench/editor.ts`) on the benchmark database in DATABASE_URL: every
 * EDIT_INTERVAL_MS it saves one listed role through the app's own model (`updateRole`, one
 * transaction: the role's columns, its compensation, `updated_at`), exactly as an employer's
 * form post would, so whatever the app keys on listing changes (the listing version, a change
 * log) moves as it does in production, written by another process.
 *
 * Edits are reversible, so the cached database does not drift run after run: an edit adds
 * EDIT_MARK to the title and raises the top of the salary range by $1,000, the next edit of
 * that role takes both back.
 *
 * Protocol (lines on stdin and stdout):
 *   stdout "ready {json}"  the database is open, the first edit is made
 *   stdin  "fresh <word>"  put <word> in a listed role's title now (freshness probes); answers
 *                          "fresh <word> <slug> <ms since epoch after the commit>"
 *   stdin  "stop"          takes the freshness words out again, prints "done {json}" and exits
 */
import readline from "node:readline";
import { roleFormSchema } from "~/lib/schemas/role";
import { db } from "~/models/db.server";
import { formValuesFor, requireEditableRole, updateRole } from "~/models/employer.server";

/** The parent sets it (live.ts); a second by default, as the board changes. */
const EDIT_INTERVAL_MS = Number(process.env.EDIT_INTERVAL_MS) || 1_000;
const EDIT_MARK = " (updated)";
const FRESH_WORD = / zq[a-z]+$/;
/** Roles of the company kept for freshness probes, apart from the ones edited every second. */
const FRESH_POOL = 20;
const BENCH_EMAIL = "bench-editor@bench.invalid";

export interface EditorSummary {
  edits: number;
  /** Roles skipped because the stored values do not pass the form's rules. */
  skipped: number;
  errors: string[];
  editMs: { p50: number; p99: number; max: number };
  freshWrites: number;
  companyId: number;
  roles: number;
}

function send(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** The bench's own employer: a member of one company, with a password no one can match. */
function benchEmployer(): { userId: number; companyId: number; roleIds: number[] } {
  const sqlite = db().$client;
  const now = Date.now();
  const companyId = sqlite
    .prepare("SELECT company_id FROM roles WHERE status = 'published' AND expires_at > ? ORDER BY id LIMIT 1")
    .pluck()
    .get(now + 86_400_000) as number | undefined;
  if (companyId === undefined) throw new Error("no listed role to edit");
  sqlite
    .prepare("INSERT OR IGNORE INTO users (email, password_hash, display_name, is_recruiter, created_at, updated_at) VALUES (?, '!', 'Bench editor', 0, ?, ?)")
    .run(BENCH_EMAIL, now, now);
  const userId = sqlite.prepare("SELECT id FROM users WHERE lower(email) = ?").pluck().get(BENCH_EMAIL) as number;
  sqlite.prepare("INSERT OR IGNORE INTO memberships (user_id, company_id, role, created_at) VALUES (?, ?, 'member', ?)").run(userId, companyId, now);
  // Listed for at least a day more, so an edit never meets a role expiring under it.
  const roleIds = sqlite
    .prepare("SELECT id FROM roles WHERE company_id = ? AND status = 'published' AND expires_at > ? ORDER BY id LIMIT 500")
    .pluck()
    .all(companyId, now + 86_400_000) as number[];
  if (roleIds.length <= FRESH_POOL) throw new Error(`company ${companyId} has only ${roleIds.length} listed roles`);
  return { userId, companyId, roleIds };
}

type Change = (title: string, salaryMax: number | undefined) => { title: string; salaryMax: number | undefined };

/** Saves a role through the model with `change` applied to its stored form values. */
function save(userId: number, roleId: number, change: Change): { ok: true; slug: string } | { ok: false } {
  const { role, compensation } = requireEditableRole(userId, roleId);
  const values = formValuesFor(role, compensation);
  const changed = change(role.title, values.salaryMax);
  const parsed = roleFormSchema.safeParse({ ...values, ...changed, intent: "publish" });
  if (!parsed.success) return { ok: false };
  updateRole(userId, roleId, parsed.data, "save");
  return { ok: true, slug: role.slug };
}

const toggle: Change = (title, salaryMax) => {
  const marked = title.endsWith(EDIT_MARK);
  const step = salaryMax === undefined ? 0 : marked ? -1_000 : 1_000;
  return { title: marked ? title.slice(0, -EDIT_MARK.length) : `${title}${EDIT_MARK}`, salaryMax: salaryMax === undefined ? undefined : salaryMax + step };
};

function percentileOf(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return Math.round(sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1]! * 10) / 10;
}

function main(): void {
  const { userId, companyId, roleIds } = benchEmployer();
  const freshPool = roleIds.slice(-FRESH_POOL);
  const editPool = roleIds.slice(0, -FRESH_POOL);
  const durations: number[] = [];
  const errors: string[] = [];
  const freshened = new Set<number>();
  let skipped = 0;
  let next = 0;
  let freshNext = 0;
  let freshWrites = 0;

  const editOne = () => {
    // The next role that passes the form's rules (seeded data nearly always does).
    for (let tries = 0; tries < 10; tries++) {
      const roleId = editPool[next++ % editPool.length]!;
      const started = performance.now();
      try {
        if (save(userId, roleId, toggle).ok) {
          durations.push(performance.now() - started);
          return;
        }
        skipped++;
      } catch (error) {
        if (errors.length < 20) errors.push(error instanceof Error ? error.message : String(error));
        return;
      }
    }
  };

  editOne();
  send(`ready ${JSON.stringify({ companyId, roles: roleIds.length })}`);
  const timer = setInterval(editOne, EDIT_INTERVAL_MS);

  const freshen = (word: string) => {
    for (let tries = 0; tries < FRESH_POOL; tries++) {
      const roleId = freshPool[freshNext++ % freshPool.length]!;
      const result = save(userId, roleId, (title, salaryMax) => ({ title: `${title.replace(FRESH_WORD, "")} ${word}`, salaryMax }));
      if (result.ok) {
        freshened.add(roleId);
        freshWrites++;
        send(`fresh ${word} ${result.slug} ${Date.now()}`);
        return;
      }
    }
    send(`fresh ${word} - 0`);
  };

  const stop = () => {
    clearInterval(timer);
    for (const roleId of freshened) save(userId, roleId, (title, salaryMax) => ({ title: title.replace(FRESH_WORD, ""), salaryMax }));
    const sorted = [...durations].sort((a, b) => a - b);
    const summary: EditorSummary = {
      edits: durations.length,
      skipped,
      errors,
      editMs: { p50: percentileOf(sorted, 50), p99: percentileOf(sorted, 99), max: percentileOf(sorted, 100) },
      freshWrites,
      companyId,
      roles: roleIds.length,
    };
    send(`done ${JSON.stringify(summary)}`);
    db().$client.close();
    process.exit(0);
  };

  const input = readline.createInterface({ input: process.stdin });
  input.on("line", (line) => {
    const [command, word] = line.trim().split(/\s+/);
    if (command === "fresh" && word && /^zq[a-z]+$/.test(word)) freshen(word);
    else if (command === "stop") stop();
  });
  // The bench went away without "stop": no edits from an orphan.
  input.on("close", stop);
}

main();
