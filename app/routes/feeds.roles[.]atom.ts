import type { LoaderFunctionArgs } from "@remix-run/node";
import { atomFeed } from "~/lib/feeds.server";
import { parseSearchParams } from "~/lib/search-params";
import { db } from "~/models/db.server";
import { CursorError, searchRoles } from "~/models/search.server";
import { config } from "~/lib/config.server";

/** GET /feeds/roles.atom?…: any search as an Atom feed. */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const parsed = parseSearchParams(url.searchParams);
  if (!parsed.ok) return badRequest(parsed.issues.map((i) => i.message).join("\n"));
  try {
    const now = Date.now();
    const { roles } = searchRoles(db(), { ...parsed.params, cursor: undefined }, now);
    return new Response(atomFeed({ origin: config().publicUrl, params: parsed.params, roles, now }), {
      headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" },
    });
  } catch (error) {
    if (error instanceof CursorError) return badRequest(error.message);
    throw error;
  }
}

function badRequest(message: string) {
  return new Response(`Invalid feed parameters:\n${message}\n`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
