import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { isbot } from "isbot";
import { db } from "~/models/db.server";
import { countRoleEvent } from "~/models/employer.server";
import { getRoleDetail } from "~/models/role.server";
import { campaignName, withAttribution } from "~/lib/attribution";
import { applyUrlForRedirect, isApplyEmail } from "~/lib/schemas/forms.server";
import { arrivedVia } from "~/lib/via-cookie.server";
import { visitorOf } from "~/lib/visitor.server";
import { countLinkApply } from "~/models/recruiter.server";

/**
 * "Apply": counts the click for the employer's dashboard (bots are not counted) and, when the
 * visitor came by a recruiter's tracked link to this role, for that link, each at most once per
 * visitor, role and day whatever the rate limits allow; then sends the
 * candidate to the employer's own application page (with attribution parameters added to its
 * query string) or email. The target is the role's stored, validated apply URL, never
 * anything from the request, so this is no open redirect.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const role = getRoleDetail(db(), params.slug ?? "", Date.now());
  if (!role || role.status === "draft") throw new Response("We couldn't find that role.", { status: 404 });
  // Only a stored value that is (still) one valid link or email address is a target; anything
  // odd (from before the form checked it, or written around it) sends the candidate to the
  // role's page rather than into an error.
  const webUrl = applyUrlForRedirect(role.applyUrl);
  const email = webUrl === null && role.applyEmail !== null && isApplyEmail(role.applyEmail) ? role.applyEmail : null;
  if (!role.isOpen || !(webUrl || email)) return redirect(`/roles/${role.slug}`);
  const bot = isbot(request.headers.get("User-Agent"));
  const via = bot ? null : await arrivedVia(request);
  const visitor = visitorOf(request, context);
  const now = Date.now();
  const link = via ? countLinkApply(via, role.id, visitor, now) : null;
  if (!bot) countRoleEvent(role.id, "apply", visitor, now);
  const target = webUrl
    ? withAttribution(
        webUrl,
        link
          ? { utm_source: "tokenboard", utm_medium: "recruiter_link", utm_campaign: campaignName(link.label, link.code), ref: link.code }
          : { utm_source: "tokenboard", utm_medium: "job_board" },
      )
    : `mailto:${email}?subject=${encodeURIComponent(`Application: ${role.title}`)}`;
  return redirect(target, { headers: { "Cache-Control": "no-store" } });
}
