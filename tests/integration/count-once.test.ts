/**
 * Counts once per visitor, target and day (issue 11, item 9): with one tracked-link cookie,
 * 100 requests to /roles/:slug/apply recorded 100 attributed apply clicks, and 100 visits of
 * /r/:code showed as 100. Whatever the rate limits let through, a visitor (network + User-Agent)
 * now adds at most one role page view, one apply click and, for a tracked link, one visit and
 * one attributed apply click a day; the redirects still carry the attribution every time.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { roleDailyStats, trackedLinkDailyStats, trackedLinks, visitorMarks } from "../../db/schema";
import { postForm, signedInUser } from "../support/accounts";
import { callLoader } from "../support/loaders";
import { clientNetwork } from "~/lib/client-network";
import { utcDay } from "~/lib/visitor.server";
import { db } from "~/models/db.server";
import { countRoleEvent } from "~/models/employer.server";
import { action as recruiterAction } from "~/routes/recruiter._index";
import { loader as trackedLinkLoader } from "~/routes/r.$code";
import { loader as roleLoader } from "~/routes/roles.$slug";
import { loader as applyLoader } from "~/routes/roles_.$slug.apply";

const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";
const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0";
const DAY_MS = 24 * 60 * 60 * 1000;

interface Visitor {
  network: string;
  userAgent: string;
}
const ALICE: Visitor = { network: "203.0.113.10", userAgent: CHROME };

let recruiter: Awaited<ReturnType<typeof signedInUser>>;
/** Listed roles with a web apply URL, open for another week (the next-day test moves the clock). */
let listed: { id: number; slug: string }[];

beforeAll(async () => {
  recruiter = await signedInUser("counts");
  listed = db()
    .$client.prepare(
      "SELECT id, slug FROM roles WHERE status = 'published' AND expires_at > ? AND apply_url LIKE 'http%' ORDER BY id DESC LIMIT 8",
    )
    .all(Date.now() + 7 * DAY_MS) as typeof listed;
  expect(listed).toHaveLength(8);
});

afterEach(() => {
  vi.useRealTimers();
});

async function newLink(slug: string) {
  const result = await postForm(recruiterAction, "/recruiter", { intent: "create-link", role: slug, label: "Counts" }, { cookie: recruiter.cookie });
  expect(result.status).toBe(302);
  const code = new URL(result.location!, "http://localhost").searchParams.get("created")!;
  return db().select().from(trackedLinks).where(eq(trackedLinks.code, code)).get()!;
}

function visit(code: string, who: Visitor) {
  return callLoader<string>(trackedLinkLoader, `/r/${code}`, { code }, { "User-Agent": who.userAgent }, { clientNetwork: who.network });
}

function apply(slug: string, who: Visitor, cookie?: string) {
  return callLoader<string>(
    applyLoader,
    `/roles/${slug}/apply`,
    { slug },
    { "User-Agent": who.userAgent, ...(cookie ? { Cookie: cookie } : {}) },
    { clientNetwork: who.network },
  );
}

function viewPage(slug: string, who: Visitor) {
  return callLoader(roleLoader, `/roles/${slug}`, { slug }, { "User-Agent": who.userAgent }, { clientNetwork: who.network });
}

function linkStats(linkId: number) {
  return db()
    .select({
      visits: sql<number>`coalesce(sum(${trackedLinkDailyStats.visits}), 0)`,
      applyClicks: sql<number>`coalesce(sum(${trackedLinkDailyStats.applyClicks}), 0)`,
    })
    .from(trackedLinkDailyStats)
    .where(eq(trackedLinkDailyStats.linkId, linkId))
    .get()!;
}

function roleStats(roleId: number) {
  return db()
    .select({
      views: sql<number>`coalesce(sum(${roleDailyStats.views}), 0)`,
      applyClicks: sql<number>`coalesce(sum(${roleDailyStats.applyClicks}), 0)`,
    })
    .from(roleDailyStats)
    .where(eq(roleDailyStats.roleId, roleId))
    .get()!;
}

/** Arrives by the link and returns the tracked-link cookie a browser would send back. */
async function arriveBy(code: string, who: Visitor) {
  const arrival = await visit(code, who);
  return arrival.headers.get("Set-Cookie")!.split(";")[0]!;
}

describe("apply clicks", () => {
  it("100 requests with one tracked-link cookie from one visitor record 1 apply click and 1 attributed apply", async () => {
    const role = listed[0]!;
    const link = await newLink(role.slug);
    const cookie = await arriveBy(link.code, ALICE);
    for (let i = 0; i < 100; i++) {
      const result = await apply(role.slug, ALICE, cookie);
      expect(result.status).toBe(302);
      // Every redirect keeps the attribution; only the count is once a day.
      expect(new URL(result.data).searchParams.get("ref")).toBe(link.code);
    }
    expect(roleStats(role.id).applyClicks).toBe(1);
    expect(linkStats(link.id).applyClicks).toBe(1);
  });

  it("two visitors, on different networks or with different browsers, record 2", async () => {
    for (const [index, other] of [
      [1, { network: "203.0.113.11", userAgent: CHROME }],
      [2, { network: ALICE.network, userAgent: FIREFOX }],
    ] as const) {
      const role = listed[index]!;
      const link = await newLink(role.slug);
      const aliceCookie = await arriveBy(link.code, ALICE);
      const otherCookie = await arriveBy(link.code, other);
      for (let i = 0; i < 5; i++) {
        await apply(role.slug, ALICE, aliceCookie);
        await apply(role.slug, other, otherCookie);
      }
      expect(roleStats(role.id).applyClicks, other.userAgent).toBe(2);
      expect(linkStats(link.id), other.userAgent).toEqual({ visits: 2, applyClicks: 2 });
    }
  });

  it("count again the next day", async () => {
    const role = listed[3]!;
    const link = await newLink(role.slug);
    const cookie = await arriveBy(link.code, ALICE);
    await apply(role.slug, ALICE, cookie);
    await apply(role.slug, ALICE, cookie);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + DAY_MS);
    await apply(role.slug, ALICE, cookie);
    await apply(role.slug, ALICE, cookie);
    await visit(link.code, ALICE);
    expect(roleStats(role.id).applyClicks).toBe(2);
    expect(linkStats(link.id)).toEqual({ visits: 2, applyClicks: 2 });
  });

  it("addresses of one IPv6 /64 are one visitor, as the rate limits see them", async () => {
    const role = listed[4]!;
    for (const address of ["2001:db8:1234:5678::1", "2001:db8:1234:5678:ffff:1:2:3", "2001:db8:1234:5678:abcd::99"]) {
      await apply(role.slug, { network: clientNetwork(address), userAgent: CHROME });
    }
    await apply(role.slug, { network: clientNetwork("2001:db8:1234:5679::1"), userAgent: CHROME });
    expect(roleStats(role.id).applyClicks).toBe(2);
  });
});

describe("tracked link visits", () => {
  it("100 visits of /r/:code by one visitor record 1; each still sets the cookie and redirects", async () => {
    const link = await newLink(listed[5]!.slug);
    for (let i = 0; i < 100; i++) {
      const result = await visit(link.code, ALICE);
      expect(result.status).toBe(302);
      expect(result.headers.get("Set-Cookie")).toMatch(/^tokenboard_via=/);
    }
    expect(linkStats(link.id)).toEqual({ visits: 1, applyClicks: 0 });
  });
});

describe("role page views", () => {
  it("reloads of a role page record 1 view; another visitor a second", async () => {
    const role = listed[6]!;
    for (let i = 0; i < 20; i++) expect((await viewPage(role.slug, ALICE)).status).toBe(200);
    expect(roleStats(role.id).views).toBe(1);
    await viewPage(role.slug, { network: "203.0.113.12", userAgent: CHROME });
    expect(roleStats(role.id).views).toBe(2);
  });
});

describe("visitor marks", () => {
  it("store no address or user agent, only a keyed hash that changes with the day", async () => {
    const role = listed[7]!;
    const now = Date.now();
    countRoleEvent(role.id, "view", ALICE, now);
    countRoleEvent(role.id, "view", ALICE, now + DAY_MS);
    const marks = db().select().from(visitorMarks).where(and(eq(visitorMarks.kind, "view"), eq(visitorMarks.targetId, role.id))).all();
    expect(marks.map((m) => m.day).sort()).toEqual([utcDay(now), utcDay(now + DAY_MS)]);
    for (const mark of marks) {
      expect(mark.visitor).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(mark.visitor).not.toContain(ALICE.network);
    }
    // The same visitor on two days is not recognizable as the same.
    expect(marks[0]!.visitor).not.toBe(marks[1]!.visitor);
    const stored = JSON.stringify(db().select().from(visitorMarks).all());
    expect(stored).not.toContain("203.0.113");
    expect(stored).not.toContain("Mozilla");
  });

  it("older than yesterday are deleted as new ones are written, a bounded batch at a time", () => {
    const now = Date.now();
    const old = (days: number) => utcDay(now - days * DAY_MS);
    db()
      .insert(visitorMarks)
      .values([
        ...Array.from({ length: 70 }, (_, i) => ({ day: old(3), kind: "view", targetId: 1, visitor: `old-${i}` })),
        { day: old(2), kind: "apply", targetId: 1, visitor: "two-days" },
        { day: old(1), kind: "apply", targetId: 1, visitor: "yesterday" },
      ])
      .run();
    const olderThanYesterday = () => db().select().from(visitorMarks).where(sql`${visitorMarks.day} < ${old(1)}`).all().length;
    expect(olderThanYesterday()).toBe(71);
    countRoleEvent(listed[0]!.id, "view", { network: "203.0.113.20", userAgent: CHROME }, now);
    // One event deletes at most a batch (50): the cost of a request does not grow with the backlog.
    expect(olderThanYesterday()).toBe(21);
    countRoleEvent(listed[0]!.id, "view", { network: "203.0.113.20", userAgent: CHROME }, now);
    expect(olderThanYesterday()).toBe(0);
    expect(db().select().from(visitorMarks).where(eq(visitorMarks.visitor, "yesterday")).all()).toHaveLength(1);
  });
});
