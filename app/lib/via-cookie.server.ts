/**
 * Which tracked link a visitor arrived by, so a later "Apply" is credited to it. Signed, so it
 * cannot be forged to credit another link; HttpOnly; it holds the link's public code only.
 */
import { createCookie } from "@remix-run/node";
import { config } from "./config.server";
import { VIA_COOKIE_NAME } from "./cookie-names.server";

let cookie: ReturnType<typeof createCookie> | undefined;

export function viaCookie() {
  cookie ??= createCookie(VIA_COOKIE_NAME, {
    httpOnly: true,
    sameSite: "lax",
    secure: config().isProduction,
    path: "/",
    maxAge: 30 * 86_400,
    secrets: [config().sessionSecret],
  });
  return cookie;
}

export async function arrivedVia(request: Request): Promise<string | null> {
  const value: unknown = await viaCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : null;
}
