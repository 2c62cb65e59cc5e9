import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { isbot } from "isbot";
import { db } from "~/models/db.server";
import { countRoleEvent } from "~/models/employer.server";
import { getRoleDetail } from "~/models/role.server";

/**
 * "Apply": counts the click for the employer's dashboard (bots are not counted), then sends
 * the candidate to the employer's own application page or email. The target is the role's
 * stored, validated apply URL, never anything from the request, so this is no open redirect.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const role = getRoleDetail(db(), params.slug ?? "", Date.now());
  if (!role || role.status === "draft") throw new Response("We couldn't find that role.", { status: 404 });
  const webUrl = role.applyUrl && /^https?:\/\//i.test(role.applyUrl) ? role.applyUrl : null;
  const target = webUrl ?? (role.applyEmail ? `mailto:${role.applyEmail}?subject=${encodeURIComponent(`Application: ${role.title}`)}` : null);
  if (!role.isOpen || !target) return redirect(`/roles/${role.slug}`);
  if (!isbot(request.headers.get("User-Agent"))) countRoleEvent(role.id, "apply");
  return redirect(target, { headers: { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" } });
}
