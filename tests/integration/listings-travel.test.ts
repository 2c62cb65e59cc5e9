/**
 * Listings that travel: JSON-LD JobPosting on role pages, Atom and JSON feeds for any search,
 * the sitemap, robots.txt and the embed.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { callLoader } from "../support/loaders";
import { db } from "~/models/db.server";
import { loader as roleLoader } from "~/routes/roles.$slug";
import { loader as atomLoader } from "~/routes/feeds.roles[.]atom";
import { loader as jsonFeedLoader } from "~/routes/feeds.roles[.]json";
import { loader as sitemapLoader } from "~/routes/sitemap[.]xml";
import { loader as sitemapFileLoader } from "~/routes/sitemaps.$file";
import { loader as robotsLoader } from "~/routes/robots[.]txt";
import { loader as embedLoader } from "~/routes/embed.roles";

// Absolute URLs come from PUBLIC_URL, never from the request (whose origin here is
// http://localhost). Configuration is read on first use, after this line.
const SITE = "https://jobs.tokenboard.example";
process.env.PUBLIC_URL = SITE;

const now = Date.now();
const listedRoles = () =>
  db().$client.prepare("SELECT slug, workplace FROM roles WHERE status = 'published' AND expires_at > ? ORDER BY id").all(now) as { slug: string; workplace: string }[];

async function text(loader: Parameters<typeof callLoader>[0], path: string, params: Record<string, string> = {}) {
  const result = await callLoader<string>(loader, path, params);
  return { ...result, body: String(result.data) };
}

describe("JSON-LD JobPosting", () => {
  it("has what Google's job posting rules require, for remote and on-site roles", async () => {
    const byWorkplace = new Map(listedRoles().map((r) => [r.workplace, r.slug]));
    for (const workplace of ["remote", "onsite", "hybrid"]) {
      const slug = byWorkplace.get(workplace)!;
      const { data } = await callLoader<{ jsonLd: string; role: { countryCodes: string[]; salary: { min: number; max: number; currency: string } } }>(roleLoader, `/roles/${slug}`, { slug });
      expect(data.jsonLd).not.toMatch(/</);
      const ld = JSON.parse(data.jsonLd) as Record<string, unknown> & Record<string, any>;
      expect(ld["@context"]).toBe("https://schema.org");
      expect(ld["@type"]).toBe("JobPosting");
      for (const field of ["title", "description", "datePosted", "validThrough", "employmentType", "hiringOrganization", "baseSalary", "jobBenefits"]) {
        expect(ld[field], `${workplace}: ${field}`).toBeTruthy();
      }
      expect(Number.isNaN(Date.parse(ld.datePosted))).toBe(false);
      expect(Date.parse(ld.validThrough)).toBeGreaterThan(Date.parse(ld.datePosted));
      expect(["FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN"]).toContain(ld.employmentType);
      expect(ld.hiringOrganization).toMatchObject({ "@type": "Organization", name: expect.any(String) });
      expect(ld.baseSalary).toEqual({
        "@type": "MonetaryAmount",
        currency: data.role.salary.currency,
        value: { "@type": "QuantitativeValue", minValue: data.role.salary.min, maxValue: data.role.salary.max, unitText: "YEAR" },
      });
      expect(ld.jobBenefits).toMatch(/token/i);
      if (workplace === "remote") {
        expect(ld.jobLocationType).toBe("TELECOMMUTE");
        if (data.role.countryCodes.length) {
          expect(ld.applicantLocationRequirements).toEqual(data.role.countryCodes.map((name) => ({ "@type": "Country", name })));
        }
        expect(ld.jobLocation).toBeUndefined();
      } else {
        expect(ld.jobLocation).toMatchObject({ "@type": "Place", address: { "@type": "PostalAddress" } });
        expect(ld.jobLocation.address.addressLocality || ld.jobLocation.address.addressCountry).toBeTruthy();
      }
    }
  });
});

describe("feeds", () => {
  it("Atom: well-formed, with the feed and entry elements the spec requires", async () => {
    const { status, body, headers } = await text(atomLoader, "/feeds/roles.atom?workplace=remote&sort=tokens_desc&limit=10");
    expect(status).toBe(200);
    expect(headers.get("Content-Type")).toMatch(/application\/atom\+xml/);
    expect(XMLValidator.validate(body)).toBe(true);
    const feed = new XMLParser({ ignoreAttributes: false }).parse(body).feed;
    expect(feed["@_xmlns"]).toBe("http://www.w3.org/2005/Atom");
    for (const field of ["id", "title", "updated"]) expect(feed[field], field).toBeTruthy();
    const links = [feed.link].flat();
    expect(links.some((l: Record<string, string>) => l["@_rel"] === "self")).toBe(true);
    const entries = [feed.entry].flat();
    expect(entries).toHaveLength(10);
    for (const entry of entries) {
      for (const field of ["id", "title", "updated", "link", "summary", "content"]) expect(entry[field], field).toBeTruthy();
      expect(Number.isNaN(Date.parse(entry.updated))).toBe(false);
      expect(entry.summary["#text"] ?? entry.summary).toMatch(/Salary .* · Token budget /);
    }
  });

  it("JSON Feed 1.1: version, title and items with ids, urls and content", async () => {
    const result = await callLoader<string>(jsonFeedLoader, "/feeds/roles.json?level=senior&limit=5");
    expect(result.status).toBe(200);
    expect(result.headers.get("Content-Type")).toMatch(/application\/feed\+json/);
    const feed = typeof result.data === "string" ? JSON.parse(result.data) : result.data;
    expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
    expect(typeof feed.title).toBe("string");
    expect(feed.feed_url).toMatch(/\/feeds\/roles\.json\?level=senior/);
    expect(feed.items).toHaveLength(5);
    for (const item of feed.items) {
      expect(typeof item.id).toBe("string");
      expect(item.url.startsWith(`${SITE}/roles/`), item.url).toBe(true);
      expect(item.content_html || item.content_text).toBeTruthy();
      expect(Number.isNaN(Date.parse(item.date_published))).toBe(false);
      expect(item._tokenboard.tokenBudget.usdPerYear).not.toBeUndefined();
      // Extensions must start with an underscore; every other key is from the spec.
      for (const key of Object.keys(item)) {
        expect(["id", "url", "title", "summary", "content_html", "content_text", "date_published", "authors", "tags"].includes(key) || key.startsWith("_"), key).toBe(true);
      }
    }
  });

  it("take the same parameters as /roles, with the same 400s", async () => {
    const bad = await callLoader<string>(atomLoader, "/feeds/roles.atom?minTokenBudget=lots");
    expect(bad.status).toBe(400);
    const badJson = await callLoader<{ issues: { param: string }[] }>(jsonFeedLoader, "/feeds/roles.json?sort=random");
    expect(badJson.status).toBe(400);
  });
});

describe("sitemap and robots", () => {
  it("the sitemap lists every listed role", async () => {
    const index = await text(sitemapLoader, "/sitemap.xml");
    expect(XMLValidator.validate(index.body)).toBe(true);
    const files = [new XMLParser().parse(index.body).sitemapindex.sitemap].flat().map((s: { loc: string }) => s.loc as string);
    const urls = new Set<string>();
    for (const file of files) {
      const name = file.split("/").pop()!;
      const page = await text(sitemapFileLoader, `/sitemaps/${name}`, { file: name });
      expect(page.status).toBe(200);
      expect(XMLValidator.validate(page.body)).toBe(true);
      for (const url of [new XMLParser().parse(page.body).urlset.url].flat()) urls.add((url as { loc: string }).loc);
    }
    for (const role of listedRoles()) expect(urls.has(`${SITE}/roles/${role.slug}`), role.slug).toBe(true);
    const unlisted = db().$client.prepare("SELECT slug FROM roles WHERE status <> 'published' OR expires_at <= ?").all(now) as { slug: string }[];
    for (const role of unlisted) expect(urls.has(`${SITE}/roles/${role.slug}`)).toBe(false);
    expect((await callLoader(sitemapFileLoader, "/sitemaps/roles-999.xml", { file: "roles-999.xml" })).status).toBe(404);
  });

  it("robots.txt points at the sitemap and keeps crawlers out of accounts", async () => {
    const { body } = await text(robotsLoader, "/robots.txt");
    expect(body).toContain(`Sitemap: ${SITE}/sitemap.xml`);
    expect(body).toContain("Disallow: /employer");
    expect(body).toContain("Disallow: /r/");
  });
});

describe("the embed", () => {
  it("is a small page listing both figures, framable by other sites, with no script", async () => {
    const company = (db().$client.prepare("SELECT co.slug FROM companies co JOIN roles r ON r.company_id = co.id WHERE r.status = 'published' AND r.expires_at > ? LIMIT 1").get(now) as { slug: string }).slug;
    const { status, body, headers } = await text(embedLoader, `/embed/roles?company=${company}`);
    expect(status).toBe(200);
    expect(headers.get("Content-Security-Policy")).toContain("frame-ancestors *");
    expect(body).not.toMatch(/<script/i);
    expect(body).toMatch(/salary/);
    expect(body).toMatch(/tokens/);
    expect(Buffer.byteLength(body)).toBeLessThan(20_000);
  });
});
