import type { LoaderFunctionArgs } from "@remix-run/node";
import { PUBLIC_JSON_HEADERS, toApiRole } from "~/lib/api-role.server";
import { parseSearchParams } from "~/lib/search-params";
import { db } from "~/models/db.server";
import { CursorError, searchRoles } from "~/models/search.server";
import { config } from "~/lib/config.server";

/** GET /api/roles: the search as JSON, `{ roles, nextCursor, prevCursor }`; 400 `{ error, issues }` on bad input. */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const parsed = parseSearchParams(url.searchParams);
  if (!parsed.ok) return invalid(parsed.issues);
  try {
    const page = searchRoles(db(), parsed.params, Date.now());
    return Response.json(
      { roles: page.roles.map((role) => toApiRole(role, config().publicUrl)), nextCursor: page.nextCursor, prevCursor: page.prevCursor },
      { headers: PUBLIC_JSON_HEADERS },
    );
  } catch (error) {
    if (error instanceof CursorError) return invalid([{ param: "cursor", message: error.message }]);
    throw error;
  }
}

function invalid(issues: { param: string; message: string }[]) {
  return Response.json(
    { error: "Invalid search parameters", issues },
    { status: 400, headers: { ...PUBLIC_JSON_HEADERS, "Cache-Control": "no-store" } },
  );
}
