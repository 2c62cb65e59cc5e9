/**
 * The names of Tokenboard's cookies, in one place: the session module and the tracked-link
 * module name their cookies from here, and the server entry's page cache asks here whether a
 * request carries a session, so the two can never disagree about what a session cookie is.
 */
import { createCookie } from "@remix-run/node";

/** The session cookie: `__Host-` prefixed in production (Secure, path /, no Domain). */
export const SESSION_COOKIE_NAME = { production: "__Host-tokenboard_session", development: "tokenboard_session" } as const;

export function sessionCookieName(isProduction: boolean): string {
  return isProduction ? SESSION_COOKIE_NAME.production : SESSION_COOKIE_NAME.development;
}

/** Either spelling: a page cache must treat both as a session whatever the mode. */
export const SESSION_COOKIE_NAMES: readonly string[] = Object.values(SESSION_COOKIE_NAME);

/** Which tracked link a visitor arrived by (app/lib/via-cookie.server.ts). */
export const VIA_COOKIE_NAME = "tokenboard_via";

// Read with Remix's own cookie parser (createCookie's, the one the session module reads with),
// so any spelling the app accepts (`name =value`, a quoted value, the name twice) is seen here
// too. Every value is read as "": only whether the name is there matters, and an empty value
// is never mistaken for an absent cookie.
const presenceOnly = { decode: () => "" };
const unsignedCookies = new Map<string, ReturnType<typeof createCookie>>();

/** Whether the Cookie header holds a cookie with any of these names, as the app parses it. */
export async function carriesCookie(cookieHeader: string | null | undefined, names: readonly string[]): Promise<boolean> {
  if (!cookieHeader) return false;
  for (const name of names) {
    let cookie = unsignedCookies.get(name);
    if (!cookie) unsignedCookies.set(name, (cookie = createCookie(name)));
    if ((await cookie.parse(cookieHeader, presenceOnly)) !== null) return true;
  }
  return false;
}
