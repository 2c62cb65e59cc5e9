/**
 * `npm run db:migrate`: applies the migrations in migrations/ to DATABASE_URL (or --db PATH),
 * then renders and stores the HTML of any description that lacks it (rows stored before
 * migration 0004, or written by hand), with progress on stderr for big databases.
 */
import { backfillDescriptions } from "../app/models/description.server";
import { openDatabase } from "./client";

const flag = process.argv.indexOf("--db");
const file = (flag >= 0 ? process.argv[flag + 1] : undefined) ?? process.env.DATABASE_URL ?? "data/tokenboard.db";
const db = openDatabase(file);
const applied = db.$client.prepare("select count(*) as n from __drizzle_migrations").get() as { n: number };
// Every row is checked here (the server's start skips the pass once one has found nothing).
const rendered = await backfillDescriptions(db, { force: true });
db.$client.close();
console.log(
  `Migrated ${file}: ${applied.n} migrations applied; rendered ${rendered.roles} role and ${rendered.companies} company descriptions that lacked their HTML.`,
);
