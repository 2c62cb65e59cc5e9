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
