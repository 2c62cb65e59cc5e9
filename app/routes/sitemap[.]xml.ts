import type { LoaderFunctionArgs } from "@remix-run/node";
import { escapeXml } from "~/lib/xml";
import { db } from "~/models/db.server";
import { roleSitemapCount } from "~/models/sitemap.server";

/** The sitemap index: the pages sitemap and one sitemap per range of roles. */
export async function loader({ request }: LoaderFunctionArgs) {
  const origin = new URL(request.url).origin;
  const files = [`${origin}/sitemaps/pages.xml`];
  for (let page = 0; page < roleSitemapCount(db()); page++) files.push(`${origin}/sitemaps/roles-${page}.xml`);
  const body = `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${files.map((loc) => `  <sitemap><loc>${escapeXml(loc)}</loc></sitemap>`).join("\n")}
</sitemapindex>
`;
  return new Response(body, { headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=3600" } });
}
