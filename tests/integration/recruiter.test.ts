/**
 * Tracked links and shortlists: visits and apply clicks counted (bots apart), redirects only
 * to this site, attribution on apply, disabled links, and recruiters kept apart.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { roles, trackedLinkDailyStats, trackedLinks } from "../../db/schema";
import { postForm, signedInUser } from "../support/accounts";
import { callLoader } from "../support/loaders";
import { db } from "~/models/db.server";
import { viaCookie } from "~/lib/via-cookie.server";
import { shortlistWithRoles } from "~/models/recruiter.server";
import { action as recruiterAction, loader as recruiterLoader } from "~/routes/recruiter._index";
import { action as shortlistAction, loader as shortlistLoader } from "~/routes/recruiter.shortlists.$publicId";
import { loader as trackedLinkLoader } from "~/routes/r.$code";
import { loader as applyLoader } from "~/routes/roles_.$slug.apply";
import { loader as publicShortlistLoader } from "~/routes/shortlists.$publicId";

const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";
const BOT = "Googlebot/2.1 (+http://www.google.com/bot.html)";

let rita: Awaited<ReturnType<typeof signedInUser>>;
let sam: Awaited<ReturnType<typeof signedInUser>>;
let listed: { id: number; slug: string; applyUrl: string | null }[];

function stats(linkId: number) {
  return db()
    .select()
    .from(trackedLinkDailyStats)
    .where(eq(trackedLinkDailyStats.linkId, linkId))
    .all()
    .reduce((sum, row) => ({ visits: sum.visits + row.visits, botVisits: sum.botVisits + row.botVisits, applyClicks: sum.applyClicks + row.applyClicks }), {
      visits: 0,
      botVisits: 0,
      applyClicks: 0,
    });
}

async function createLink(user: typeof rita, form: Record<string, string>) {
  const result = await postForm(recruiterAction, "/recruiter", { intent: "create-link", ...form }, { cookie: user.cookie });
  expect(result.status, JSON.stringify(result.data)).toBe(302);
  const code = new URL(result.location!, "http://localhost").searchParams.get("created")!;
  return db().select().from(trackedLinks).where(eq(trackedLinks.code, code)).get()!;
}

// A visitor counts once a day (tests/integration/count-once.test.ts): checks that something is
// not counted use a visitor who has not been counted yet, so the answer is not that.
let networks = 0;
const newNetwork = () => `198.51.100.${++networks}`;
const VISITOR_NETWORK = "203.0.113.7";

async function visit(code: string, userAgent = BROWSER, network = VISITOR_NETWORK) {
  return callLoader<string>(trackedLinkLoader, `/r/${code}`, { code }, { "User-Agent": userAgent }, { clientNetwork: network });
}

async function apply(slug: string, cookie?: string, userAgent = BROWSER, network = VISITOR_NETWORK) {
  return callLoader<string>(
    applyLoader,
    `/roles/${slug}/apply`,
    { slug },
    { "User-Agent": userAgent, ...(cookie ? { Cookie: cookie } : {}) },
    { clientNetwork: network },
  );
}

beforeAll(async () => {
  rita = await signedInUser("rita");
  sam = await signedInUser("sam");
  listed = db()
    .$client.prepare("SELECT id, slug, apply_url AS applyUrl FROM roles WHERE status = 'published' AND expires_at > ? AND apply_url IS NOT NULL ORDER BY id LIMIT 5")
    .all(Date.now()) as typeof listed;
  expect(listed.length).toBe(5);
});

describe("tracked links", () => {
  it("count people and bots apart and redirect to the role", async () => {
    const link = await createLink(rita, { role: `https://tokenboard.example/roles/${listed[0]!.slug}?utm=x`, label: "LinkedIn post" });
    const first = await visit(link.code);
    expect(first.status).toBe(302);
    expect(first.data).toBe(`/roles/${listed[0]!.slug}`);
    expect(first.headers.get("Set-Cookie")).toMatch(/^tokenboard_via=/);
    expect(first.headers.get("Cache-Control")).toBe("no-store");
    // The same visitor again adds nothing (once a day); another visitor counts.
    await visit(link.code);
    const second = await visit(link.code, BROWSER, newNetwork());
    expect(second.headers.get("Set-Cookie")).toMatch(/^tokenboard_via=/);
    const bot = await visit(link.code, BOT);
    expect(bot.status).toBe(302);
    expect(bot.headers.get("Set-Cookie")).toBeNull();
    expect(stats(link.id)).toEqual({ visits: 2, botVisits: 1, applyClicks: 0 });
  });

  it("redirect only to their own target on this site; anything else is a 404", async () => {
    for (const code of ["//evil.example", "%2F%2Fevil.example", "https:evil", "../admin", "Ab3dEf7", "Ab3dEf7hX", "ZZZZZZZZ", "", "<script>", "\\\\evil"]) {
      const result = await visit(code);
      expect(result.status, code).toBe(404);
    }
    const links = db().select().from(trackedLinks).all();
    for (const link of links) {
      const result = await visit(link.code, BOT);
      expect(result.data, link.code).toMatch(/^\/(roles|shortlists)\/[A-Za-z0-9-]+$/);
    }
  });

  it("credit an apply click to the link the visitor came by, with attribution on the apply URL", async () => {
    const link = await createLink(rita, { role: listed[1]!.slug, label: "Platform team" });
    const arrival = await visit(link.code);
    const cookie = arrival.headers.get("Set-Cookie")!.split(";")[0]!;
    const result = await apply(listed[1]!.slug, cookie);
    expect(result.status).toBe(302);
    const target = new URL(result.data);
    expect(result.data.startsWith(listed[1]!.applyUrl!)).toBe(true);
    expect(target.searchParams.get("utm_source")).toBe("tokenboard");
    expect(target.searchParams.get("utm_medium")).toBe("recruiter_link");
    expect(target.searchParams.get("utm_campaign")).toBe("platform-team");
    expect(target.searchParams.get("ref")).toBe(link.code);
    expect(stats(link.id).applyClicks).toBe(1);

    // Applying to another role does not credit this link; the board's own attribution applies.
    const other = await apply(listed[2]!.slug, cookie, BROWSER, newNetwork());
    expect(new URL(other.data).searchParams.get("utm_medium")).toBe("job_board");
    expect(stats(link.id).applyClicks).toBe(1);

    // A forged cookie credits nothing.
    await apply(listed[1]!.slug, `tokenboard_via=${link.code}`, BROWSER, newNetwork());
    const forged = await viaCookie().serialize("ZZZZZZZZ");
    await apply(listed[1]!.slug, forged.split(";")[0], BROWSER, newNetwork());
    expect(stats(link.id).applyClicks).toBe(1);

    // Bots that follow apply links are not counted.
    await apply(listed[1]!.slug, cookie, BOT, newNetwork());
    expect(stats(link.id).applyClicks).toBe(1);

    // The cookie's holder from another network is another visitor: credited.
    await apply(listed[1]!.slug, cookie, BROWSER, newNetwork());
    expect(stats(link.id).applyClicks).toBe(2);
  });

  it("once disabled, still land on the role but count nothing", async () => {
    const link = await createLink(rita, { role: listed[3]!.slug, label: "Old post" });
    const result = await postForm(recruiterAction, "/recruiter", { intent: "disable-link", linkId: String(link.id) }, { cookie: rita.cookie });
    expect(result.status).toBe(302);
    const landing = await visit(link.code);
    expect(landing.status).toBe(302);
    expect(landing.data).toBe(`/roles/${listed[3]!.slug}`);
    expect(landing.headers.get("Set-Cookie")).toBeNull();
    const stale = await viaCookie().serialize(link.code);
    await apply(listed[3]!.slug, stale.split(";")[0], BROWSER, newNetwork());
    expect(stats(link.id)).toEqual({ visits: 0, botVisits: 0, applyClicks: 0 });
  });

  it("can only point at open roles", async () => {
    const closed = db().select({ slug: roles.slug }).from(roles).where(eq(roles.status, "closed")).get()!;
    const result = await postForm(recruiterAction, "/recruiter", { intent: "create-link", role: closed.slug }, { cookie: rita.cookie });
    expect(result.status).toBe(400);
  });
});

describe("shortlists", () => {
  it("are built, ordered, annotated and shared, with closed roles marked closed", async () => {
    const created = await postForm(recruiterAction, "/recruiter", { intent: "create-shortlist", title: "Platform, Q1" }, { cookie: rita.cookie });
    const publicId = created.location!.split("/").pop()!;
    const params = { publicId };
    for (const role of listed.slice(0, 3)) {
      const added = await postForm(shortlistAction, `/recruiter/shortlists/${publicId}`, { intent: "add", role: role.slug, note: `note ${role.id}` }, { cookie: rita.cookie, params });
      expect(added.status).toBe(302);
    }
    await postForm(shortlistAction, `/recruiter/shortlists/${publicId}`, { intent: "move", roleId: String(listed[2]!.id), direction: "up" }, { cookie: rita.cookie, params });
    await postForm(shortlistAction, `/recruiter/shortlists/${publicId}`, { intent: "remove", roleId: String(listed[0]!.id) }, { cookie: rita.cookie, params });
    db().update(roles).set({ status: "closed", closedAt: Date.now() }).where(eq(roles.id, listed[1]!.id)).run();

    const shown = await callLoader<{ title: string; entries: { role: { slug: string; salary: { min: number }; tokenBudget: { usdPerYear: number } }; note: string; status: string }[] }>(
      publicShortlistLoader,
      `/shortlists/${publicId}`,
      params,
    );
    expect(shown.status).toBe(200);
    expect(shown.data.title).toBe("Platform, Q1");
    expect(shown.data.entries.map((e) => [e.role.slug, e.status, e.note])).toEqual([
      [listed[2]!.slug, "open", `note ${listed[2]!.id}`],
      [listed[1]!.slug, "closed", `note ${listed[1]!.id}`],
    ]);
    for (const entry of shown.data.entries) {
      expect(entry.role.salary.min).toBeGreaterThan(0);
      expect(entry.role.tokenBudget.usdPerYear).not.toBeNull();
    }
    expect(shown.data).not.toHaveProperty("recruiterId");
  });

  it("a link to a shortlist credits applies to the roles on it", async () => {
    const created = await postForm(recruiterAction, "/recruiter", { intent: "create-shortlist", title: "Credit test" }, { cookie: rita.cookie });
    const publicId = created.location!.split("/").pop()!;
    await postForm(shortlistAction, `/recruiter/shortlists/${publicId}`, { intent: "add", role: listed[4]!.slug }, { cookie: rita.cookie, params: { publicId } });
    const link = await createLink(rita, { shortlist: publicId, label: "Email to Ada" });
    const arrival = await visit(link.code);
    expect(arrival.data).toBe(`/shortlists/${publicId}`);
    await apply(listed[4]!.slug, arrival.headers.get("Set-Cookie")!.split(";")[0]);
    expect(stats(link.id).applyClicks).toBe(1);
  });
});

describe("recruiters are kept apart", () => {
  it("another recruiter cannot see, disable or change links and shortlists", async () => {
    const link = await createLink(rita, { role: listed[4]!.slug, label: "Rita's" });
    const created = await postForm(recruiterAction, "/recruiter", { intent: "create-shortlist", title: "Rita's list" }, { cookie: rita.cookie });
    const publicId = created.location!.split("/").pop()!;

    const samView = await callLoader<{ links: { code: string }[]; shortlists: { publicId: string }[] }>(recruiterLoader, "/recruiter", {}, { Cookie: sam.cookie });
    expect(samView.data.links.map((l) => l.code)).not.toContain(link.code);
    expect(samView.data.shortlists.map((s) => s.publicId)).not.toContain(publicId);

    const disable = await postForm(recruiterAction, "/recruiter", { intent: "disable-link", linkId: String(link.id) }, { cookie: sam.cookie });
    expect(disable.status).toBe(404);
    expect(db().select().from(trackedLinks).where(eq(trackedLinks.id, link.id)).get()!.disabledAt).toBeNull();

    const manage = await callLoader(shortlistLoader, `/recruiter/shortlists/${publicId}`, { publicId }, { Cookie: sam.cookie });
    expect(manage.status).toBe(404);
    const attempts: Record<string, string>[] = [
      { intent: "add", role: listed[0]!.slug },
      { intent: "rename", title: "Hacked" },
      { intent: "delete" },
    ];
    for (const form of attempts) {
      const result = await postForm(shortlistAction, `/recruiter/shortlists/${publicId}`, form, { cookie: sam.cookie, params: { publicId } });
      expect(result.status, form.intent).toBe(404);
    }
    // Nor can Sam make a link to Rita's shortlist.
    const steal = await postForm(recruiterAction, "/recruiter", { intent: "create-link", shortlist: publicId }, { cookie: sam.cookie });
    expect(steal.status).toBe(404);
    expect(shortlistWithRoles(publicId)!.title).toBe("Rita's list");
    expect(db().select().from(trackedLinks).where(and(eq(trackedLinks.recruiterId, sam.id))).all()).toEqual([]);
  });

  it("the dashboard needs a login", async () => {
    const result = await callLoader(recruiterLoader, "/recruiter");
    expect(result.status).toBe(302);
    expect(result.data).toBe("/login?redirectTo=%2Frecruiter");
  });
});
