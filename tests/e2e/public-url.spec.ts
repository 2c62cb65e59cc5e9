/**
 * On the live server (production mode, behind a trusted proxy as the e2e server runs), requests
 * whose Host and X-Forwarded-Host name other sites get answers that name only PUBLIC_URL: the
 * API, the feeds, the sitemaps, robots.txt, the embed, a role page's canonical link, OG tags and
 * JSON-LD, and a company page's embed snippet. Sent with node:http, which sends Host as given.
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import { expect, test } from "./fixtures";

const HOSTILE = /evil\.example|attacker\.example/;

function get(baseURL: string, path: string): Promise<{ status: number; body: string }> {
  const target = new URL(path, baseURL);
  return new Promise((resolve, reject) => {
    const request = http.get(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        headers: {
          Host: "evil.example",
          "X-Forwarded-Host": "attacker.example",
          "X-Forwarded-Proto": "https",
          // Its own client for the rate limits (the e2e server trusts the proxy header from loopback).
          "X-Forwarded-For": `2001:db8:5::${randomBytes(2).toString("hex")}`,
        },
      },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    request.on("error", reject);
  });
}

test("hostile Host and X-Forwarded-Host headers never reach an absolute URL", async ({ baseURL }) => {
  const site = baseURL!;
  const api = await get(site, "/api/roles?limit=3");
  expect(api.status).toBe(200);
  const roles = (JSON.parse(api.body) as { roles: { slug: string; url: string; company: { slug: string } }[] }).roles;
  for (const role of roles) expect(role.url).toBe(`${site}/roles/${role.slug}`);
  const { slug, company } = roles[0]!;

  for (const path of [
    `/api/roles/${slug}`,
    "/feeds/roles.atom?workplace=remote",
    "/feeds/roles.json?workplace=remote",
    "/sitemap.xml",
    "/sitemaps/pages.xml",
    "/sitemaps/roles-0.xml",
    "/robots.txt",
    `/embed/roles?company=${company.slug}`,
    `/roles/${slug}`,
    `/companies/${company.slug}`,
  ]) {
    const { status, body } = await get(site, path);
    expect(status, path).toBe(200);
    expect(body, path).not.toMatch(HOSTILE);
    expect(body, path).toContain(`${site}/`);
  }

  const page = await get(site, `/roles/${slug}`);
  expect(page.body).toContain(`<link rel="canonical" href="${site}/roles/${slug}"/>`);
  expect(page.body).toContain(`<meta property="og:url" content="${site}/roles/${slug}"/>`);
  const jsonLd = /<script type="application\/ld\+json"[^>]*>(.*?)<\/script>/s.exec(page.body)?.[1];
  expect(jsonLd).toBeTruthy();
  expect((JSON.parse(jsonLd!) as { url: string }).url).toBe(`${site}/roles/${slug}`);
  const companyPage = await get(site, `/companies/${company.slug}`);
  expect(companyPage.body).toContain(`${site}/embed/roles?company=${company.slug}`);
});
