/**
 * Who is counting as "one visitor" for the per-day counters (page views, apply clicks, tracked
 * link visits): the client's network (an IPv4 address, or an IPv6 /64: app/lib/client-network.ts)
 * and its User-Agent. Only a keyed hash of them is ever stored (visitor_marks in db/schema.ts).
 */
import crypto from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";
import { config } from "./config.server";

export interface Visitor {
  network: string;
  userAgent: string;
}

/** User agents are free text; past this length they add nothing to telling visitors apart. */
const MAX_USER_AGENT = 512;

export function visitorOf(request: Request, context: AppLoadContext | undefined): Visitor {
  return {
    network: context?.clientNetwork ?? "unknown",
    userAgent: (request.headers.get("User-Agent") ?? "").slice(0, MAX_USER_AGENT),
  };
}

/**
 * The visitor's mark for one day: HMAC-SHA256 keyed with the session secret over the day,
 * network and user agent, cut to 128 bits (22 base64url characters), far more than needed to
 * keep a day's visitors of one page apart. The key makes it impossible to test guessed
 * addresses against a leaked table; the day in it makes marks of different days unlinkable.
 */
export function visitorMark(visitor: Visitor, day: string, secret = config().sessionSecret): string {
  return crypto
    .createHmac("sha256", secret)
    .update(`${day}\n${visitor.network}\n${visitor.userAgent}`)
    .digest()
    .subarray(0, 16)
    .toString("base64url");
}

/** The UTC day (YYYY-MM-DD) the per-day counters file `now` under. */
export function utcDay(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}
