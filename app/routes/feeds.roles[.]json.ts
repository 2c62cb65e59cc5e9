import type { LoaderFunctionArgs } from "@remix-run/node";
import { jsonFeed } from "~/lib/feeds.server";
import { parseSearchParams } from "~/lib/search-params";
import { db } from "~/models/db.server";
import { searchRoles } from "~/models/search.server";
import { config } from "~/lib/config.server";

/** GET /feeds/roles.json?…: any search as a JSON Feed 1.1. */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const parsed = parseSearchParams(url.searchParams);
  if (!parsed.ok) return Response.json({ error: "Invalid feed parameters", issues: parsed.issues }, { status: 400 });
  const now = Date.now();
  const { roles } = searchRoles(db(), { ...parsed.params, cursor: undefined }, now);
  return new Response(JSON.stringify(jsonFeed({ origin: config().publicUrl, params: parsed.params, roles, now })), {
    headers: { "Content-Type": "application/feed+json; charset=utf-8", "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" },
  });
}
