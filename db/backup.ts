/**
 * `npm run db:backup [-- --db PATH] [--out FILE]`: a consistent copy of the live database
 * through SQLite's online backup API, safe while the app keeps writing (pages changed during
 * the copy are copied again). Progress is shown for large databases; the copy is checked with
 * `PRAGMA integrity_check` before it is reported good.
 *
 * Restore: stop the app, replace DATABASE_URL's file with the backup (and delete any
 * `-wal`/`-shm` files beside the old one), start the app.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import * as z from "zod";

const optionsSchema = z.object({
  db: z.string().min(1),
  out: z.string().min(1),
});

export async function backupDatabase(
  source: string,
  target: string,
  onProgress?: (done: number, total: number) => void,
  pagesPerStep = 2_000,
) {
  if (!fs.existsSync(source)) throw new Error(`No database at ${source}`);
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const partial = `${target}.partial`;
  fs.rmSync(partial, { force: true });
  const db = new Database(source, { readonly: true, fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  let lastRemaining = Infinity;
  let restarted = false;
  try {
    await db.backup(partial, {
      progress: ({ totalPages, remainingPages }) => {
        onProgress?.(totalPages - remainingPages, totalPages);
        // A write from another connection (the app) restarts a stepped copy from the first
        // page; under steady writes it would never finish. After a restart, copy the rest in
        // one step: that step reads one snapshot, and in WAL mode writers go on meanwhile.
        if (remainingPages > lastRemaining) restarted = true;
        lastRemaining = remainingPages;
        // Pages per step: large enough to be quick, small enough to report progress.
        return restarted ? totalPages + 1 : pagesPerStep;
      },
    });
  } finally {
    db.close();
  }
  const copy = new Database(partial, { fileMustExist: true });
  try {
    const check = copy.pragma("integrity_check", { simple: true });
    if (check !== "ok") throw new Error(`The backup failed its integrity check: ${String(check)}`);
  } finally {
    copy.close();
  }
  fs.renameSync(partial, target);
  return { bytes: fs.statSync(target).size, restarted };
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const args = process.argv.slice(2);
  const flag = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const parsed = optionsSchema.safeParse({
    db: flag("db") ?? process.env.DATABASE_URL ?? "data/tokenboard.db",
    out: flag("out") ?? `backups/tokenboard-${stamp}.db`,
  });
  if (!parsed.success) {
    console.error("Usage: npm run db:backup -- [--db PATH] [--out FILE]");
    process.exit(2);
  }
  const started = performance.now();
  let last = 0;
  backupDatabase(parsed.data.db, parsed.data.out, (done, total) => {
    const now = performance.now();
    if (total > 50_000 && now - last > 1_000) {
      last = now;
      process.stderr.write(`backup: ${Math.round((done / total) * 100)}% (${done.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} pages)\n`);
    }
  })
    .then(({ bytes }) => {
      console.log(`Backed up ${parsed.data.db} to ${parsed.data.out}: ${(bytes / 1_048_576).toFixed(1)} MiB in ${((performance.now() - started) / 1000).toFixed(1)} s, integrity ok.`);
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    });
}
