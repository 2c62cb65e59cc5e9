import { escapeXml } from "~/lib/xml";
import { db } from "~/models/db.server";
import { roleSitemapCount } from "~/models/sitemap.server";
import { absoluteUrl } from "~/lib/config.server";

/** The sitemap index: the pages sitemap and one sitemap per range of roles. */
export async function loader() {
  const files = [absoluteUrl("/sitemaps/pages.xml")];
  for (let page = 0; page < roleSitemapCount(db()); page++) files.push(absoluteUrl(`/sitemaps/roles-${page}.xml`));
  const body = `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${files.map((loc) => `  <sitemap><loc>${escapeXml(loc)}</loc></sitemap>`).join("\n")}
</sitemapindex>
`;
  return new Response(body, { headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=3600" } });
}
