/**
 * Posts from other sites are refused in the server entry with a 403 and a page that says so.
 * Remix refuses them too, but by throwing, which answers a bare 500; this check runs first
 * and asks the same question Remix asks (the `Origin` host against `X-Forwarded-Host`, else
 * `Host`), so whatever passes here also passes Remix's check.
 */
import { plainPage } from "./plain-page.server";

/** Methods that never change anything here; every other one is a write. */
export function isSafeMethod(method: string): boolean {
  return ["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase());
}

export function isCrossSiteWrite(method: string, header: (name: string) => string | undefined): boolean {
  if (isSafeMethod(method)) return false;
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
  return plainPage("This form came from another site", [
    "Tokenboard only accepts changes sent from its own pages, so that no other site can act in your name. Nothing was changed.",
    '<a href="/">Go to Tokenboard</a> and try again from there.',
  ]);
}
