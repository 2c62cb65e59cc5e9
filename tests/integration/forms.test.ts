/**
 * The forms of issue 13 as an action sees them: one schema per intent (conform) answers every
 * error beside its field with what was typed kept; a tracked link is never left unnamed; a
 * company's address is made from its name when left empty; a role's address is made of its
 * title's visible words; the company-people forms name the problem.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { companies, roles, trackedLinks } from "../../db/schema";
import { employerWithCompany, postForm, signedInUser } from "../support/accounts";
import { ROLE_FORM } from "../support/role-form";
import { dateLabel } from "~/lib/format";
import { db } from "~/models/db.server";
import { action as recruiterAction } from "~/routes/recruiter._index";
import { action as shortlistAction } from "~/routes/recruiter.shortlists.$publicId";
import { action as newCompanyAction } from "~/routes/employer.companies.new";
import { action as companySettingsAction } from "~/routes/employer.companies.$slug";
import { action as newRoleAction } from "~/routes/employer.roles.new";

interface Reply {
  form: string;
  result: { status?: string; initialValue?: Record<string, unknown>; error?: Record<string, string[] | null> };
}
const reply = (answer: { data: unknown }) => answer.data as Reply;

let recruiter: Awaited<ReturnType<typeof signedInUser>>;
let open: { slug: string; title: string };
let shortlist = "";

beforeAll(async () => {
  recruiter = await signedInUser("forms");
  open = db().$client.prepare("SELECT slug, title FROM roles WHERE status = 'published' AND expires_at > ? ORDER BY id LIMIT 1").get(Date.now() + 86_400_000) as typeof open;
  const made = await postForm(recruiterAction, "/recruiter", { intent: "create-shortlist", title: "Forms" }, { cookie: recruiter.cookie });
  shortlist = /\/recruiter\/shortlists\/([A-Za-z0-9]{12})/.exec(made.location ?? "")![1]!;
});

describe("the recruiter's forms", () => {
  it("a new link with neither a role nor a shortlist, and a long label: both errors beside their fields, the label kept", async () => {
    const answer = await postForm(recruiterAction, "/recruiter", { intent: "create-link", role: "", label: "x".repeat(81) }, { cookie: recruiter.cookie });
    expect(answer.status).toBe(400);
    const { form, result } = reply(answer);
    expect(form).toBe("create-link");
    expect(result.error?.role).toEqual(["Paste the link of an open role, or choose a shortlist"]);
    expect(result.error?.label).toEqual(["A link's label is at most 80 characters"]);
    expect(result.initialValue).toMatchObject({ label: "x".repeat(81) });
  });

  it("a link that is not a role's answers beside the role field; a closed role's too", async () => {
    const bad = await postForm(recruiterAction, "/recruiter", { intent: "create-link", role: "https://example.com/jobs?id=1 2", label: "Mastodon" }, { cookie: recruiter.cookie });
    expect(reply(bad).result.error?.role).toEqual(["Paste the link of a role on Tokenboard"]);
    expect(reply(bad).result.initialValue).toMatchObject({ label: "Mastodon" });
    const closed = await postForm(recruiterAction, "/recruiter", { intent: "create-link", role: "no-such-role-anywhere", label: "Mastodon" }, { cookie: recruiter.cookie });
    expect(closed.status).toBe(400);
    expect(reply(closed).result.error?.role).toEqual(["Links can be made to open roles only."]);
  });

  it("a link made without a label is named after its role and the day", async () => {
    const answer = await postForm(recruiterAction, "/recruiter", { intent: "create-link", role: open.slug }, { cookie: recruiter.cookie });
    expect(answer.status).toBe(302);
    const code = new URL(answer.location!, "http://localhost").searchParams.get("created")!;
    const link = db().select().from(trackedLinks).where(eq(trackedLinks.code, code)).get()!;
    expect(link.label).toContain(open.title.slice(0, 40));
    expect(link.label).toMatch(new RegExp(`, shared ${dateLabel(Date.now())}$`));
    expect(link.label.length).toBeLessThanOrEqual(80);
    // A given label is kept as typed (trimmed).
    const named = await postForm(recruiterAction, "/recruiter", { intent: "create-link", role: open.slug, label: "  LinkedIn post " }, { cookie: recruiter.cookie });
    const namedCode = new URL(named.location!, "http://localhost").searchParams.get("created")!;
    expect(db().select().from(trackedLinks).where(eq(trackedLinks.code, namedCode)).get()!.label).toBe("LinkedIn post");
  });

  it("the shortlist page: an unknown role and a long note at once, beside their fields", async () => {
    const params = { publicId: shortlist };
    const answer = await postForm(shortlistAction, `/recruiter/shortlists/${shortlist}`, { intent: "add", role: "not a link at all", note: "n".repeat(501) }, { cookie: recruiter.cookie, params });
    expect(answer.status).toBe(400);
    const { form, result } = reply(answer);
    expect(form).toBe("add");
    expect(result.error?.role).toEqual(["Paste the link of a role on Tokenboard"]);
    expect(result.error?.note).toEqual(["A note on a role is at most 500 characters"]);
    expect(result.initialValue).toMatchObject({ role: "not a link at all" });
    // A role that is not published: beside the role field too.
    const missing = await postForm(shortlistAction, `/recruiter/shortlists/${shortlist}`, { intent: "add", role: "no-such-role-anywhere" }, { cookie: recruiter.cookie, params });
    expect(reply(missing).result.error?.role?.[0]).toMatch(/^No published role has that address/);
    // A note form says which role's note it was.
    const note = await postForm(shortlistAction, `/recruiter/shortlists/${shortlist}`, { intent: "note", roleId: "7", note: "n".repeat(501) }, { cookie: recruiter.cookie, params });
    expect(reply(note).form).toBe("note-7");
    expect(reply(note).result.error?.note).toEqual(["A note on a role is at most 500 characters"]);
    // An unknown intent is a 400 that says so, not a 500.
    const unknown = await postForm(shortlistAction, `/recruiter/shortlists/${shortlist}`, { intent: "toString" }, { cookie: recruiter.cookie, params });
    expect(unknown.status).toBe(400);
  });
});

describe("company forms", () => {
  it("a company created with its address left empty gets one made from its name", async () => {
    const owner = await signedInUser("slugless");
    const name = `Zörg & Daughters ${process.pid}`;
    const answer = await postForm(newCompanyAction, "/employer/companies/new", { intent: "save-company", name, slug: "" }, { cookie: owner.cookie });
    expect(answer.status, JSON.stringify(answer.data)).toBe(302);
    const slug = `zorg-and-daughters-${process.pid}`;
    expect(answer.location).toBe(`/employer?company=${slug}&created=1`);
    expect(db().select().from(companies).where(eq(companies.slug, slug)).get()?.name).toBe(name);
    // A name with no letters or digits gives no address: the form says to choose one.
    const none = await postForm(newCompanyAction, "/employer/companies/new", { intent: "save-company", name: "!!!", slug: "" }, { cookie: owner.cookie });
    expect(none.status).toBe(400);
    expect((none.data as Reply).result.error?.slug).toEqual(["Choose the address of your company page"]);
  });

  it("the people forms answer a crafted value with a message naming the problem", async () => {
    const owner = await employerWithCompany("people-forms");
    const path = `/employer/companies/${owner.companySlug}`;
    const params = { slug: owner.companySlug };
    const role = await postForm(companySettingsAction, path, { intent: "change-role", userId: "12", role: "emperor" }, { cookie: owner.cookie, params });
    expect(role.status).toBe(400);
    expect(role.data).toMatchObject({ form: "people", error: "Choose owner or member" });
    const cancel = await postForm(companySettingsAction, path, { intent: "cancel-invitation", invitationId: "-3" }, { cookie: owner.cookie, params });
    expect(cancel.data).toMatchObject({ form: "people", error: "Choose an invitation to cancel" });
  });
});

describe("role addresses", () => {
  it("are made of the title's visible words, without leftovers of markup", async () => {
    const employer = await employerWithCompany("markup");
    const answer = await postForm(newRoleAction, `/employer/roles/new?company=${employer.companySlug}`, { ...ROLE_FORM, title: "<b>bold</b> Engineer &amp; Lead", intent: "draft" }, { cookie: employer.cookie });
    expect(answer.status, JSON.stringify(answer.data)).toBe(302);
    const id = Number(/\/employer\/roles\/(\d+)/.exec(answer.location ?? "")?.[1]);
    const { slug } = db().select({ slug: roles.slug }).from(roles).where(eq(roles.id, id)).get()!;
    expect(slug).toMatch(new RegExp(`^bold-engineer-lead-${employer.companySlug}-[0-9a-f]{6}$`));
    expect(slug).not.toMatch(/(^|-)b(-|$)|amp/);
  });
});
