import { createCookie } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { carriesCookie, SESSION_COOKIE_NAMES, sessionCookieName, VIA_COOKIE_NAME } from "~/lib/cookie-names.server";

const TOKEN = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde";

describe("one module names the cookies", () => {
  it("names the session cookie per mode, and lists both spellings for the page cache", () => {
    expect(sessionCookieName(true)).toBe("__Host-tokenboard_session");
    expect(sessionCookieName(false)).toBe("tokenboard_session");
    expect([...SESSION_COOKIE_NAMES].sort()).toEqual(["__Host-tokenboard_session", "tokenboard_session"]);
    expect(VIA_COOKIE_NAME).toBe("tokenboard_via");
  });
});

describe("carriesCookie sees a session in every spelling the app's parser accepts", () => {
  // The app reads its session with createCookie(...).parse; whatever header makes that parser
  // find the cookie must make carriesCookie say so.
  const appParser = createCookie("__Host-tokenboard_session");

  it.each([
    `__Host-tokenboard_session=${TOKEN}`,
    `__Host-tokenboard_session =${TOKEN}`, // the space before "=" the old pattern missed
    `__Host-tokenboard_session\t=${TOKEN}`,
    `__Host-tokenboard_session= ${TOKEN}`,
    `__Host-tokenboard_session="${TOKEN}"`,
    `  __Host-tokenboard_session  =  "${TOKEN}"  `,
    `theme=dark;__Host-tokenboard_session =${TOKEN}`,
    `theme=dark ;  __Host-tokenboard_session=${TOKEN}; other=1`,
    `__Host-tokenboard_session=${TOKEN}; __Host-tokenboard_session=${TOKEN}`,
    `__Host-tokenboard_session=garbage; __Host-tokenboard_session=${TOKEN}`,
    `__Host-tokenboard_session=`, // empty, still the cookie
    `__Host-tokenboard_session=bnVsbA==`, // decodes to JSON null with an unsigned parser
    `tokenboard_session=${TOKEN}`,
    `a; __Host-tokenboard_session=${TOKEN}`,
  ])("%j", async (header) => {
    expect(await carriesCookie(header, SESSION_COOKIE_NAMES)).toBe(true);
  });

  it.each([undefined, "", "theme=dark", "__Host-tokenboard_sessions=x", "x__Host-tokenboard_session=x", "__Host-tokenboard_session"])(
    "no session in %j",
    async (header) => {
      expect(await carriesCookie(header, SESSION_COOKIE_NAMES)).toBe(false);
    },
  );

  it("agrees with the app's parser on names it does not accept (other case: not the cookie)", async () => {
    for (const header of [`__HOST-TOKENBOARD_SESSION=${TOKEN}`, `__host-tokenboard_session=${TOKEN}`]) {
      expect(await appParser.parse(header)).toBeNull();
      expect(await carriesCookie(header, SESSION_COOKIE_NAMES)).toBe(false);
    }
  });
});
