/**
 * Length limits on every free-text field (issue 11: "fields: length limits in the zod
 * schemas, shown in the forms"): the pages give each field its maxLength, and the server,
 * since maxLength is easily bypassed, answers a longer value with a message that says the
 * limit, beside the field.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.SESSION_SECRET = "field-limits-suite-secret-0123456789abcdef";
});

import { employerWithCompany, postForm, signedInUser } from "../support/accounts";
import { appPages, maxLengthOf, type PageRenderer } from "../support/app-bundle";
import { ROLE_FORM } from "../support/role-form";
import { db } from "~/models/db.server";
import { action as loginAction } from "~/routes/login";
import { action as signupAction } from "~/routes/signup";
import { action as newRoleAction } from "~/routes/employer.roles.new";
import { action as recruiterAction } from "~/routes/recruiter._index";
import { action as shortlistAction } from "~/routes/recruiter.shortlists.$publicId";

interface Reply {
  result: { error?: Record<string, string[] | null> };
}
const errorsOf = (answer: { data: unknown }) => (answer.data as Reply).result.error ?? {};

let employer: Awaited<ReturnType<typeof employerWithCompany>>;
let recruiter: Awaited<ReturnType<typeof signedInUser>>;
let shortlist = "";
let pages: PageRenderer;

beforeAll(async () => {
  employer = await employerWithCompany("limits");
  recruiter = await signedInUser("limits-rec");
  const made = await postForm(recruiterAction, "/recruiter", { intent: "create-shortlist", title: "Limits" }, { cookie: recruiter.cookie });
  shortlist = /\/recruiter\/shortlists\/([A-Za-z0-9]{12})/.exec(made.location ?? "")![1]!;
  pages = await appPages();
}, 120_000);

describe("the role form", () => {
  const limits = { title: 120, locationText: 120, countryCodes: 200, description: 20_000, howToApply: 500, otherTools: 200, gpuAccess: 300 };

  it("shows each text field's limit as maxLength", async () => {
    const page = await pages(`/employer/roles/new?company=${employer.companySlug}`, employer.cookie);
    expect(page.status).toBe(200);
    for (const [name, max] of Object.entries(limits)) expect(maxLengthOf(page.html, name), name).toBe(max);
    expect(page.html).toContain("Up to 20,000 characters.");
  });

  it("answers a longer value beside its field, saying the limit and the length sent", async () => {
    for (const [name, max] of Object.entries(limits)) {
      const value = name === "countryCodes" ? "US, ".repeat(60) : name === "howToApply" ? `https://jobs.example.com/${"a".repeat(max)}` : "x".repeat(max + 1);
      const answer = await postForm(newRoleAction, `/employer/roles/new?company=${employer.companySlug}`, { ...ROLE_FORM, intent: "draft", [name]: value }, { cookie: employer.cookie });
      expect(answer.status, name).toBe(400);
      expect(errorsOf(answer)[name], name).toEqual([`Use at most ${max.toLocaleString("en-US")} characters (this has ${value.trim().length.toLocaleString("en-US")})`]);
    }
  });
});

describe("sign-up and log-in", () => {
  it("show the limits as maxLength", async () => {
    const signup = await pages("/signup");
    expect([maxLengthOf(signup.html, "displayName"), maxLengthOf(signup.html, "email"), maxLengthOf(signup.html, "password")]).toEqual([100, 254, 1024]);
    const login = await pages("/login");
    expect([maxLengthOf(login.html, "email"), maxLengthOf(login.html, "password")]).toEqual([254, 1024]);
  });

  it("take a long passphrase (up to 1,024 characters) and refuse a longer one beside the field", async () => {
    const long = "correct horse battery staple ".repeat(20).slice(0, 500);
    const email = `passphrase-${process.pid}@example.com`;
    const made = await postForm(signupAction, "/signup", { displayName: "Pass Phrase", email, password: long });
    expect(made.status, JSON.stringify(made.data)).toBe(302);
    expect((await postForm(loginAction, "/login", { email, password: long })).status).toBe(302);

    const tooLong = "p".repeat(1_025);
    const refused = await postForm(signupAction, "/signup", { displayName: "Too Long", email: `too-long-${process.pid}@example.com`, password: tooLong });
    expect(refused.status).toBe(400);
    expect(errorsOf(refused).password).toEqual(["Use at most 1,024 characters"]);
    const login = await postForm(loginAction, "/login", { email, password: tooLong });
    expect(login.status).toBe(400);
    expect(errorsOf(login).password).toEqual(["Passwords have at most 1,024 characters"]);
  });

  it("refuse a name or an email address past its limit beside the field", async () => {
    const answer = await postForm(signupAction, "/signup", { displayName: "n".repeat(101), email: `${"e".repeat(250)}@example.com`, password: "long enough password" });
    expect(answer.status).toBe(400);
    expect(errorsOf(answer).displayName).toEqual(["Use at most 100 characters for your name"]);
    expect(errorsOf(answer).email).toEqual(["An email address has at most 254 characters"]);
  });

  it("drop an over-long redirect target instead of failing on a field no one can see", async () => {
    const email = `redirect-${process.pid}@example.com`;
    const answer = await postForm(signupAction, "/signup", { displayName: "Redirected", email, password: "long enough password", redirectTo: `/${"r".repeat(3_000)}` });
    expect(answer.status).toBe(302);
    expect(answer.location).toBe("/employer");
  });
});

describe("the recruiter's forms", () => {
  it("show the limits as maxLength", async () => {
    const dashboard = await pages("/recruiter", recruiter.cookie);
    expect([maxLengthOf(dashboard.html, "role"), maxLengthOf(dashboard.html, "label"), maxLengthOf(dashboard.html, "title")]).toEqual([500, 80, 120]);
    const list = await pages(`/recruiter/shortlists/${shortlist}`, recruiter.cookie);
    expect([maxLengthOf(list.html, "role"), maxLengthOf(list.html, "note"), maxLengthOf(list.html, "title")]).toEqual([500, 500, 120]);
    expect(/<textarea[^>]*name="note"[^>]*maxLength="2000"|<textarea[^>]*maxLength="2000"[^>]*name="note"/i.test(list.html)).toBe(true);
  });

  it("answer a longer value with a message beside the field, naming its limit", async () => {
    const slug = (db().$client.prepare("SELECT slug FROM roles WHERE status = 'published' AND expires_at > ? LIMIT 1").get(Date.now()) as { slug: string }).slug;
    type Action = (args: Parameters<typeof recruiterAction>[0]) => Promise<unknown>;
    const cases: [Action, string, Record<string, string>, string, string][] = [
      [recruiterAction, "/recruiter", { intent: "create-link", role: slug, label: "l".repeat(81) }, "label", "A link's label is at most 80 characters"],
      [recruiterAction, "/recruiter", { intent: "create-link", role: `https://x.example/roles/${"a".repeat(500)}` }, "role", "A role's link is at most 500 characters: paste the address of its page"],
      [recruiterAction, "/recruiter", { intent: "create-shortlist", title: "t".repeat(121) }, "title", "A shortlist's name is at most 120 characters"],
      [recruiterAction, "/recruiter", { intent: "create-shortlist", title: "ok", note: "n".repeat(2_001) }, "note", "A shortlist's note is at most 2,000 characters"],
      [shortlistAction, `/recruiter/shortlists/${shortlist}`, { intent: "add", role: slug, note: "n".repeat(501) }, "note", "A note on a role is at most 500 characters"],
      [shortlistAction, `/recruiter/shortlists/${shortlist}`, { intent: "rename", title: "t".repeat(121) }, "title", "A shortlist's name is at most 120 characters"],
      [shortlistAction, `/recruiter/shortlists/${shortlist}`, { intent: "rename", title: "ok", note: "n".repeat(2_001) }, "note", "A shortlist's note is at most 2,000 characters"],
    ];
    for (const [action, path, form, field, message] of cases) {
      const answer = await postForm(action as typeof recruiterAction, path, form, { cookie: recruiter.cookie, params: { publicId: shortlist } });
      expect(answer.status, message).toBe(400);
      expect(errorsOf(answer)[field], message).toEqual([message]);
    }
  });
});
