import { absoluteUrl } from "~/lib/config.server";

/** Crawl the listings; keep out of accounts, dashboards, tracked links and the embed. */
export async function loader() {
  const body = [
    "User-agent: *",
    "Allow: /",
    "Disallow: /employer",
    "Disallow: /recruiter",
    "Disallow: /login",
    "Disallow: /signup",
    "Disallow: /r/",
    "Disallow: /shortlists/",
    "Disallow: /embed/",
    "Disallow: /roles/*/apply",
    "",
    `Sitemap: ${absoluteUrl("/sitemap.xml")}`,
    "",
  ].join("\n");
  return new Response(body, { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=86400" } });
}
