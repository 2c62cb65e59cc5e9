/**
 * Attribution parameters for the employer's apply link. They are appended to the URL's own
 * query string byte for byte (never re-encoded), parameters the employer already set win, and
 * the fragment stays last, so the employer's link keeps working exactly as they wrote it.
 */
export interface Attribution {
  utm_source: string;
  utm_medium: string;
  utm_campaign?: string;
  ref?: string;
}

export function withAttribution(applyUrl: string, attribution: Attribution): string {
  let parsed: URL;
  try {
    parsed = new URL(applyUrl);
  } catch {
    return applyUrl;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return applyUrl;
  const hashAt = applyUrl.indexOf("#");
  const beforeHash = hashAt === -1 ? applyUrl : applyUrl.slice(0, hashAt);
  const hash = hashAt === -1 ? "" : applyUrl.slice(hashAt);
  const additions = Object.entries(attribution)
    .filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== "")
    .filter(([key]) => !parsed.searchParams.has(key))
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
  if (additions.length === 0) return applyUrl;
  const separator = !beforeHash.includes("?") ? "?" : beforeHash.endsWith("?") || beforeHash.endsWith("&") ? "" : "&";
  return `${beforeHash}${separator}${additions.join("&")}${hash}`;
}

/** "LinkedIn post, platform team!" → "linkedin-post-platform-team" (a campaign name). */
export function campaignName(label: string, fallback: string): string {
  const slug = label
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return slug || fallback;
}
