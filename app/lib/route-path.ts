/**
 * The path a request target reaches in the router, written one way: what the server entry
 * decides by (rate-limit tiers, JSON answers for the API, which methods a path takes) must be
 * what Remix will match, or a spelling the router accepts slips past the decision (`/LOGIN`
 * signing in under the write tier instead of the sign-in one).
 *
 * The steps are Remix's and React Router's, in their order:
 * - the target is read as a URL, which resolves `.`/`..` segments (also `%2e`) and turns `\`
 *   into `/`;
 * - a single-fetch data request (`/login.data`, `/_root.data` for `/`) is the document path
 *   without its `.data` suffix, tested on the raw path and case-sensitively, as Remix does;
 * - each segment is percent-decoded on its own, an encoded `/` staying `%2F` (so `/r%2Fx` is one
 *   segment, not the tracked link `/r/x`); a malformed escape leaves the path undecoded;
 * - matching ignores case and trailing slashes.
 * The query (`?index`, filters) never changes which route a path reaches, so it is dropped.
 * Repeated slashes are kept: the router does not merge them (`//login` matches no route).
 */
export function routePath(target: string): string {
  let pathname: string;
  try {
    // Concatenated, not resolved against a base, as the Express adapter builds Remix's URL:
    // "//x" stays a path, as it arrived in the request line.
    pathname = new URL(`http://route.invalid${target}`).pathname;
  } catch {
    pathname = target.split(/[?#]/, 1)[0] ?? "/";
  }
  if (pathname.endsWith(".data")) {
    pathname = pathname.slice(0, -".data".length);
    if (pathname === "/_root") pathname = "/";
  }
  let decoded: string;
  try {
    decoded = pathname
      .split("/")
      .map((segment) => decodeURIComponent(segment).replace(/\//g, "%2F"))
      .join("/");
  } catch {
    decoded = pathname;
  }
  return decoded.toLowerCase().replace(/(.)\/+$/, "$1");
}
