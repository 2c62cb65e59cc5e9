import type { LoaderFunctionArgs } from "@remix-run/node";

/** Crawl the listings; keep out of accounts, dashboards, tracked links and the embed. */
export async function loader({ request }: LoaderFunctionArgs) {
  const origin = new URL(request.url).origin;
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
    `Sitemap: ${origin}/sitemap.xml`,
    "",
  ].join("\n");
  return new Response(body, { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=86400" } });
}
