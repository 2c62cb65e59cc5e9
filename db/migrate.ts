/**
 * `npm run db:migrate`: applies the migrations in migrations/ to DATABASE_URL (or --db PATH),
 * then renders and stores the HTML of any description that lacks it (rows stored before
 * migration 0004, or written by hand), with progress on stderr for big databases, and brings
 * the search index's snapshot up to date (loaded and caught up, or built and saved), so the
 * server that starts after a release loads it in a second or two instead of building it.
 */
import { searchSnapshotPathFor } from "../app/lib/config.server";
import { backfillDescriptions } from "../app/models/description.server";
import { saveSearchSnapshot, startSearchFeed, stopSearchFeed } from "../app/models/search-feed.server";
import { openDatabase } from "./client";

const flag = process.argv.indexOf("--db");
const file = (flag >= 0 ? process.argv[flag + 1] : undefined) ?? process.env.DATABASE_URL ?? "data/tokenboard.db";
const db = openDatabase(file);
const applied = db.$client.prepare("select count(*) as n from __drizzle_migrations").get() as { n: number };
// Every row is checked here (the server's start skips the pass once one has found nothing).
const rendered = await backfillDescriptions(db, { force: true });
const snapshotPath = searchSnapshotPathFor(file, process.env.SEARCH_SNAPSHOT || undefined);
let snapshotLine = "no search index snapshot (SEARCH_SNAPSHOT=off)";
if (snapshotPath) {
  const index = await startSearchFeed(db, { snapshotPath });
  stopSearchFeed(db);
  // A build saves in the background; wait for it (or save the caught-up index now).
  const saved = await saveSearchSnapshot(db);
  snapshotLine =
    `search index snapshot ${snapshotPath}: ${index.roles.toLocaleString("en-US")} roles ` +
    (index.source === "snapshot" ? `loaded and caught up ${index.caughtUp} changes` : `built in ${index.seconds.toFixed(1)} s`) +
    (saved ? `, saved (${Math.round(saved.bytes / 1e6)} MB)` : ", already current");
}
db.$client.close();
console.log(
  `Migrated ${file}: ${applied.n} migrations applied; rendered ${rendered.roles} role and ${rendered.companies} company descriptions that lacked their HTML; ${snapshotLine}.`,
);
