/**
 * Where to send a visitor after logging in: only a path on this site. Absolute URLs,
 * protocol-relative ("//evil.example"), backslash tricks ("/\\evil.example") and encoded
 * variants fall back to the default.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || to.length === 0 || to.length > 2000) return fallback;
  let decoded = to;
  try {
    decoded = decodeURIComponent(to);
  } catch {
    return fallback;
  }
  for (const candidate of [to, decoded]) {
    if (!candidate.startsWith("/") || candidate.startsWith("//") || candidate.includes("\\")) return fallback;
    // Control characters (tabs and newlines are dropped by URL parsers) could hide a "//".
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(candidate)) return fallback;
  }
  // The URL parser is the final judge: the target must stay on this origin.
  const base = "http://tokenboard.invalid";
  const url = new URL(to, base);
  if (url.origin !== base) return fallback;
  // Dot segments are resolved by the parser: "/.//evil.example" and "/a/..//evil.example"
  // become "//evil.example", which a browser reads as another host.
  const path = url.pathname + url.search + url.hash;
  if (path.startsWith("//") || path.startsWith("/\\")) return fallback;
  return path;
}
