/** `npm run db:migrate`: applies the migrations in migrations/ to DATABASE_URL (or --db PATH). */
import { openDatabase } from "./client";

const flag = process.argv.indexOf("--db");
const file = (flag >= 0 ? process.argv[flag + 1] : undefined) ?? process.env.DATABASE_URL ?? "data/tokenboard.db";
const db = openDatabase(file);
const applied = db.$client.prepare("select count(*) as n from __drizzle_migrations").get() as { n: number };
db.$client.close();
console.log(`Migrated ${file}: ${applied.n} migrations applied.`);
