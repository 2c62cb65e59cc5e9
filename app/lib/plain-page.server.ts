/**
 * A small self-contained HTML page for answers the server entry gives before Remix runs
 * (a refused rate limit, a cross-site post): no stylesheet or script to load, so it works
 * whatever the visitor is being refused.
 */
export function plainPage(title: string, paragraphs: readonly string[]): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${title} · Tokenboard</title>
<style>body{font-family:system-ui,sans-serif;background:#f8fafc;color:#0f172a;display:grid;place-items:center;min-height:100vh;margin:0;padding:1rem}main{max-width:32rem;background:#fff;border:1px solid #e2e8f0;border-radius:12px;padding:2rem;text-align:center}a{color:#2443ad}</style></head>
<body><main><h1>${title}</h1>${paragraphs.map((text) => `<p>${text}</p>`).join("")}</main></body></html>`;
}
