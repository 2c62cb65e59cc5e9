/**
 * "Count at most once per visitor, target and day" for the per-day counters: a page view, an
 * apply click, a tracked-link visit and a link-attributed apply click each leave a mark
 * (visitor_marks), and the counter moves only when the mark is new. Rate limits bound how
 * fast a client can send requests; these marks bound what the requests can add to a count.
 */
import { lt, sql } from "drizzle-orm";
import { writeTransaction } from "../../db/client";
import { visitorMarks } from "../../db/schema";
import { utcDay, visitorMark, type Visitor } from "~/lib/visitor.server";
import { db } from "./db.server";

export type { Visitor };

/** What was counted: a role's page view or apply click, a link's visit, a link's apply click to a role. */
export type MarkKind = "view" | "apply" | "link-visit" | "link-apply";

/**
 * Old marks deleted per counted event: a few rows found by the primary key's leading `day`
 * column, so each event costs the same however large yesterday was, and the backlog of a busy
 * day is gone after 1/50 as many events the next day.
 */
const PRUNE_BATCH = 50;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Records that `visitor` was counted for `kind` and `targetId` today and returns true the
 * first time in the day, false after. Call it inside the write transaction that bumps the
 * counter, so the mark and the count are stored together or not at all.
 */
export function markOncePerDay(kind: MarkKind, targetId: number, visitor: Visitor, now: number): boolean {
  const day = utcDay(now);
  pruneMarksBefore(utcDay(now - DAY_MS));
  const inserted = db()
    .insert(visitorMarks)
    .values({ day, kind, targetId, visitor: visitorMark(visitor, day) })
    .onConflictDoNothing()
    .run();
  return inserted.changes === 1;
}

/** Runs `count` (the counter's upsert) only for this visitor's first `kind` of `targetId` today, in one transaction. */
export function countOncePerDay(kind: MarkKind, targetId: number, visitor: Visitor, now: number, count: (day: string) => void): boolean {
  return writeTransaction(db(), () => {
    if (!markOncePerDay(kind, targetId, visitor, now)) return false;
    count(utcDay(now));
    return true;
  });
}

/**
 * Deletes a bounded batch of marks older than `day`. Callers pass yesterday: a request that
 * took its `now` just before midnight must still find that day's marks after another request
 * has started the new day.
 */
function pruneMarksBefore(day: string): void {
  db().run(
    sql`DELETE FROM ${visitorMarks} WHERE rowid IN (SELECT rowid FROM ${visitorMarks} WHERE ${lt(visitorMarks.day, day)} LIMIT ${PRUNE_BATCH})`,
  );
}
