/**
 * `/roles/:slug/apply` never answers 500, whatever is stored as the role's apply link or email
 * (issue 11, item 10: a URL with a line break made it throw). A value that is not one valid
 * link or address sends the candidate to the role's page; a valid one is still the target.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { callLoader } from "../support/loaders";
import { db } from "~/models/db.server";
import { loader as applyLoader } from "~/routes/roles_.$slug.apply";

const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";
let role: { id: number; slug: string };

beforeAll(() => {
  role = db().$client.prepare("SELECT id, slug FROM roles WHERE status = 'published' AND expires_at > ? ORDER BY id LIMIT 1").get(Date.now()) as typeof role;
});

function store(applyUrl: string | null, applyEmail: string | null) {
  db().$client.prepare("UPDATE roles SET apply_url = ?, apply_email = ? WHERE id = ?").run(applyUrl, applyEmail, role.id);
}

async function apply() {
  try {
    return await callLoader<string>(applyLoader, `/roles/${role.slug}/apply`, { slug: role.slug }, { "User-Agent": BROWSER });
  } catch (error) {
    // What Remix would answer with a 500.
    return { status: 500, data: String(error), headers: new Headers() };
  }
}

describe("an odd stored apply target", () => {
  it.each([
    ["a URL with a line break", "https://jobs.example.com/apply\nLocation: https://evil.example", null],
    ["a URL with a carriage return", "https://jobs.example.com/apply\r\nSet-Cookie: x=1", null],
    ["a URL with a NUL", "https://jobs.example.com/\u0000", null],
    ["an unparseable URL", "https://[not-a-host/apply", null],
    ["another scheme", "javascript:alert(1)", null],
    ["credentials", "https://jobs.example.com@evil.example/", null],
    ["an email with a line break", null, "jobs@example.com\nBcc: all@example.com"],
    ["two emails", null, "jobs@example.com, hr@example.com"],
  ])("%s: the role's page, not a 500", async (_what, applyUrl, applyEmail) => {
    store(applyUrl, applyEmail);
    const answer = await apply();
    expect(answer.status).toBe(302);
    expect(answer.data).toBe(`/roles/${role.slug}`);
  });
});

describe("a valid stored apply target", () => {
  it("a link: kept as written, attribution added", async () => {
    store("https://jobs.example.com/apply?id=7#form", null);
    const answer = await apply();
    expect(answer.status).toBe(302);
    expect(answer.data).toBe("https://jobs.example.com/apply?id=7&utm_source=tokenboard&utm_medium=job_board#form");
  });

  it("a link with characters a Location header cannot carry: sent in its encoded form", async () => {
    store("https://jobs.example.com/stellen/ingenieur-für-agenten-€", null);
    const answer = await apply();
    expect(answer.status).toBe(302);
    expect(answer.data).toBe("https://jobs.example.com/stellen/ingenieur-f%C3%BCr-agenten-%E2%82%AC?utm_source=tokenboard&utm_medium=job_board");
    // And the answer can be written as an HTTP header at all.
    expect(() => new Headers({ Location: answer.data })).not.toThrow();
  });

  it("an email address", async () => {
    store(null, "jobs@example.com");
    const answer = await apply();
    expect(answer.status).toBe(302);
    expect(answer.data).toMatch(/^mailto:jobs@example\.com\?subject=/);
  });
});
