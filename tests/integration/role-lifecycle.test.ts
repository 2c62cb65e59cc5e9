/**
 * The role lifecycle as one state machine (issue 11, item 8): every state x every intent,
 * posted to the route's action the way a browser (or a crafted form) would. An intent the
 * state allows does what the table says and nothing else (an edit never changes the state or
 * the dates); any other is a 409 that names what the state allows and changes nothing. The
 * expected table is written out here, apart from the code's, and the pages' buttons are
 * checked against it too.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";

// The rendered pages come from the built bundle, which must verify the sessions made here.
vi.hoisted(() => {
  process.env.SESSION_SECRET = "role-lifecycle-suite-secret-0123456789abcdef";
});

import { compensation, roles } from "../../db/schema";
import { employerWithCompany, postForm } from "../support/accounts";
import { appPages, intentButtons, type PageRenderer } from "../support/app-bundle";
import { ROLE_FORM } from "../support/role-form";
import { db } from "~/models/db.server";
import { LIFECYCLE, ROLE_INTENTS, ROLE_STATES, allowedIntents, roleState, type RoleIntent, type RoleState } from "~/lib/role-lifecycle";
import { action as editAction } from "~/routes/employer.roles.$id";
import { action as newRoleAction } from "~/routes/employer.roles.new";

const DAY = 86_400_000;

/** What each state allows and the state that results, as the issue describes the lifecycle. */
const EXPECTED: Record<RoleState, Partial<Record<RoleIntent, RoleState | "deleted">>> = {
  new: { draft: "draft", publish: "listed", preview: "new" },
  draft: { draft: "draft", publish: "listed", preview: "draft", duplicate: "draft", delete: "deleted" },
  listed: { save: "listed", preview: "listed", close: "closed", renew: "listed", duplicate: "listed" },
  expired: { save: "expired", preview: "expired", close: "closed", renew: "listed", duplicate: "expired" },
  closed: { reopen: "listed", duplicate: "closed", delete: "deleted" },
};

const FORM_INTENTS = new Set<RoleIntent>(["draft", "publish", "save", "preview"]);

let employer: Awaited<ReturnType<typeof employerWithCompany>>;

function roleRow(id: number) {
  return db().select().from(roles).where(eq(roles.id, id)).get();
}
function packageRow(id: number) {
  return db().select().from(compensation).where(eq(compensation.roleId, id)).get();
}
function companyRoleIds(): number[] {
  const companyId = roleRow(firstRoleId)!.companyId;
  return db()
    .select({ id: roles.id })
    .from(roles)
    .where(eq(roles.companyId, companyId))
    .all()
    .map((r) => r.id);
}
let firstRoleId = 0;

async function createRole(intent: "draft" | "publish", title: string): Promise<number> {
  const result = await postForm(newRoleAction, `/employer/roles/new?company=${employer.companySlug}`, { ...ROLE_FORM, title, intent }, { cookie: employer.cookie });
  expect(result.status, JSON.stringify(result.data)).toBe(302);
  return Number(/\/employer\/roles\/(\d+)/.exec(result.location ?? "")?.[1]);
}

/** A role of the company in the given state, made the way an employer would (expiry aside). */
async function roleIn(state: Exclude<RoleState, "new">, title: string): Promise<number> {
  const id = await createRole(state === "draft" ? "draft" : "publish", title);
  if (state === "expired") {
    // Listings expire with time; here the time is moved instead of waited for.
    db().update(roles).set({ publishedAt: Date.now() - 70 * DAY, expiresAt: Date.now() - DAY }).where(eq(roles.id, id)).run();
  }
  if (state === "closed") {
    const closed = await post(id, "close");
    expect(closed.status).toBe(302);
  }
  expect(roleState(roleRow(id)!, Date.now())).toBe(state);
  return id;
}

function post(id: number, intent: string, form: Record<string, string | string[]> = {}) {
  return postForm(editAction, `/employer/roles/${id}`, { ...form, intent }, { cookie: employer.cookie, params: { id: String(id) } });
}

beforeAll(async () => {
  employer = await employerWithCompany("lifecycle");
  firstRoleId = await createRole("draft", "Setup role");
});

describe("the lifecycle table", () => {
  it("is the one the issue describes, for every state and intent", () => {
    for (const state of ROLE_STATES) {
      for (const intent of ROLE_INTENTS) expect(LIFECYCLE[state][intent], `${state} x ${intent}`).toBe(EXPECTED[state][intent]);
    }
  });
});

describe("every state x every intent through the route's action", () => {
  const cases = (Object.keys(EXPECTED) as RoleState[]).flatMap((state) => ROLE_INTENTS.map((intent) => [state, intent] as const));

  it.each(cases)("%s x %s", async (state, intent) => {
    const expected = EXPECTED[state][intent];
    const form = FORM_INTENTS.has(intent) ? { ...ROLE_FORM, title: `Edited ${state} ${intent}` } : {};

    if (state === "new") {
      const before = companyRoleIds();
      const result = await postForm(newRoleAction, `/employer/roles/new?company=${employer.companySlug}`, { ...form, intent }, { cookie: employer.cookie });
      const created = companyRoleIds().filter((id) => !before.includes(id));
      if (expected === undefined) {
        expect(result.status).toBe(409);
        expect((result.data as { lifecycleError: string }).lifecycleError).toMatch(/isn't possible for a role that is not saved yet/);
        expect(created).toEqual([]);
      } else if (intent === "preview") {
        expect(result.status).toBe(200);
        expect(created).toEqual([]);
      } else {
        expect(result.status).toBe(302);
        expect(created).toHaveLength(1);
        expect(roleState(roleRow(created[0]!)!, Date.now())).toBe(expected);
      }
      return;
    }

    const id = await roleIn(state, `Role ${state} ${intent}`);
    const before = { role: roleRow(id)!, pkg: packageRow(id)! };
    const idsBefore = companyRoleIds();
    const result = await post(id, intent, form);
    const after = roleRow(id);

    if (expected === undefined) {
      // Refused: a clear message, and nothing changed.
      expect(result.status, JSON.stringify(result.data)).toBe(409);
      expect((result.data as { lifecycleError: string }).lifecycleError).toMatch(/isn't possible for (a|an) \w+/);
      expect(after).toEqual(before.role);
      expect(packageRow(id)).toEqual(before.pkg);
      expect(companyRoleIds()).toEqual(idsBefore);
      return;
    }

    if (intent === "preview") {
      expect(result.status).toBe(200);
      expect(after).toEqual(before.role);
      return;
    }
    expect(result.status, JSON.stringify(result.data)).toBe(302);
    if (expected === "deleted") {
      expect(after).toBeUndefined();
      return;
    }
    expect(roleState(after!, Date.now())).toBe(expected);

    switch (intent) {
      case "draft":
      case "save":
        // An edit never changes the state: same status and dates, new values.
        expect(after!.title).toBe(`Edited ${state} ${intent}`);
        expect({ status: after!.status, publishedAt: after!.publishedAt, expiresAt: after!.expiresAt, closedAt: after!.closedAt }).toEqual({
          status: before.role.status,
          publishedAt: before.role.publishedAt,
          expiresAt: before.role.expiresAt,
          closedAt: before.role.closedAt,
        });
        break;
      case "publish":
        expect(after!.title).toBe(`Edited ${state} ${intent}`);
        expect(after!.publishedAt).not.toBeNull();
        expect(after!.expiresAt! - Date.now()).toBeGreaterThan(59 * DAY);
        break;
      case "renew":
      case "reopen":
        expect(after!.expiresAt! - Date.now()).toBeGreaterThan(59 * DAY);
        expect(after!.title).toBe(before.role.title);
        break;
      case "close":
        expect(after!.closedAt).not.toBeNull();
        break;
      case "duplicate": {
        expect(after).toEqual(before.role);
        const copies = companyRoleIds().filter((other) => !idsBefore.includes(other));
        expect(copies).toHaveLength(1);
        expect(roleRow(copies[0]!)).toMatchObject({ status: "draft", title: `${before.role.title} (copy)`, publishedAt: null, expiresAt: null });
        break;
      }
    }
  });

  it("a closed role edited with intent=draft stays closed, unpublished (the bug in issue 11)", async () => {
    const id = await roleIn("closed", "Closed, then a crafted draft save");
    const before = roleRow(id)!;
    const result = await post(id, "draft", { ...ROLE_FORM, title: "Republished?" });
    expect(result.status).toBe(409);
    expect((result.data as { lifecycleError: string }).lifecycleError).toBe(
      "“Save draft” isn't possible for a closed role, which allows “Reopen role”, “Duplicate as draft” or “Delete”.",
    );
    expect(roleRow(id)).toEqual(before);
  });

  it("no intent, or one that is not an intent at all, is a 400 that changes nothing", async () => {
    const id = await roleIn("listed", "Listed, posted without an intent");
    const before = roleRow(id)!;
    for (const intent of [undefined, "", "publish-now", "__proto__", "constructor"]) {
      const form: Record<string, string> = { ...(ROLE_FORM as Record<string, string>), title: "Changed?" };
      if (intent !== undefined) form.intent = intent;
      const result = await postForm(editAction, `/employer/roles/${id}`, form, { cookie: employer.cookie, params: { id: String(id) } });
      expect(result.status, String(intent)).toBe(400);
      expect(roleRow(id)).toEqual(before);
    }
  });

  it("reopening checks the role against today's publishing rules", async () => {
    const id = await roleIn("closed", "Closed with figures that are no longer plausible");
    // Stored before the bounds existed: $1-$3 a year.
    db().update(compensation).set({ salaryCurrency: "USD", salaryMin: 1, salaryMax: 3 }).where(eq(compensation.roleId, id)).run();
    const before = roleRow(id)!;
    const result = await post(id, "reopen");
    expect(result.status).toBe(409);
    expect((result.data as { lifecycleError: string }).lifecycleError).toMatch(/can't be listed again as it is \(.*\$2,000.*\)\. Duplicate it/);
    expect(roleRow(id)).toEqual(before);
  });
});

describe("each state's page offers exactly its intents", () => {
  let pages: PageRenderer;
  beforeAll(async () => {
    pages = await appPages();
  }, 120_000);

  const states: Exclude<RoleState, "new">[] = ["draft", "listed", "expired", "closed"];
  it.each(states)("%s", async (state) => {
    const id = await roleIn(state, `Page of a ${state} role`);
    const page = await pages(`/employer/roles/${id}`, employer.cookie);
    expect(page.status).toBe(200);
    const offered = intentButtons(page.html);
    expect(new Set(offered)).toEqual(new Set(Object.keys(EXPECTED[state])));
    expect(new Set(offered)).toEqual(new Set(allowedIntents(state)));
    expect(offered.length, "each button once").toBe(new Set(offered).size);
    // A closed role is not edited: its fields are disabled (reopen or duplicate it instead).
    expect(/<fieldset disabled=""/.test(page.html), "fields disabled").toBe(state === "closed");
    expect(page.html).not.toContain("undefined days");
  });

  it("new", async () => {
    const page = await pages(`/employer/roles/new?company=${employer.companySlug}`, employer.cookie);
    expect(page.status).toBe(200);
    expect(new Set(intentButtons(page.html))).toEqual(new Set(Object.keys(EXPECTED.new)));
  });
});
