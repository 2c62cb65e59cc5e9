/**
 * Posts from other sites are refused in the server entry with a 403 and a page that says so.
 * Remix refuses them too, but by throwing, which answers a bare 500; this check runs first
 * and asks the same question Remix asks (the `Origin` host against `X-Forwarded-Host`, else
 * `Host`), so whatever passes here also passes Remix's check.
 */
export function isCrossSiteWrite(method: string, header: (name: string) => string | undefined): boolean {
  if (["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase())) return false;
  const origin = header("origin");
  // No Origin: not a browser's cross-site form post (browsers send it on every POST).
  if (origin === undefined) return false;
  let originHost: string;
  try {
    // "null" (a sandboxed frame, a file) is no host at all, and so never this site's.
    originHost = origin === "null" ? "null" : new URL(origin).host;
  } catch {
    return true;
  }
  const forwarded = header("x-forwarded-host")?.split(",")[0]?.trim();
  const host = forwarded || header("host");
  return !host || originHost !== host;
}

export function crossSitePage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>Form sent from another site · Tokenboard</title>
<style>body{font-family:system-ui,sans-serif;background:#f8fafc;color:#0f172a;display:grid;place-items:center;min-height:100vh;margin:0;padding:1rem}main{max-width:32rem;background:#fff;border:1px solid #e2e8f0;border-radius:12px;padding:2rem;text-align:center}a{color:#2443ad}</style></head>
<body><main><h1>This form came from another site</h1><p>Tokenboard only accepts changes sent from its own pages, so that no other site can act in your name. Nothing was changed.</p><p><a href="/">Go to Tokenboard</a> and try again from there.</p></main></body></html>`;
}
