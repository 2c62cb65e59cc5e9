/**
 * In production the session cookie is HttpOnly, SameSite=Lax, Secure and `__Host-` prefixed
 * (so it is bound to this host and path /, and cannot be set by a subdomain or over http).
 */
import { describe, expect, it } from "vitest";

// Configuration is read once per test file, on first use: set production before that.
process.env.NODE_ENV = "production";
process.env.SESSION_SECRET = "a-production-secret-of-at-least-32-characters";
process.env.PUBLIC_URL = "https://tokenboard.example";

describe("the session cookie in production", () => {
  it("has every protective flag", async () => {
    const { signedInUser } = await import("../support/accounts");
    const { createSession } = await import("~/lib/session.server");
    const user = await signedInUser("prod");
    const setCookie = await createSession(user.id);
    expect(setCookie).toMatch(/^__Host-tokenboard_session=/);
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; Secure/);
    expect(setCookie).toMatch(/; SameSite=Lax/);
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).not.toMatch(/Domain=/i);
  });
});
