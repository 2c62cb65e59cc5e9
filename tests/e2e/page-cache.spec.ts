import { randomBytes } from "node:crypto";
import { createCompany, fillRole, signUp, uniqueWord } from "./employer-steps";
import { expect, test } from "./fixtures";

test("anonymous listing pages are served from the page cache until the listing changes", async ({ request, page }) => {
  const url = `/roles?sort=share_desc&limit=7`;
  await request.get(url);
  const second = await request.get(url);
  expect(second.status()).toBe(200);
  expect(second.headers()["x-cache"]).toBe("HIT");
  const html = await second.text();
  expect(html).toContain("Token budget");

  // A visitor with a session gets a fresh render (the header shows who is signed in).
  const personal = await request.get(url, { headers: { Cookie: "__Host-tokenboard_session=x; tokenboard_session=x" } });
  expect(personal.headers()["x-cache"]).toBeUndefined();

  // Publishing a role drops the cached pages at once. (That saving a draft does not is
  // checked in tests/integration/listing-version.test.ts: here other tests publish roles in
  // parallel, so a cached page may be dropped by them at any moment.)
  const word = uniqueWord();
  const search = `/roles?q=${word}`;
  await request.get(search);
  const before = await request.get(search);
  expect(await before.text()).not.toContain(`Staff Agent Engineer ${word}`);
  await signUp(page, word);
  await createCompany(page, word);
  await page.getByRole("link", { name: "Post a role" }).last().click();
  await fillRole(page, word);
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("status")).toContainText("Saved and published");
  expect((await request.get(url)).headers()["x-cache"]).not.toBe("HIT");
  const after = await request.get(search);
  expect(after.headers()["x-cache"]).not.toBe("HIT");
  expect(await after.text()).toContain(`Staff Agent Engineer ${word}`);
});

test("a signed-in page never comes from or goes into the page cache, whatever the spelling of the session cookie", async ({ playwright, request, baseURL }) => {
  // A real session: signed up from a context of its own, so this test's `request` stays anonymous.
  const word = uniqueWord();
  const name = `Cachey ${word}`;
  const signer = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { "X-Forwarded-For": `2001:db8:cace:${randomBytes(2).toString("hex")}::7` } });
  const created = await signer.post("/signup", {
    form: { displayName: name, email: `cache-${word}@example.com`, password: "correct horse battery staple" },
    maxRedirects: 0,
  });
  expect(created.status()).toBe(302);
  const token = /__Host-tokenboard_session=([^;]+)/.exec(created.headers()["set-cookie"] ?? "")?.[1];
  expect(token).toBeTruthy();
  await signer.dispose();

  // Every spelling the app's cookie parser reads as this session (the first shows the user is
  // signed in with each, so none of them is merely ignored).
  const variants = [
    `__Host-tokenboard_session=${token}`,
    `__Host-tokenboard_session =${token}`,
    `__Host-tokenboard_session= ${token}`,
    `__Host-tokenboard_session="${token}"`,
    `theme=dark;__Host-tokenboard_session =${token}`,
    `__Host-tokenboard_session =${token}; __Host-tokenboard_session=${token}`,
    `__Host-tokenboard_session\t=${token}; tokenboard_session=x`,
  ];
  for (const [index, cookie] of variants.entries()) {
    // Signed in first: the answer must not be stored for the anonymous visitors after.
    const first = `/?probe=${word}-signed-first-${index}`;
    const signedIn = await request.get(first, { headers: { Cookie: cookie } });
    expect(await signedIn.text(), cookie).toContain(name);
    expect(signedIn.headers()["x-cache"], cookie).toBeUndefined();
    for (let visit = 0; visit < 2; visit++) {
      const anonymous = await request.get(first);
      expect(await anonymous.text(), cookie).not.toContain(name);
    }

    // Anonymous first (now cached): the signed-in visitor must not get the cached page.
    const second = `/?probe=${word}-anonymous-first-${index}`;
    await request.get(second);
    expect((await request.get(second)).headers()["x-cache"]).toBe("HIT");
    const signedInAfter = await request.get(second, { headers: { Cookie: cookie } });
    expect(signedInAfter.headers()["x-cache"], cookie).toBeUndefined();
    expect(await signedInAfter.text(), cookie).toContain(name);
  }

  // A name the parser does not read as the session (another case) is an anonymous visitor, and
  // is shown the anonymous page.
  const otherCase = await request.get(`/?probe=${word}-other-case`, { headers: { Cookie: `__HOST-TOKENBOARD_SESSION=${token}` } });
  expect(await otherCase.text()).not.toContain(name);
});
