/**
 * The listing's version: a counter that triggers (migrations 0001 and 0003) bump whenever a
 * listed role changes. It keys every listing cache: the anonymous page cache in the server
 * entry, the facet counts and the market. Read on every cached request, so the statement is
 * prepared once per connection.
 */
import type { Statement } from "better-sqlite3";
import type { Db } from "../../db/client";

const statements = new WeakMap<Db["$client"], Statement>();

export function listingVersion(db: Db): number {
  let statement = statements.get(db.$client);
  if (!statement) {
    statement = db.$client.prepare("SELECT version FROM listing_version WHERE id = 1").pluck();
    statements.set(db.$client, statement);
  }
  return (statement.get() as number | undefined) ?? 0;
}
