import type { LoaderFunctionArgs } from "@remix-run/node";
import { escapeXml } from "~/lib/xml";
import { db } from "~/models/db.server";
import { companiesForSitemap, roleSitemapCount, rolesForSitemap } from "~/models/sitemap.server";
import { absoluteUrl } from "~/lib/config.server";

function urlset(urls: { loc: string; lastmod?: number }[]): Response {
  const body = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls
  .map((u) => `  <url><loc>${escapeXml(u.loc)}</loc>${u.lastmod ? `<lastmod>${new Date(u.lastmod).toISOString().slice(0, 10)}</lastmod>` : ""}</url>`)
  .join("\n")}
</urlset>
`;
  return new Response(body, { headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=3600" } });
}

/** /sitemaps/pages.xml (site pages and companies) and /sitemaps/roles-N.xml. */
export async function loader({ params }: LoaderFunctionArgs) {
  const now = Date.now();
  const file = params.file ?? "";
  if (file === "pages.xml") {
    return urlset([
      { loc: absoluteUrl("/") },
      { loc: absoluteUrl("/roles") },
      { loc: absoluteUrl("/companies") },
      ...companiesForSitemap(db(), now).map((c) => ({ loc: absoluteUrl(`/companies/${c.slug}`), lastmod: c.updatedAt })),
    ]);
  }
  const match = /^roles-(\d{1,6})\.xml$/.exec(file);
  const page = match ? Number(match[1]) : -1;
  if (page < 0 || page >= roleSitemapCount(db())) throw new Response("No such sitemap", { status: 404 });
  return urlset(rolesForSitemap(db(), page, now).map((r) => ({ loc: absoluteUrl(`/roles/${r.slug}`), lastmod: r.updatedAt })));
}
