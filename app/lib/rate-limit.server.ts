/**
 * Fixed-window rate limits kept in this process' memory: enough for one server process,
 * which is how Tokenboard runs on its embedded SQLite. Keys are a purpose plus the client
 * address as the server entry reports it (see server.ts for the proxy setting).
 */
export interface RateLimit {
  /** Attempts allowed per window. */
  limit: number;
  windowMs: number;
}

export const AUTH_LIMIT: RateLimit = { limit: 10, windowMs: 60_000 };

const windows = new Map<string, { start: number; count: number }>();
const MAX_KEYS = 50_000;

export interface RateLimitResult {
  allowed: boolean;
  /** Seconds until the window resets (for Retry-After). */
  retryAfter: number;
}

/** Counts one attempt for `key` and says whether it is within the limit. */
export function hitRateLimit(key: string, rule: RateLimit, now = Date.now()): RateLimitResult {
  let window = windows.get(key);
  if (!window || now - window.start >= rule.windowMs) {
    window = { start: now, count: 0 };
    windows.set(key, window);
    if (windows.size > MAX_KEYS) pruneExpired(now, rule.windowMs);
  }
  window.count++;
  return { allowed: window.count <= rule.limit, retryAfter: Math.max(1, Math.ceil((window.start + rule.windowMs - now) / 1000)) };
}

function pruneExpired(now: number, windowMs: number) {
  for (const [key, window] of windows) if (now - window.start >= windowMs) windows.delete(key);
}

/** Forgets every window (tests). */
export function resetRateLimits(): void {
  windows.clear();
}

/** The client address the server entry put in the load context, or "unknown". */
export function clientAddress(context: unknown): string {
  const value = (context as { clientAddress?: unknown } | undefined)?.clientAddress;
  return typeof value === "string" && value ? value : "unknown";
}

/** The 429 answer: a page that says what happened and when to try again. */
export function tooManyRequests(retryAfter: number): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Too many attempts · Tokenboard</title>
<style>body{font-family:system-ui,sans-serif;background:#f8fafc;color:#0f172a;display:grid;place-items:center;min-height:100vh;margin:0}main{max-width:32rem;background:#fff;border:1px solid #e2e8f0;border-radius:12px;padding:2rem;text-align:center}a{color:#2443ad}</style></head>
<body><main><h1>Too many attempts</h1><p>For your account's safety we limit how often anyone can try to sign in or sign up from one place.</p><p>Please wait ${retryAfter} second${retryAfter === 1 ? "" : "s"} and try again.</p><p><a href="/">Back to Tokenboard</a></p></main></body></html>`;
  return new Response(html, {
    status: 429,
    headers: { "Content-Type": "text/html; charset=utf-8", "Retry-After": String(retryAfter), "Cache-Control": "no-store" },
  });
}
