/**
 * Absolute URLs come from PUBLIC_URL only (issue 11, item 6). The Express adapter builds a
 * request's URL from X-Forwarded-Host or Host, which any client sets; before PUBLIC_URL, the
 * API, feeds, sitemap, embed and a role page's canonical link, OG tags and JSON-LD pointed
 * wherever those headers said, in answers that shared caches keep and hand to everyone.
 * Every loader here gets a request whose URL and headers name other hosts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { postForm, signedInUser } from "../support/accounts";
import { callLoader } from "../support/loaders";
import { db } from "~/models/db.server";
import { loader as apiRoleLoader } from "~/routes/api.roles.$slug";
import { loader as apiRolesLoader } from "~/routes/api.roles";
import { loader as companyLoader } from "~/routes/companies.$slug";
import { loader as embedLoader } from "~/routes/embed.roles";
import { loader as atomLoader } from "~/routes/feeds.roles[.]atom";
import { loader as jsonFeedLoader } from "~/routes/feeds.roles[.]json";
import { action as recruiterAction, loader as recruiterLoader } from "~/routes/recruiter._index";
import { loader as shortlistLoader } from "~/routes/recruiter.shortlists.$publicId";
import { loader as robotsLoader } from "~/routes/robots[.]txt";
import { loader as roleLoader, meta as roleMeta } from "~/routes/roles.$slug";
import { loader as sitemapLoader } from "~/routes/sitemap[.]xml";
import { loader as sitemapFileLoader } from "~/routes/sitemaps.$file";

// Configuration is read on first use, after this line.
const SITE = "https://jobs.tokenboard.example";
process.env.PUBLIC_URL = `${SITE}/`;

/** The request as the Express adapter would build it from a hostile client's headers. */
const HOSTILE_ORIGIN = "https://attacker.example";
const HOSTILE_HEADERS = { Host: "evil.example", "X-Forwarded-Host": "attacker.example", "X-Forwarded-Proto": "https" };

type Loader = Parameters<typeof callLoader>[0];

async function answer(loader: Loader, path: string, params: Record<string, string> = {}, headers: Record<string, string> = {}) {
  const result = await callLoader<unknown>(loader, path, params, { ...HOSTILE_HEADERS, ...headers }, {}, HOSTILE_ORIGIN);
  expect(result.status, path).toBeLessThan(300);
  return typeof result.data === "string" ? result.data : JSON.stringify(result.data);
}

/** Names only PUBLIC_URL: no hostile host, and no origin but PUBLIC_URL for this site's paths. */
function expectOnlyPublicUrl(body: string, what: string) {
  expect(body, what).toContain(`${SITE}/`);
  expect(body, what).not.toMatch(/evil\.example|attacker\.example/);
  // The trailing slash of the configured value is normalized away.
  expect(body, what).not.toContain(`${SITE}//`);
}

let listed: { slug: string; companySlug: string };
let recruiter: Awaited<ReturnType<typeof signedInUser>>;

beforeAll(async () => {
  listed = db()
    .$client.prepare(
      "SELECT r.slug, c.slug AS companySlug FROM roles r JOIN companies c ON c.id = r.company_id WHERE r.status = 'published' AND r.expires_at > ? ORDER BY r.id LIMIT 1",
    )
    .get(Date.now()) as typeof listed;
  recruiter = await signedInUser("publicurl");
});

describe("absolute URLs with hostile Host and X-Forwarded-Host headers", () => {
  it("the JSON API names PUBLIC_URL in every role and company url", async () => {
    const list = JSON.parse(await answer(apiRolesLoader, "/api/roles?limit=5")) as { roles: { url: string }[] };
    expect(list.roles).toHaveLength(5);
    for (const role of list.roles) expect(role.url.startsWith(`${SITE}/roles/`), role.url).toBe(true);
    const one = JSON.parse(await answer(apiRoleLoader, `/api/roles/${listed.slug}`, { slug: listed.slug })) as { url: string; company: { url: string } };
    expect(one.url).toBe(`${SITE}/roles/${listed.slug}`);
    expect(one.company.url).toBe(`${SITE}/companies/${listed.companySlug}`);
  });

  it("the feeds' self, alternate and entry links and ids", async () => {
    const atom = await answer(atomLoader, "/feeds/roles.atom?workplace=remote");
    expectOnlyPublicUrl(atom, "atom");
    expect(atom).toContain(`href="${SITE}/feeds/roles.atom?workplace=remote"`);
    expect(atom).toContain(`<id>${SITE}/roles/`);
    const json = JSON.parse(await answer(jsonFeedLoader, "/feeds/roles.json?workplace=remote")) as {
      home_page_url: string;
      feed_url: string;
      items: { id: string; url: string }[];
    };
    expect(json.home_page_url).toBe(`${SITE}/roles?workplace=remote`);
    expect(json.feed_url).toBe(`${SITE}/feeds/roles.json?workplace=remote`);
    for (const item of json.items) {
      expect(item.id.startsWith(`${SITE}/roles/`)).toBe(true);
      expect(item.url).toBe(item.id);
    }
  });

  it("the sitemap index, every sitemap and robots.txt", async () => {
    const index = await answer(sitemapLoader, "/sitemap.xml");
    expectOnlyPublicUrl(index, "sitemap index");
    expect(index).toContain(`<loc>${SITE}/sitemaps/pages.xml</loc>`);
    for (const file of ["pages.xml", "roles-0.xml"]) {
      const sitemap = await answer(sitemapFileLoader, `/sitemaps/${file}`, { file });
      expectOnlyPublicUrl(sitemap, file);
      expect(sitemap.match(/<loc>/g)?.length).toBe(sitemap.match(new RegExp(`<loc>${SITE}/`, "g"))?.length);
    }
    expect(await answer(robotsLoader, "/robots.txt")).toContain(`Sitemap: ${SITE}/sitemap.xml`);
  });

  it("the embed's role links and its link to all roles", async () => {
    const embed = await answer(embedLoader, `/embed/roles?company=${listed.companySlug}`);
    expectOnlyPublicUrl(embed, "embed");
    const links = [...embed.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(1);
    for (const link of links) expect(link.startsWith(`${SITE}/roles`), link).toBe(true);
    expect(embed).toContain(`href="${SITE}/roles?company=${listed.companySlug}"`);
  });

  it("a role page's canonical link, OG and Twitter tags and JSON-LD", async () => {
    const result = await callLoader<Parameters<typeof roleMeta>[0]["data"] & { canonicalUrl: string; jsonLd: string }>(
      roleLoader,
      `/roles/${listed.slug}`,
      { slug: listed.slug },
      HOSTILE_HEADERS,
      {},
      HOSTILE_ORIGIN,
    );
    expect(result.status).toBe(200);
    expect(result.data.canonicalUrl).toBe(`${SITE}/roles/${listed.slug}`);
    expect((JSON.parse(result.data.jsonLd) as { url: string }).url).toBe(`${SITE}/roles/${listed.slug}`);
    const tags = roleMeta({ data: result.data } as Parameters<typeof roleMeta>[0]);
    expect(tags).toContainEqual({ tagName: "link", rel: "canonical", href: `${SITE}/roles/${listed.slug}` });
    expect(tags).toContainEqual({ property: "og:url", content: `${SITE}/roles/${listed.slug}` });
    expect(JSON.stringify(tags)).not.toMatch(/evil\.example|attacker\.example/);
  });

  it("the company page's embed snippet and the recruiter's share links", async () => {
    const company = await answer(companyLoader, `/companies/${listed.companySlug}`, { slug: listed.companySlug });
    expect((JSON.parse(company) as { origin: string }).origin).toBe(SITE);

    const created = await postForm(recruiterAction, "/recruiter", { intent: "create-shortlist", title: "Share test" }, { cookie: recruiter.cookie });
    const publicId = created.location!.split("/").pop()!;
    const dashboard = JSON.parse(await answer(recruiterLoader, "/recruiter", {}, { Cookie: recruiter.cookie })) as { origin: string };
    expect(dashboard.origin).toBe(SITE);
    const shortlist = JSON.parse(await answer(shortlistLoader, `/recruiter/shortlists/${publicId}`, { publicId }, { Cookie: recruiter.cookie })) as { origin: string };
    expect(shortlist.origin).toBe(SITE);
  });
});
