import { expect, test } from "./fixtures";

const PAGES = ["/", "/roles", "/roles?workplace=remote", "/market", "/pricing", "/calculator", "/compare", "/login", "/signup", "/no-such-page", "/api/roles?limit=1", "/healthz", "/sitemap.xml", "/feeds/roles.atom"];

test("security headers on every kind of response, with a fresh CSP nonce each time", async ({ request }) => {
  const slug = ((await (await request.get("/api/roles?limit=1")).json()) as { roles: { slug: string }[] }).roles[0]!.slug;
  for (const path of [...PAGES, `/roles/${slug}`]) {
    const first = await request.get(path);
    const second = await request.get(path);
    for (const response of [first, second]) {
      const h = response.headers();
      const csp = h["content-security-policy"] ?? "";
      expect(csp, path).toMatch(/script-src 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
      for (const directive of ["object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'"]) expect(csp, `${path}: ${directive}`).toContain(directive);
      expect(h["x-content-type-options"], path).toBe("nosniff");
      expect(h["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
      expect(h["x-frame-options"], path).toBe("DENY");
      // The e2e server runs in production mode.
      expect(h["strict-transport-security"], path).toMatch(/max-age=\d+/);
    }
    const nonceOf = (csp: string | undefined) => /'nonce-([^']+)'/.exec(csp ?? "")?.[1];
    expect(nonceOf(first.headers()["content-security-policy"]), path).not.toBe(nonceOf(second.headers()["content-security-policy"]));
    // The page's scripts carry the response's own nonce, also when served from the page cache.
    const type = second.headers()["content-type"] ?? "";
    if (type.startsWith("text/html") && second.status() === 200) {
      const html = await second.text();
      const nonces = new Set([...html.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1]));
      expect([...nonces], path).toEqual([nonceOf(second.headers()["content-security-policy"])]);
    }
  }
});

test("the embed sets its own framing rule", async ({ request }) => {
  const response = await request.get("/embed/roles?limit=3");
  const h = response.headers();
  expect(h["content-security-policy"]).toContain("frame-ancestors *");
  expect(h["x-frame-options"]).toBeUndefined();
  expect(h["x-content-type-options"]).toBe("nosniff");
});
