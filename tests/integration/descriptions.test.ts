/**
 * Descriptions are rendered once, when they are saved, and page views only read the stored
 * HTML: the renderer is watched (a spy around each of its functions) while the public pages,
 * feeds and the editor load, and the HTML they show is whatever the row holds. Every write
 * of a description stores its HTML, and the backfill renders rows stored without it.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { companies, roles } from "../../db/schema";
import { employerWithCompany, postForm } from "../support/accounts";
import { callLoader } from "../support/loaders";
import { ROLE_FORM } from "../support/role-form";
import * as markdown from "~/lib/markdown.server";
import { backfillDescriptions, type BackfillProgress } from "~/models/description.server";
import { db } from "~/models/db.server";
import { loader as apiRoleLoader } from "~/routes/api.roles.$slug";
import { loader as companyLoader } from "~/routes/companies.$slug";
import { action as employerCompanyAction } from "~/routes/employer.companies.$slug";
import { action as previewAction } from "~/routes/employer.markdown-preview";
import { action as editAction, loader as editLoader } from "~/routes/employer.roles.$id";
import { action as newRoleAction } from "~/routes/employer.roles.new";
import { loader as atomLoader } from "~/routes/feeds.roles[.]atom";
import { loader as jsonFeedLoader } from "~/routes/feeds.roles[.]json";
import { loader as roleLoader } from "~/routes/roles.$slug";

vi.mock("~/lib/markdown.server", async (importOriginal) => {
  const actual = await importOriginal<typeof import("~/lib/markdown.server")>();
  return {
    ...actual,
    renderMarkdown: vi.fn(actual.renderMarkdown),
    renderDescription: vi.fn(actual.renderDescription),
    markdownToText: vi.fn(actual.markdownToText),
    htmlToText: vi.fn(actual.htmlToText),
  };
});

/** The real renderer, for expected values (the mocked module's functions count calls). */
const actual = await vi.importActual<typeof import("~/lib/markdown.server")>("~/lib/markdown.server");

function rendererCalls(): number {
  return [markdown.renderMarkdown, markdown.renderDescription, markdown.markdownToText, markdown.htmlToText].reduce(
    (sum, fn) => sum + vi.mocked(fn).mock.calls.length,
    0,
  );
}

const roleRow = (id: number) => db().select().from(roles).where(eq(roles.id, id)).get()!;
const companyRow = (slug: string) => db().select().from(companies).where(eq(companies.slug, slug)).get()!;

let alice: Awaited<ReturnType<typeof employerWithCompany>>;
let roleId: number;

beforeAll(async () => {
  alice = await employerWithCompany("describer");
  const created = await postForm(
    newRoleAction,
    `/employer/roles/new?company=${alice.companySlug}`,
    { ...ROLE_FORM, description: "## Duties\n\nShip **agents** and [tools](https://example.com/tools).\n\n- one\n- two", intent: "publish" },
    { cookie: alice.cookie },
  );
  roleId = Number(/\/employer\/roles\/(\d+)/.exec(created.location ?? "")?.[1]);
  expect(roleRow(roleId).status).toBe("published");
});

beforeEach(() => vi.clearAllMocks());

describe("saving a description stores its HTML", () => {
  it("publishing a role stores the rendered HTML and the summary with it", () => {
    const row = roleRow(roleId);
    const expected = actual.renderDescription(row.description);
    expect(row.descriptionHtml).toBe(expected.html);
    expect(row.descriptionHtml).toContain("<strong>agents</strong>");
    expect(row.descriptionText).toBe("Duties Ship agents and tools. one two");
  });

  it("editing the description stores the new HTML; a duplicate carries it", async () => {
    const edited = await postForm(
      editAction,
      `/employer/roles/${roleId}`,
      { ...ROLE_FORM, description: "## Duties\n\nNow with ~~fewer~~ more *emphasis* than before, and longer.", intent: "save" },
      { cookie: alice.cookie, params: { id: String(roleId) } },
    );
    expect(edited.status).toBe(302);
    expect(roleRow(roleId).descriptionHtml).toContain("<del>fewer</del>");
    expect(roleRow(roleId).descriptionText).toBe("Duties Now with fewer more emphasis than before, and longer.");

    const duplicated = await postForm(editAction, `/employer/roles/${roleId}`, { intent: "duplicate" }, { cookie: alice.cookie, params: { id: String(roleId) } });
    const copyId = Number(/\/employer\/roles\/(\d+)/.exec(duplicated.location ?? "")?.[1]);
    expect(copyId).not.toBe(roleId);
    expect(roleRow(copyId).descriptionHtml).toBe(roleRow(roleId).descriptionHtml);
    expect(roleRow(copyId).descriptionText).toBe(roleRow(roleId).descriptionText);
  });

  it("saving the company profile stores its HTML", async () => {
    const saved = await postForm(
      employerCompanyAction,
      `/employer/companies/${alice.companySlug}`,
      { intent: "save-company", name: "Describer Co", slug: alice.companySlug, description: "We make **agents**.\n\n<script>alert(1)</script>" },
      { cookie: alice.cookie, params: { slug: alice.companySlug } },
    );
    expect(saved.status).toBe(302);
    expect(companyRow(alice.companySlug).descriptionHtml).toBe("<p>We make <strong>agents</strong>.</p>\n");
  });
});

describe("the previews", () => {
  it("render pathological Markdown up to 20,000 characters, and refuse more", async () => {
    const deep = await postForm(previewAction, "/employer/markdown-preview", { markdown: ">".repeat(6000) + "x" }, { cookie: alice.cookie });
    expect(deep.status).toBe(200);
    expect((deep.data as { html: string }).html).toContain("<blockquote>");
    const longest = await postForm(previewAction, "/employer/markdown-preview", { markdown: "._a".repeat(6666) + "xx" }, { cookie: alice.cookie });
    expect(longest.status).toBe(200);
    const tooLong = await postForm(previewAction, "/employer/markdown-preview", { markdown: "a".repeat(20_001) }, { cookie: alice.cookie });
    expect(tooLong.status).toBe(400);
    expect((tooLong.data as { error: string }).error).toMatch(/20,000 characters/);
  });

  it("the role form's server-rendered preview (without JavaScript) saves nothing", async () => {
    const before = db().$client.prepare("select count(*) from roles").pluck().get();
    const answer = await postForm(
      newRoleAction,
      `/employer/roles/new?company=${alice.companySlug}`,
      { ...ROLE_FORM, description: `${">".repeat(6000)}x`, intent: "preview" },
      { cookie: alice.cookie },
    );
    expect(answer.status).toBe(200);
    expect((answer.data as { descriptionPreviewHtml: string }).descriptionPreviewHtml).toContain("<blockquote>");
    expect(db().$client.prepare("select count(*) from roles").pluck().get()).toBe(before);
  });
});

describe("requests render in the Markdown pool's threads, never on the event loop", () => {
  it("the preview, the form's preview, a role's save and a company's save call no renderer in this thread", async () => {
    const preview = await postForm(previewAction, "/employer/markdown-preview", { markdown: "._a".repeat(6666) }, { cookie: alice.cookie });
    expect(preview.status).toBe(200);
    expect((preview.data as { html: string }).html).toBe(actual.renderMarkdown("._a".repeat(6666)));
    const formPreview = await postForm(
      newRoleAction,
      `/employer/roles/new?company=${alice.companySlug}`,
      { ...ROLE_FORM, description: "Pool **preview** of a role that is long enough to publish.", intent: "preview" },
      { cookie: alice.cookie },
    );
    expect((formPreview.data as { descriptionPreviewHtml: string }).descriptionPreviewHtml).toContain("<strong>preview</strong>");
    const description = "## Pool\n\nSaved through the **pool**, a description long enough to publish.";
    const saved = await postForm(
      editAction,
      `/employer/roles/${roleId}`,
      { ...ROLE_FORM, description, intent: "save" },
      { cookie: alice.cookie, params: { id: String(roleId) } },
    );
    expect(saved.status).toBe(302);
    expect(roleRow(roleId).descriptionHtml).toBe(actual.renderDescription(description).html);
    expect(roleRow(roleId).descriptionText).toBe(actual.renderDescription(description).text);
    const company = await postForm(
      employerCompanyAction,
      `/employer/companies/${alice.companySlug}`,
      { intent: "save-company", name: "Describer Co", slug: alice.companySlug, description: "Pooled **company**." },
      { cookie: alice.cookie, params: { slug: alice.companySlug } },
    );
    expect(company.status).toBe(302);
    expect(companyRow(alice.companySlug).descriptionHtml).toBe("<p>Pooled <strong>company</strong>.</p>\n");
    expect(rendererCalls()).toBe(0);
  });
});

describe("page views read the stored HTML and never render Markdown", () => {
  it("the role page, its structured data, the company page, the editor, the API and the feeds", async () => {
    const role = roleRow(roleId);
    const storedHtml = '<p>Stored at save time <strong>9f3c</strong></p>';
    db().update(roles).set({ descriptionHtml: storedHtml, descriptionText: "Stored at save time 9f3c" }).where(eq(roles.id, roleId)).run();
    db().update(companies).set({ descriptionHtml: "<p>Company HTML 9f3c</p>" }).where(eq(companies.slug, alice.companySlug)).run();
    vi.clearAllMocks();

    const page = await callLoader<{ descriptionHtml: string; summary: string; jsonLd: string }>(roleLoader, `/roles/${role.slug}`, { slug: role.slug });
    expect(page.status).toBe(200);
    expect(page.data.descriptionHtml).toBe(storedHtml);
    expect(page.data.summary).toBe("Stored at save time 9f3c");
    expect(page.data.jsonLd).toContain("Stored at save time");

    const company = await callLoader<{ company: { descriptionHtml: string } }>(companyLoader, `/companies/${alice.companySlug}`, { slug: alice.companySlug });
    expect(company.data.company.descriptionHtml).toBe("<p>Company HTML 9f3c</p>");

    const editor = await callLoader<{ descriptionPreviewHtml: string }>(editLoader, `/employer/roles/${roleId}`, { id: String(roleId) }, { Cookie: alice.cookie });
    expect(editor.data.descriptionPreviewHtml).toBe(storedHtml);

    expect((await callLoader(apiRoleLoader, `/api/roles/${role.slug}`, { slug: role.slug })).status).toBe(200);
    expect((await callLoader(atomLoader, "/feeds/roles.atom")).status).toBe(200);
    expect((await callLoader(jsonFeedLoader, "/feeds/roles.json")).status).toBe(200);
    expect(rendererCalls()).toBe(0);
  });

  it("a row stored without HTML shows its Markdown as plain text, still without rendering", async () => {
    const role = roleRow(roleId);
    db().update(roles).set({ descriptionHtml: null, descriptionText: null }).where(eq(roles.id, roleId)).run();
    vi.clearAllMocks();
    const page = await callLoader<{ descriptionHtml: string | null; summary: string; role: { description: string } }>(roleLoader, `/roles/${role.slug}`, {
      slug: role.slug,
    });
    expect(page.status).toBe(200);
    expect(page.data.descriptionHtml).toBeNull();
    expect(page.data.summary).toBe("");
    expect(page.data.role.description).toBe(role.description);
    expect(rendererCalls()).toBe(0);
    await backfillDescriptions(db(), { force: true, quiet: true });
  });
});

describe("the backfill", () => {
  it("renders every role and company stored without HTML, in batches, and is idempotent", async () => {
    const someRoles = db().select({ id: roles.id }).from(roles).limit(7).all().map((r) => r.id);
    const someCompanies = db().select({ id: companies.id }).from(companies).limit(3).all().map((c) => c.id);
    for (const id of someRoles.slice(0, 6)) db().update(roles).set({ descriptionHtml: null, descriptionText: null }).where(eq(roles.id, id)).run();
    // A summary alone missing counts too.
    db().update(roles).set({ descriptionText: null }).where(eq(roles.id, someRoles[6]!)).run();
    for (const id of someCompanies) db().update(companies).set({ descriptionHtml: null }).where(eq(companies.id, id)).run();

    const progress: BackfillProgress[] = [];
    const summary = await backfillDescriptions(db(), { force: true, batchSize: 3, onProgress: (p) => progress.push(p) });
    expect(summary).toEqual({ skipped: false, roles: 7, companies: 3 });
    expect(progress.filter((p) => p.table === "roles").map((p) => `${p.done}/${p.total}`)).toEqual(["3/7", "6/7", "7/7"]);

    for (const id of someRoles) {
      const row = roleRow(id);
      expect(row.descriptionHtml).toBe(actual.renderDescription(row.description).html);
      expect(row.descriptionText).toBe(actual.renderDescription(row.description).text);
    }
    for (const id of someCompanies) {
      const row = db().select().from(companies).where(eq(companies.id, id)).get()!;
      expect(row.descriptionHtml).toBe(actual.renderDescription(row.description).html);
    }
    expect(db().$client.prepare("select count(*) from roles where description_html is null or description_text is null").pluck().get()).toBe(0);

    // Nothing left: a forced pass renders nothing, and an unforced one (a server start) does
    // not even look, once a pass has found everything rendered.
    vi.clearAllMocks();
    expect(await backfillDescriptions(db(), { force: true, quiet: true })).toEqual({ skipped: false, roles: 0, companies: 0 });
    expect(await backfillDescriptions(db(), { quiet: true })).toEqual({ skipped: true, roles: 0, companies: 0 });
    expect(rendererCalls()).toBe(0);
  });

  it("the server's pass renders in the Markdown pool, not in this thread", async () => {
    const someRoles = db().select({ id: roles.id }).from(roles).limit(5).all().map((r) => r.id);
    for (const id of someRoles) db().update(roles).set({ descriptionHtml: null, descriptionText: null }).where(eq(roles.id, id)).run();
    vi.clearAllMocks();
    const summary = await backfillDescriptions(db(), { force: true, quiet: true, offThread: true, batchSize: 2 });
    expect(summary).toEqual({ skipped: false, roles: 5, companies: 0 });
    expect(rendererCalls()).toBe(0);
    for (const id of someRoles) {
      const row = roleRow(id);
      expect(row.descriptionHtml).toBe(actual.renderDescription(row.description).html);
      expect(row.descriptionText).toBe(actual.renderDescription(row.description).text);
    }
  });

  describe("run by `npm run db:migrate` on a database stored before the HTML columns", () => {
    let dir: string;
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "tokenboard-backfill-"));
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("fills every description and says how many", () => {
      const file = path.join(dir, "old.db");
      db().$client.exec(`VACUUM INTO '${file.replace(/'/g, "''")}'`);
      const old = new Database(file);
      // As migration 0004 left an older database: every description without its HTML.
      old.exec("update roles set description_html = null, description_text = null; update companies set description_html = null; pragma user_version = 0");
      const total = old.prepare("select count(*) from roles").pluck().get() as number;
      old.close();

      const output = execFileSync(path.resolve("node_modules/.bin/tsx"), ["db/migrate.ts", "--db", file], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
      expect(output).toMatch(new RegExp(`rendered ${total} role and \\d+ company descriptions`));

      const migrated = new Database(file, { readonly: true });
      try {
        expect(migrated.prepare("select count(*) from roles where description_html is null or description_text is null").pluck().get()).toBe(0);
        expect(migrated.prepare("select count(*) from companies where description_html is null").pluck().get()).toBe(0);
        const sample = migrated.prepare("select description, description_html as html from roles order by id limit 1").get() as { description: string; html: string };
        expect(sample.html).toBe(actual.renderDescription(sample.description).html);
      } finally {
        migrated.close();
      }
      // A child process renders a few hundred descriptions: give a busy machine time.
    }, 120_000);
  });
});
