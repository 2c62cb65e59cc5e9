import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { isbot } from "isbot";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { viaCookie } from "~/lib/via-cookie.server";
import { visitorOf } from "~/lib/visitor.server";
import { countLinkVisit, resolveLink } from "~/models/recruiter.server";

/**
 * A recruiter's tracked link: counts the visit (people and bots apart, at most once per visitor
 * and day; no address is kept) and redirects to the link's role or shortlist, which is always a path on
 * this site taken from the database, never from the request. A disabled link still lands on
 * its page but counts nothing. An unknown code is a 404 page.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const link = resolveLink(params.code ?? "");
  if (!link) throw new Response("This link doesn't lead anywhere. It may have been mistyped.", { status: 404 });
  const headers = new Headers({ "Cache-Control": "no-store" });
  if (link.enabled) {
    const bot = isbot(request.headers.get("User-Agent"));
    countLinkVisit(link.id, bot, visitorOf(request, context));
    if (!bot) headers.append("Set-Cookie", await viaCookie().serialize(link.code));
  }
  return redirect(link.path, { headers });
}

export default function TrackedLink() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
