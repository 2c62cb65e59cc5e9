import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { sessions, users } from "../../db/schema";
import { postForm, signedInUser } from "../support/accounts";
import { callLoader } from "../support/loaders";
import { db } from "~/models/db.server";
import { getSessionUser } from "~/lib/session.server";
import { HONEYPOT_FIELD } from "~/lib/honeypot";
import { action as loginAction } from "~/routes/login";
import { action as signupAction } from "~/routes/signup";
import { action as logoutAction, loader as logoutLoader } from "~/routes/logout";

function errorsOf(result: { data: unknown }): string[] {
  const reply = (result.data as { result?: { error?: Record<string, string[] | null> } }).result;
  return Object.values(reply?.error ?? {}).flatMap((messages) => messages ?? []);
}

describe("sign-up", () => {
  it("stores an Argon2id hash at OWASP parameters and signs the user in", async () => {
    const email = `New.Person-${process.pid}@Example.com`;
    const result = await postForm(
      signupAction,
      "/signup",
      { displayName: "New Person", email, password: "twelve chars or more", redirectTo: "/employer/roles/new" },
    );
    expect(result.status).toBe(302);
    expect(result.location).toBe("/employer/roles/new");
    const user = db().select().from(users).where(eq(users.email, email.toLowerCase())).get()!;
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(user.passwordHash).not.toContain("twelve");
  });

  it("refuses a second account for the same email in any case", async () => {
    const first = await signedInUser("dup");
    const result = await postForm(
      signupAction,
      "/signup",
      { displayName: "Dup", email: first.email.toUpperCase(), password: "twelve chars or more" },
    );
    expect(result.status).toBe(400);
    expect(errorsOf(result)).toContain("An account with this email already exists. Log in instead?");
  });

  it("checks the fields and keeps the values (but never echoes the password)", async () => {
    const result = await postForm(signupAction, "/signup", { displayName: "", email: "not-an-email", password: "short" });
    expect(result.status).toBe(400);
    const reply = (result.data as { result: { initialValue: Record<string, unknown>; error: Record<string, string[]> } }).result;
    expect(reply.error.email).toEqual(["Enter a valid email address, like name@company.com"]);
    expect(reply.error.password).toEqual(["Use at least 12 characters"]);
    expect(reply.initialValue.email).toBe("not-an-email");
    expect(reply.initialValue.password).toBeUndefined();
  });

  it("turns away a filled honeypot without creating anyone", async () => {
    const email = `bot-${process.pid}@example.com`;
    const result = await postForm(
      signupAction,
      "/signup",
      { displayName: "Bot", email, password: "twelve chars or more", [HONEYPOT_FIELD]: "http://spam.example" },
    );
    expect(result.status).toBe(400);
    expect(db().select().from(users).where(eq(users.email, email)).get()).toBeUndefined();
  });
});

describe("login", () => {
  it("answers a wrong password and an unknown email alike", async () => {
    const known = await signedInUser("known");
    const wrongPassword = await postForm(loginAction, "/login", { email: known.email, password: "not the password" });
    const unknownEmail = await postForm(loginAction, "/login", { email: `nobody-${process.pid}@example.com`, password: "whatever" });
    expect(wrongPassword.status).toBe(400);
    expect(unknownEmail.status).toBe(400);
    expect(errorsOf(wrongPassword)).toEqual(errorsOf(unknownEmail));
    expect(errorsOf(wrongPassword)).toEqual(["That email and password don't match an account."]);
  });

  it("signs in and goes back only to a path on this site", async () => {
    const user = await signedInUser("returning");
    const cases: [string, string][] = [
      ["/roles?workplace=remote", "/roles?workplace=remote"],
      ["//evil.example", "/employer"],
      ["https://evil.example/", "/employer"],
      ["/\\evil.example", "/employer"],
      ["%2F%2Fevil.example", "/employer"],
      ["/%2F%2Fevil.example", "/employer"],
      ["/\t/evil.example", "/employer"],
      ["javascript:alert(1)", "/employer"],
    ];
    for (const [redirectTo, expected] of cases) {
      const result = await postForm(
        loginAction,
        "/login",
        { email: user.email, password: "a long enough password", redirectTo },
      );
      expect(result.status, redirectTo).toBe(302);
      expect(result.location, redirectTo).toBe(expected);
    }
  });
});

describe("logout", () => {
  it("is a POST; a GET changes nothing", async () => {
    const user = await signedInUser("leaving");
    const request = () => new Request("http://localhost/", { headers: { Cookie: user.cookie } });
    const get = await callLoader(logoutLoader, "/logout", {}, { Cookie: user.cookie });
    expect(get.status).toBe(302);
    expect(await getSessionUser(request())).not.toBeNull();
    const post = await postForm(logoutAction, "/logout", {}, { cookie: user.cookie });
    expect(post.status).toBe(302);
    expect(await getSessionUser(request())).toBeNull();
  });

  it("can end every session of the user", async () => {
    const user = await signedInUser("everywhere");
    const { createSession } = await import("~/lib/session.server");
    await createSession(user.id);
    await createSession(user.id);
    expect(db().select().from(sessions).where(eq(sessions.userId, user.id)).all()).toHaveLength(3);
    await postForm(logoutAction, "/logout", { everywhere: "1" }, { cookie: user.cookie });
    expect(db().select().from(sessions).where(eq(sessions.userId, user.id)).all()).toHaveLength(0);
  });

  it("a forged or tampered cookie is no session", async () => {
    const user = await signedInUser("tamper");
    const [name, value] = user.cookie.split("=") as [string, string];
    for (const cookie of [`${name}=${value.slice(0, -2)}xx`, `${name}=anything`, `${name}=`, "other=1"]) {
      expect(await getSessionUser(new Request("http://localhost/", { headers: { Cookie: cookie } }))).toBeNull();
    }
  });
});
