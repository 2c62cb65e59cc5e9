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

  // Any change to the listing drops the cached page at once: publish a role.
  await page.goto("/signup");
  const word = `cache${Date.now()}`;
  await page.getByRole("textbox", { name: "Your name" }).fill("Cache Tester");
  await page.getByRole("textbox", { name: "Work email" }).fill(`${word}@example.com`);
  await page.getByLabel("Password").fill("correct horse battery staple");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("link", { name: "Create a company profile" }).click();
  await page.getByRole("textbox", { name: "Company name" }).fill(`Cache ${word}`);
  await page.getByRole("textbox", { name: "Page address" }).fill(word);
  await page.getByRole("button", { name: "Create company" }).click();
  await page.getByRole("link", { name: "Post a role" }).last().click();
  await page.getByRole("textbox", { name: "Job title" }).fill(`Draft ${word}`);
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status")).toContainText("Draft saved");

  const after = await request.get(url);
  expect(after.headers()["x-cache"]).not.toBe("HIT");
});
