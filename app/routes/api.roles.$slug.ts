import type { LoaderFunctionArgs } from "@remix-run/node";
import { PUBLIC_JSON_HEADERS, toApiRoleDetail } from "~/lib/api-role.server";
import { db } from "~/models/db.server";
import { getRoleDetail } from "~/models/role.server";
import { config } from "~/lib/config.server";

/** GET /api/roles/:slug: one listed role as JSON; 404 JSON when absent, draft, closed or expired. */
export async function loader({ params }: LoaderFunctionArgs) {
  const role = getRoleDetail(db(), params.slug ?? "", Date.now());
  if (!role || !role.isOpen) {
    return Response.json(
      { error: "Role not found", slug: params.slug ?? "" },
      { status: 404, headers: { ...PUBLIC_JSON_HEADERS, "Cache-Control": "public, max-age=60" } },
    );
  }
  return Response.json(toApiRoleDetail(role, config().publicUrl), { headers: PUBLIC_JSON_HEADERS });
}
