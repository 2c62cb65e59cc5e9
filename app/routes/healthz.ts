import { sql } from "drizzle-orm";
import { db } from "~/models/db.server";

/** For operators and load balancers: 200 when the database answers, 503 when it does not. */
export async function loader() {
  try {
    db().get(sql`select 1`);
    return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return Response.json({ status: "error", database: "unavailable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
