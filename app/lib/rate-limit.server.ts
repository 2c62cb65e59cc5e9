/**
 * Rate limits by tier, enforced in the server entry (server.ts) before a request reaches
 * Remix. Fixed windows kept in this process' memory: enough for one server process, which is
 * how Tokenboard runs on its embedded SQLite. Every key is a tier plus the client's network
 * (app/lib/client-network.ts: the IPv4 address, or the IPv6 /64) as the server entry sees it
 * (behind a proxy, set TRUST_PROXY; see server.ts and the README). Tiers are picked on the
 * path the router will match (app/lib/route-path.ts), never on the raw one.
 */
import * as z from "zod";
import { clientNetwork } from "./client-network";
import { plainPage } from "./plain-page.server";
import { routePath } from "./route-path";
import { isSafeMethod } from "./same-origin.server";

export interface RateLimit {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
}

/**
 * Most specific first: when several tiers are over their limit the answer names the one a
 * visitor can act on (waiting before the next sign-in attempt, say).
 */
export const RATE_LIMIT_TIERS = {
  // Sign-in and sign-up attempts: enough for typos, too few to guess passwords.
  auth: { limit: 10, windowMs: 60_000 },
  // Tracked links (/r/:code): a person follows a handful; a bot must not inflate the counts.
  trackedLink: { limit: 30, windowMs: 60_000 },
  // Every request that can change something.
  write: { limit: 60, windowMs: 60_000 },
  // Everything else that reaches the app (static files are served before the limits). A
  // person browsing makes a few requests a second at most, filters included.
  general: { limit: 600, windowMs: 60_000 },
} satisfies Record<string, RateLimit>;

export type RateLimitTier = keyof typeof RATE_LIMIT_TIERS;
export const TIER_NAMES = Object.keys(RATE_LIMIT_TIERS) as RateLimitTier[];

/**
 * The tiers a request counts against, most specific first. `target` is the request target as
 * it arrived (path and query, any spelling): `/LOGIN`, `/l%6Fgin/` and `/Login.data` are all
 * the sign-in page to the router, and so to the limits.
 */
export function tiersFor(method: string, target: string): RateLimitTier[] {
  const page = routePath(target);
  const tiers: RateLimitTier[] = [];
  const writes = !isSafeMethod(method);
  if (writes && (page === "/login" || page === "/signup")) tiers.push("auth");
  // The tracked-link route, /r/:code: exactly one segment after /r.
  if (!writes && /^\/r\/[^/]+$/.test(page)) tiers.push("trackedLink");
  // Every write counts, the description preview included: it stores nothing, but each post
  // renders up to 20,000 characters of Markdown, so an account must not send it freely.
  if (writes) tiers.push("write");
  tiers.push("general");
  return tiers;
}

const windows = new Map<string, { start: number; count: number }>();
const MAX_KEYS = 100_000;

export interface RateLimitVerdict {
  allowed: boolean;
  /** The tier that refused the request (when not allowed). */
  tier?: RateLimitTier;
  /** Seconds until that tier's window resets (for Retry-After). */
  retryAfter: number;
}

/**
 * Counts one request from `address` (keyed on its network: every address of one IPv6 /64
 * shares a budget) against each of its tiers and says whether all allow it.
 */
export function checkRateLimits(address: string, method: string, target: string, now = Date.now()): RateLimitVerdict {
  let refused: RateLimitVerdict | undefined;
  const network = clientNetwork(address);
  for (const tier of tiersFor(method, target)) {
    const rule = RATE_LIMIT_TIERS[tier];
    const key = `${tier}:${network}`;
    let window = windows.get(key);
    if (!window || now - window.start >= rule.windowMs) {
      window = { start: now, count: 0 };
      windows.set(key, window);
      if (windows.size > MAX_KEYS) pruneExpired(now);
    }
    window.count++;
    if (window.count > rule.limit && !refused) {
      refused = { allowed: false, tier, retryAfter: Math.max(1, Math.ceil((window.start + rule.windowMs - now) / 1000)) };
    }
  }
  return refused ?? { allowed: true, retryAfter: 0 };
}

function pruneExpired(now: number) {
  const longest = Math.max(...Object.values(RATE_LIMIT_TIERS).map((rule) => rule.windowMs));
  for (const [key, window] of windows) if (now - window.start >= longest) windows.delete(key);
}

/** Forgets every window (tests). */
export function resetRateLimits(): void {
  windows.clear();
}

const REASONS: Record<RateLimitTier, { title: string; body: string }> = {
  auth: {
    title: "Too many sign-in attempts",
    body: "For your account's safety we limit how often anyone can try to sign in or sign up from one place.",
  },
  trackedLink: {
    title: "Too many link visits",
    body: "This address has opened a lot of shared job links in a short time. We pause it for a moment so the recruiters' counts stay honest.",
  },
  write: {
    title: "Too many changes at once",
    body: "We limit how often one place can save forms, so that nobody can flood the board. Nothing you saved before this was lost.",
  },
  general: {
    title: "Too many requests",
    body: "This address is asking for pages faster than a person reads them, so we are slowing it down for a moment.",
  },
};

/** The HTML page a refused document request gets: what happened, and when to try again. */
export function tooManyRequestsPage(tier: RateLimitTier, retryAfter: number): string {
  const reason = REASONS[tier];
  const wait = `${retryAfter} second${retryAfter === 1 ? "" : "s"}`;
  return plainPage(reason.title, [reason.body, `Please wait ${wait} and try again.`, '<a href="/">Back to Tokenboard</a>']);
}

/** The JSON body a refused API request gets. */
export function tooManyRequestsJson(tier: RateLimitTier, retryAfter: number) {
  return { error: `${REASONS[tier].title}. Try again in ${retryAfter} s.`, retryAfter };
}

/**
 * The page Remix's data requests are sent to when refused (a data request cannot show a
 * page itself, so the browser is told to load this one). Its parameters come from the
 * address bar, so they are parsed like any input.
 */
export const RATE_LIMITED_PATH = "/too-many-requests";
export const rateLimitedPageParams = z.object({
  reason: z.enum(TIER_NAMES as [RateLimitTier, ...RateLimitTier[]]).catch("general"),
  wait: z.coerce.number().int().min(1).max(3_600).catch(60),
});
