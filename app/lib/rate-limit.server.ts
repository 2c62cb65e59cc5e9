/**
 * Rate limits by tier, enforced in the server entry (server.ts) before a request reaches
 * Remix. Fixed windows kept in this process' memory: enough for one server process, which is
 * how Tokenboard runs on its embedded SQLite. Every key is a tier plus the client address as
 * the server entry sees it (behind a proxy, set TRUST_PROXY; see server.ts and the README).
 */
import * as z from "zod";

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

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** `/login.data` and `/_root.data` are Remix's data requests for `/login` and `/`. */
export function documentPath(path: string): string {
  if (path === "/_root.data") return "/";
  return path.endsWith(".data") ? path.slice(0, -".data".length) : path;
}

/** The tiers a request counts against, most specific first. */
export function tiersFor(method: string, path: string): RateLimitTier[] {
  const page = documentPath(path);
  const tiers: RateLimitTier[] = [];
  const writes = !SAFE_METHODS.has(method.toUpperCase());
  if (writes && (page === "/login" || page === "/signup")) tiers.push("auth");
  if (!writes && page.startsWith("/r/")) tiers.push("trackedLink");
  // The description preview renders Markdown and stores nothing; it posts as the author
  // pauses typing, so it counts as browsing, not as a write.
  if (writes && page !== "/employer/markdown-preview") tiers.push("write");
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

/** Counts one request from `address` against each of its tiers and says whether all allow it. */
export function checkRateLimits(address: string, method: string, path: string, now = Date.now()): RateLimitVerdict {
  let refused: RateLimitVerdict | undefined;
  for (const tier of tiersFor(method, path)) {
    const rule = RATE_LIMIT_TIERS[tier];
    const key = `${tier}:${address}`;
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
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${reason.title} · Tokenboard</title>
<style>body{font-family:system-ui,sans-serif;background:#f8fafc;color:#0f172a;display:grid;place-items:center;min-height:100vh;margin:0;padding:1rem}main{max-width:32rem;background:#fff;border:1px solid #e2e8f0;border-radius:12px;padding:2rem;text-align:center}a{color:#2443ad}</style></head>
<body><main><h1>${reason.title}</h1><p>${reason.body}</p><p>Please wait ${wait} and try again.</p><p><a href="/">Back to Tokenboard</a></p></main></body></html>`;
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
