import { randomBytes } from "node:crypto";
import { expect, test } from "./fixtures";
import { expectNoSeriousA11yViolations } from "./a11y";
import { createShortlist, signUpRecruiter } from "./employer-steps";

test("a recruiter shares a role and a shortlist; a visitor applies; the dashboard counts it", async ({ page, browser }) => {
  // Two browsers, a dozen pages and two axe runs: near the 90 s limit on a loaded machine.
  test.slow();
  const word = randomBytes(4).toString("hex");
  await signUpRecruiter(page, word);

  await createShortlist(page, `Platform ${word}`);
  const shortlistUrl = await page.getByRole("textbox", { name: "shortlist link" }).inputValue();

  // Pick an open role that is applied to on the employer's site, and use its recruiter tools.
  const { roles } = (await (await page.request.get("/api/roles?sort=tokens_desc&limit=30")).json()) as { roles: { slug: string }[] };
  let slug = "";
  for (const role of roles) {
    const detail = (await (await page.request.get(`/api/roles/${role.slug}`)).json()) as { howToApply: { url: string | null } };
    if (detail.howToApply.url) {
      slug = role.slug;
      break;
    }
  }
  expect(slug).not.toBe("");
  await page.goto(`/roles/${slug}`);
  const roleTitle = (await page.getByRole("heading", { level: 1 }).textContent())!.trim();
  await page.getByRole("combobox", { name: "Add to shortlist" }).selectOption({ label: `Platform ${word}` });
  await page.getByRole("button", { name: "Add to shortlist" }).click();
  await expect(page.getByRole("list", { name: "Roles on this shortlist" })).toContainText(roleTitle);
  await page.goBack();
  await page.getByRole("textbox", { name: "Label (where you'll share it)" }).fill("LinkedIn post");
  await page.getByRole("button", { name: "Create tracked link" }).click();
  await expect(page.getByRole("status")).toContainText("/r/");
  const linkUrl = (await page.getByRole("status").textContent())!.replace("Link created:", "").trim();
  await expectNoSeriousA11yViolations(page);

  // A visitor who is not logged in follows the link and applies.
  const visitor = await browser.newContext();
  const visitorPage = await visitor.newPage();
  let applyUrl = "";
  // The employer's site is outside this machine: answer for it, and note where Apply went.
  await visitorPage.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, async (route) => {
    applyUrl = route.request().url();
    await route.fulfill({ status: 200, contentType: "text/html", body: "<title>Employer</title><h1>Employer's application page</h1>" });
  });
  await visitorPage.goto(linkUrl);
  await expect(visitorPage.getByRole("heading", { level: 1 })).toHaveText(roleTitle);
  await visitorPage.getByRole("link", { name: /^Apply/ }).first().click();
  await expect(visitorPage.getByRole("heading", { name: "Employer's application page" })).toBeVisible();
  expect(new URL(applyUrl).searchParams.get("utm_medium")).toBe("recruiter_link");
  expect(new URL(applyUrl).searchParams.get("utm_campaign")).toBe("linkedin-post");

  // The shared shortlist shows both figures to anyone.
  await visitorPage.goto(shortlistUrl);
  await expect(visitorPage.getByRole("heading", { level: 1 })).toHaveText(`Platform ${word}`);
  const entry = visitorPage.getByRole("list", { name: "Shortlisted roles" }).getByRole("article").first();
  await expect(entry).toContainText("Salary");
  await expect(entry).toContainText("Token budget");
  await expect(entry).toContainText("Open");
  await visitor.close();

  await page.goto("/recruiter");
  const card = page.getByRole("listitem").filter({ hasText: "LinkedIn post" });
  await expect(card).toContainText("1 visit · 1 apply click · 0 bot visits");
  await card.getByText("Chart of the last 30 days").click();
  await expect(page.getByRole("img", { name: /LinkedIn post: 1 visit and 1 apply click in the last 30 days/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test("an unknown tracked link is a 404 page, not a redirect", async ({ page }) => {
  for (const code of ["ZZZZZZZZ", "%2F%2Fevil.example", "..%2F..%2Fadmin"]) {
    const response = await page.goto(`/r/${code}`);
    expect(response?.status(), code).toBe(404);
    expect(new URL(page.url()).host).toBe(new URL(page.context().pages()[0]!.url()).host);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  }
});

test("feeds are linked from the search page", async ({ page, request }) => {
  await page.goto("/roles?workplace=remote");
  const atom = page.locator('link[rel="alternate"][type="application/atom+xml"]');
  await expect(atom).toHaveAttribute("href", "/feeds/roles.atom?workplace=remote");
  const response = await request.get("/feeds/roles.atom?workplace=remote");
  expect(response.status()).toBe(200);
  expect(await response.text()).toContain("<feed");
});
