/**
 * Company membership (issue 11, item 7): people join only by an invitation they accept; the
 * answer to "invite" says nothing about whether an email has an account; only owners change
 * the profile and the people; a company always keeps an owner; a renamed company keeps its
 * old slug, which answers 301 and which no other company can take.
 */
import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { companies, companyInvitations, companySlugHistory, memberships } from "../../db/schema";
import { employerWithCompany, postForm, signedInUser } from "../support/accounts";
import { callLoader } from "../support/loaders";
import { ROLE_FORM } from "../support/role-form";
import { db } from "~/models/db.server";
import { updateCompanyProfile } from "~/models/company.server";
import { action as settingsAction, loader as settingsLoader } from "~/routes/employer.companies.$slug";
import { action as newCompanyAction } from "~/routes/employer.companies.new";
import { action as dashboardAction, loader as dashboardLoader } from "~/routes/employer._index";
import { action as newRoleAction } from "~/routes/employer.roles.new";
import { loader as companyPageLoader } from "~/routes/companies.$slug";
import { loader as apiRolesLoader } from "~/routes/api.roles";

type Employer = Awaited<ReturnType<typeof employerWithCompany>>;
type Account = Awaited<ReturnType<typeof signedInUser>>;

function companyRow(slug: string) {
  return db().select().from(companies).where(eq(companies.slug, slug)).get();
}
function companyById(id: number) {
  return db().select().from(companies).where(eq(companies.id, id)).get();
}
function membership(companyId: number, userId: number) {
  return db()
    .select()
    .from(memberships)
    .where(and(eq(memberships.companyId, companyId), eq(memberships.userId, userId)))
    .get();
}
function invitationsTo(companyId: number) {
  return db().select().from(companyInvitations).where(eq(companyInvitations.companyId, companyId)).all();
}
function settings(owner: { cookie: string }, slug: string, form: Record<string, string>) {
  return postForm(settingsAction, `/employer/companies/${slug}`, form, { cookie: owner.cookie, params: { slug } });
}
function answer(user: { cookie: string }, form: Record<string, string>) {
  return postForm(dashboardAction, "/employer?index", form, { cookie: user.cookie });
}
function profileForm(slug: string, name = "Renamed Co"): Record<string, string> {
  return { intent: "save-company", name, slug, website: "https://renamed.example", description: "We *build*.", sizeBand: "11-50", headquarters: "Porto" };
}
/** Invites and returns the new invitation's id. */
async function invite(owner: Employer, email: string, role: "owner" | "member" = "member") {
  const result = await settings(owner, owner.companySlug, { intent: "invite", email, role });
  expect(result.status, JSON.stringify(result.data)).toBe(302);
  const row = db()
    .select()
    .from(companyInvitations)
    .where(and(eq(companyInvitations.companyId, companyRow(owner.companySlug)!.id), eq(companyInvitations.email, email.toLowerCase())))
    .get();
  expect(row).toBeDefined();
  return row!.id;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("inviting", () => {
  let alice: Employer;
  let withAccount: Account;
  beforeAll(async () => {
    alice = await employerWithCompany("inviter");
    withAccount = await signedInUser("existing");
  });

  it("answers the same, by the same queries, whether or not the email has an account", async () => {
    const companyId = companyRow(alice.companySlug)!.id;
    const nobody = `nobody-${withAccount.id}@example.com`;
    // Every statement the request prepares, by its SQL: the same list for both emails means
    // no lookup depends on whether an account exists, so neither can the answer or its time.
    const statements = (): string[] => {
      const seen: string[] = [];
      const client = db().$client;
      const prepare = client.prepare.bind(client);
      vi.spyOn(client, "prepare").mockImplementation(((source: string) => {
        seen.push(source);
        return prepare(source);
      }) as typeof client.prepare);
      return seen;
    };
    const existingQueries = statements();
    const existing = await settings(alice, alice.companySlug, { intent: "invite", email: withAccount.email, role: "owner" });
    vi.restoreAllMocks();
    const missingQueries = statements();
    const missing = await settings(alice, alice.companySlug, { intent: "invite", email: nobody, role: "owner" });
    vi.restoreAllMocks();

    expect(existing.status).toBe(302);
    expect(existing).toEqual(missing);
    expect(existingQueries.length).toBeGreaterThan(0);
    expect(existingQueries).toEqual(missingQueries);
    // The page the redirect lands on says the same too.
    const page = await callLoader<{ invitations: { email: string; role: string }[] }>(
      settingsLoader,
      `${existing.location}`,
      { slug: alice.companySlug },
      { Cookie: alice.cookie },
    );
    expect(page.data.invitations.map((i) => [i.email, i.role]).sort()).toEqual([
      [nobody, "owner"],
      [withAccount.email, "owner"],
    ].sort());
    // Nobody joined: an invitation is only an offer.
    expect(membership(companyId, withAccount.id)).toBeUndefined();
  });

  it("re-inviting changes the role instead of adding a second invitation", async () => {
    const companyId = companyRow(alice.companySlug)!.id;
    const email = `reinvite-${alice.id}@example.com`;
    await invite(alice, email, "owner");
    await invite(alice, email.toUpperCase(), "member");
    const rows = invitationsTo(companyId).filter((row) => row.email === email);
    expect(rows.map((row) => row.role)).toEqual(["member"]);
  });

  it("says so when the email is already a member's (whose email the owner sees in the list)", async () => {
    const result = await settings(alice, alice.companySlug, { intent: "invite", email: alice.email.toUpperCase(), role: "member" });
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.data)).toContain("already a member");
  });

  it("refuses a bad email beside the field, keeping the values", async () => {
    const result = await settings(alice, alice.companySlug, { intent: "invite", email: "not an email", role: "owner" });
    expect(result.status).toBe(400);
    const reply = (result.data as { result: { error: Record<string, string[]>; initialValue: Record<string, string> } }).result;
    expect(reply.error.email?.[0]).toMatch(/valid email/);
    expect(reply.initialValue).toMatchObject({ email: "not an email", role: "owner" });
    const tooLong = await settings(alice, alice.companySlug, { intent: "invite", email: `${"a".repeat(250)}@example.com`, role: "member" });
    expect(tooLong.status).toBe(400);
  });

  it("is refused past the open-invitation limit, and the owner can cancel", async () => {
    const owner = await employerWithCompany("busy");
    const companyId = companyRow(owner.companySlug)!.id;
    for (let i = 0; i < 50; i++) {
      db().insert(companyInvitations).values({ companyId, email: `bulk-${i}@example.com`, role: "member", createdAt: Date.now() }).run();
    }
    const refused = await settings(owner, owner.companySlug, { intent: "invite", email: "one-more@example.com", role: "member" });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.data)).toContain("at most 50 open invitations");
    // Re-inviting one of them still works (it changes the role).
    expect((await settings(owner, owner.companySlug, { intent: "invite", email: "bulk-1@example.com", role: "owner" })).status).toBe(302);
    const first = invitationsTo(companyId)[0]!;
    expect((await settings(owner, owner.companySlug, { intent: "cancel-invitation", invitationId: String(first.id) })).status).toBe(302);
    expect(invitationsTo(companyId).some((row) => row.id === first.id)).toBe(false);
    expect((await settings(owner, owner.companySlug, { intent: "invite", email: "one-more@example.com", role: "member" })).status).toBe(302);
  });

  it("the old way in, adding an account by email, is gone", async () => {
    const companyId = companyRow(alice.companySlug)!.id;
    const result = await settings(alice, alice.companySlug, { intent: "add-member", email: withAccount.email, role: "owner" });
    expect(result.status).toBe(400);
    expect(membership(companyId, withAccount.id)).toBeUndefined();
  });
});

describe("the invitee", () => {
  let owner: Employer;
  let bob: Account;
  let carol: Account;
  let mallory: Employer;
  beforeAll(async () => {
    owner = await employerWithCompany("hiring");
    bob = await signedInUser("bob");
    carol = await signedInUser("carol");
    mallory = await employerWithCompany("mallory");
  });

  it("sees the invitation on the dashboard and accepts it, joining with the invited role", async () => {
    const companyId = companyRow(owner.companySlug)!.id;
    // Invited in capitals: emails match whatever their case.
    const id = await invite(owner, bob.email.toUpperCase(), "owner");
    const dashboard = await callLoader<{ invitations: { id: number; companySlug: string; role: string }[] }>(dashboardLoader, "/employer", {}, { Cookie: bob.cookie });
    expect(dashboard.status).toBe(200);
    expect(dashboard.data.invitations).toMatchObject([{ id, companySlug: owner.companySlug, role: "owner" }]);

    const accepted = await answer(bob, { intent: "accept-invitation", invitationId: String(id) });
    expect(accepted.status).toBe(302);
    expect(accepted.location).toBe(`/employer?company=${owner.companySlug}&joined=1`);
    expect(membership(companyId, bob.id)?.role).toBe("owner");
    expect(invitationsTo(companyId).some((row) => row.id === id)).toBe(false);
    // Answered once: a second accept finds nothing.
    expect((await answer(bob, { intent: "accept-invitation", invitationId: String(id) })).status).toBe(404);
  });

  it("declines: the invitation is deleted and nothing else changes", async () => {
    const companyId = companyRow(owner.companySlug)!.id;
    const id = await invite(owner, carol.email, "member");
    const declined = await answer(carol, { intent: "decline-invitation", invitationId: String(id) });
    expect(declined.status).toBe(302);
    expect(declined.location).toBe("/employer?declined=1");
    expect(membership(companyId, carol.id)).toBeUndefined();
    expect(invitationsTo(companyId).some((row) => row.id === id)).toBe(false);
  });

  it("nobody else can see, accept or decline someone's invitation", async () => {
    const companyId = companyRow(owner.companySlug)!.id;
    const id = await invite(owner, carol.email, "owner");
    const theirs = await callLoader<{ invitations: { id: number }[] }>(dashboardLoader, "/employer", {}, { Cookie: mallory.cookie });
    expect(theirs.data.invitations.map((i) => i.id)).not.toContain(id);
    for (const intent of ["accept-invitation", "decline-invitation"]) {
      const result = await answer(mallory, { intent, invitationId: String(id) });
      expect(result.status, intent).toBe(404);
    }
    expect(membership(companyId, mallory.id)).toBeUndefined();
    expect(invitationsTo(companyId).some((row) => row.id === id)).toBe(true);
    // Nor can another company's owner cancel it through their own company.
    const cancel = await settings(mallory, mallory.companySlug, { intent: "cancel-invitation", invitationId: String(id) });
    expect(cancel.status).toBe(400);
    expect(invitationsTo(companyId).some((row) => row.id === id)).toBe(true);
    // Signed out, it is the login page.
    expect((await postForm(dashboardAction, "/employer?index", { intent: "accept-invitation", invitationId: String(id) })).status).toBe(302);
    expect(invitationsTo(companyId).some((row) => row.id === id)).toBe(true);
  });

  it("crafted answers are 4xx, not errors", async () => {
    const forms: Record<string, string>[] = [
      {},
      { intent: "accept-invitation" },
      { intent: "accept-invitation", invitationId: "-1" },
      { intent: "join", invitationId: "1" },
      { intent: "accept-invitation", invitationId: "1e308" },
    ];
    for (const form of forms) {
      const result = await answer(bob, form);
      expect([400, 404], JSON.stringify(form)).toContain(result.status);
    }
  });
});

describe("a member who is not an owner", () => {
  let owner: Employer;
  let member: Account;
  let companyId: number;
  beforeAll(async () => {
    owner = await employerWithCompany("owning");
    member = await signedInUser("member");
    companyId = companyRow(owner.companySlug)!.id;
    const id = await invite(owner, member.email, "member");
    expect((await answer(member, { intent: "accept-invitation", invitationId: String(id) })).status).toBe(302);
  });

  it("sees the profile read-only and no invitations", async () => {
    await invite(owner, "pending@example.com");
    const page = await callLoader<{ isOwner: boolean; invitations: unknown[] }>(settingsLoader, `/employer/companies/${owner.companySlug}`, { slug: owner.companySlug }, { Cookie: member.cookie });
    expect(page.status).toBe(200);
    expect(page.data.isOwner).toBe(false);
    expect(page.data.invitations).toEqual([]);
  });

  it("cannot change the profile or the slug, invite, cancel, change roles or remove people", async () => {
    const before = companyById(companyId);
    const people = JSON.stringify(db().select().from(memberships).where(eq(memberships.companyId, companyId)).all());
    const invitations = JSON.stringify(invitationsTo(companyId));
    const pending = invitationsTo(companyId)[0]!;
    const attempts: Record<string, string>[] = [
      profileForm(owner.companySlug, "Hacked"),
      profileForm(`taken-over-${companyId}`),
      { intent: "save-company", name: "", slug: "" },
      { intent: "invite", email: "friend@example.com", role: "owner" },
      { intent: "cancel-invitation", invitationId: String(pending.id) },
      { intent: "change-role", userId: String(member.id), role: "owner" },
      { intent: "change-role", userId: String(owner.id), role: "member" },
      { intent: "remove-member", userId: String(owner.id) },
    ];
    for (const form of attempts) {
      const result = await settings(member, owner.companySlug, form);
      expect(result.status, JSON.stringify(form)).toBe(403);
    }
    expect(companyById(companyId)).toEqual(before);
    expect(JSON.stringify(db().select().from(memberships).where(eq(memberships.companyId, companyId)).all())).toBe(people);
    expect(JSON.stringify(invitationsTo(companyId))).toBe(invitations);
    expect(db().select().from(companySlugHistory).where(eq(companySlugHistory.companyId, companyId)).all()).toEqual([]);
  });

  it("is refused by the model itself, whatever the route does", () => {
    let thrown: unknown;
    try {
      updateCompanyProfile(member.id, companyId, { name: "Hacked", slug: "hacked-by-model" });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(403);
    expect(companyById(companyId)?.name).not.toBe("Hacked");
  });

  it("still posts roles, and can leave", async () => {
    const posted = await postForm(newRoleAction, `/employer/roles/new?company=${owner.companySlug}`, { ...ROLE_FORM, intent: "draft" }, { cookie: member.cookie });
    expect(posted.status).toBe(302);
    const left = await settings(member, owner.companySlug, { intent: "leave" });
    expect(left.status).toBe(302);
    expect(left.location).toBe("/employer?left=1");
    expect(membership(companyId, member.id)).toBeUndefined();
  });
});

describe("owners", () => {
  it("the last owner can be neither removed, nor demoted, nor leave; with a second owner they can", async () => {
    const alice = await employerWithCompany("sole");
    const bob = await signedInUser("second");
    const companyId = companyRow(alice.companySlug)!.id;
    const attempts: Record<string, string>[] = [
      { intent: "leave" },
      { intent: "remove-member", userId: String(alice.id) },
      { intent: "change-role", userId: String(alice.id), role: "member" },
    ];
    for (const form of attempts) {
      const result = await settings(alice, alice.companySlug, form);
      expect(result.status, form.intent).toBe(400);
      expect(JSON.stringify(result.data)).toContain("at least one owner");
      expect(membership(companyId, alice.id)?.role).toBe("owner");
    }

    const id = await invite(alice, bob.email, "member");
    expect((await answer(bob, { intent: "accept-invitation", invitationId: String(id) })).status).toBe(302);
    // An owner changes a member's role, both ways.
    expect((await settings(alice, alice.companySlug, { intent: "change-role", userId: String(bob.id), role: "owner" })).status).toBe(302);
    expect(membership(companyId, bob.id)?.role).toBe("owner");
    // With two owners, one may step down.
    expect((await settings(alice, alice.companySlug, { intent: "change-role", userId: String(alice.id), role: "member" })).status).toBe(302);
    expect(membership(companyId, alice.id)?.role).toBe("member");
    // Now Bob is the last owner: Alice, a member, cannot make herself an owner again.
    expect((await settings(alice, alice.companySlug, { intent: "change-role", userId: String(alice.id), role: "owner" })).status).toBe(403);
    expect((await settings(bob, alice.companySlug, { intent: "leave" })).status).toBe(400);
    // Bob removes Alice; he stays the one owner.
    expect((await settings(bob, alice.companySlug, { intent: "remove-member", userId: String(alice.id) })).status).toBe(302);
    expect(membership(companyId, alice.id)).toBeUndefined();
    expect(membership(companyId, bob.id)?.role).toBe("owner");
  });
});

describe("a changed slug", () => {
  let alice: Employer;
  let mallory: Employer;
  let oldSlug: string;
  let newSlug: string;
  let companyId: number;
  let roleSlug: string;
  beforeAll(async () => {
    alice = await employerWithCompany("renaming");
    mallory = await employerWithCompany("squatter");
    oldSlug = alice.companySlug;
    newSlug = `${oldSlug}-new`;
    companyId = companyRow(oldSlug)!.id;
    const published = await postForm(newRoleAction, `/employer/roles/new?company=${oldSlug}`, { ...ROLE_FORM, intent: "publish" }, { cookie: alice.cookie });
    expect(published.status).toBe(302);
    const saved = await settings(alice, oldSlug, profileForm(newSlug));
    expect(saved.status).toBe(302);
    expect(saved.location).toBe(`/employer/companies/${newSlug}?saved=profile`);
    roleSlug = (db().$client.prepare("SELECT slug FROM roles WHERE company_id = ? AND status = 'published'").get(companyId) as { slug: string }).slug;
  });

  it("leaves the old one reserved for the company", () => {
    expect(companyById(companyId)?.slug).toBe(newSlug);
    expect(db().select().from(companySlugHistory).where(eq(companySlugHistory.slug, oldSlug)).get()?.companyId).toBe(companyId);
  });

  it("/companies/<old> answers 301 to /companies/<new>, query kept", async () => {
    const page = await callLoader(companyPageLoader, `/companies/${oldSlug}?cursor=abc`, { slug: oldSlug });
    expect(page.status).toBe(301);
    expect(page.data).toBe(`/companies/${newSlug}?cursor=abc`);
    expect((await callLoader(companyPageLoader, `/companies/${newSlug}`, { slug: newSlug })).status).toBe(200);
  });

  it("searches, feeds and embeds filtered by the old slug still show the company's roles", async () => {
    const api = await callLoader<{ roles: { slug: string; company: { slug: string } }[] }>(apiRolesLoader, `/api/roles?company=${oldSlug}`);
    expect(api.status).toBe(200);
    expect(api.data.roles.map((role) => role.slug)).toContain(roleSlug);
    expect(new Set(api.data.roles.map((role) => role.company.slug))).toEqual(new Set([newSlug]));
  });

  it("no other company can take it: not when created, not by a rename", async () => {
    const created = await postForm(newCompanyAction, "/employer/companies/new", profileForm(oldSlug, "Squat Co"), { cookie: mallory.cookie });
    expect(created.status).toBe(400);
    expect(JSON.stringify(created.data)).toContain("That address is taken");
    const renamed = await settings(mallory, mallory.companySlug, profileForm(oldSlug, "Squat Co"));
    expect(renamed.status).toBe(400);
    expect((renamed.data as { result: { error: Record<string, string[]> } }).result.error.slug).toEqual(["That address is taken; choose another"]);
    expect(companyRow(oldSlug)).toBeUndefined();
    // The model refuses it too, race or no race.
    expect(() => updateCompanyProfile(mallory.id, companyRow(mallory.companySlug)!.id, { name: "Squat Co", slug: oldSlug })).toThrow();
    expect(companyRow(oldSlug)).toBeUndefined();
  });

  it("the company can take back one of its own old slugs; the newer one is reserved in turn", async () => {
    const back = await settings(alice, newSlug, profileForm(oldSlug));
    expect(back.status).toBe(302);
    expect(companyById(companyId)?.slug).toBe(oldSlug);
    const reserved = db().select().from(companySlugHistory).where(eq(companySlugHistory.companyId, companyId)).all().map((row) => row.slug);
    expect(reserved).toEqual([newSlug]);
    const page = await callLoader(companyPageLoader, `/companies/${newSlug}`, { slug: newSlug });
    expect(page.status).toBe(301);
    expect(page.data).toBe(`/companies/${oldSlug}`);
    // Saving without a slug change reserves nothing new.
    expect((await settings(alice, oldSlug, profileForm(oldSlug, "Same Slug Co"))).status).toBe(302);
    expect(db().select().from(companySlugHistory).where(eq(companySlugHistory.companyId, companyId)).all()).toHaveLength(1);
  });
});
