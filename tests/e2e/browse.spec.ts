import { expect, test } from "./fixtures";
import { expectNoSeriousA11yViolations } from "./a11y";

test("a newcomer lands on the home page and finds the roles", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("token budget");
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("link", { name: "Browse roles" }).first().click();
  await expect(page).toHaveURL(/\/roles$/);
  await expect(page.getByRole("heading", { level: 1, name: "Roles" })).toBeVisible();
});

test("every card on /roles shows the salary range beside the token budget", async ({ page }) => {
  // 20 cards checked one by one, axe over the desktop filter panel, then a second page.
  test.slow();
  await page.goto("/roles");
  const cards = page.getByRole("list", { name: "Roles" }).getByRole("article");
  await expect(cards).toHaveCount(20);
  for (const card of await cards.all()) {
    const salary = card.locator("dt", { hasText: "Salary" }).locator("xpath=following-sibling::dd[1]");
    const tokens = card.locator("dt", { hasText: "Token budget" }).locator("xpath=following-sibling::dd[1]");
    await expect(salary).toHaveText(/^(\$|€|£|CA\$|A\$|CHF |SEK |¥|₹|S\$)[\d.]+[kM]?(-.+)?$/);
    await expect(tokens).toHaveText(/^(\$[\d.]+[kM]?\/yr|No budget)$/);
  }
  await expectNoSeriousA11yViolations(page);

  // The next page continues the list without repeating the first.
  const hrefs = () =>
    cards.getByRole("heading").getByRole("link").evaluateAll((links) => links.map((link) => link.getAttribute("href")));
  const firstPage = await hrefs();
  await expect(page.locator("#page-position")).toHaveText(/^1–20 of /);
  await page.getByRole("button", { name: "Next page →" }).click();
  await expect(page).toHaveURL(/cursor=/);
  // The URL changes before the new cards are in: wait for the page to say it shows the
  // second page and for the navigation to be over (the list is no longer busy), then read.
  await expect(page.locator("#page-position")).toHaveText(/^21–40 of /);
  await expect(page.locator('section[aria-labelledby="results-heading"]')).toHaveAttribute("aria-busy", "false");
  await expect(cards).toHaveCount(20);
  const secondPage = await hrefs();
  expect(new Set([...firstPage, ...secondPage]).size).toBe(40);
});

test("a role page shows the full package", async ({ page }) => {
  await page.goto("/roles");
  const firstCard = page.getByRole("list", { name: "Roles" }).getByRole("article").first();
  const title = (await firstCard.getByRole("heading").textContent())?.trim() ?? "";
  await firstCard.getByRole("heading").getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);

  const pkg = page.getByRole("region", { name: "The full package" });
  for (const label of [
    "Salary",
    "Bonus target",
    "Equity",
    "Token budget (as stated)",
    "Token budget (normalized)",
    "Cap and scope",
    "Tools provided",
    "GPU access",
    "Fully loaded total",
    "Inference share",
  ]) {
    await expect(pkg.locator("dt", { hasText: new RegExp(`^${label.replace(/[()]/g, "\\$&")}$`) })).toHaveCount(1);
  }
  await expect(pkg).toContainText(/tokens\/mo at .+ prices \(as of \d{4}-\d{2}-\d{2}\)/);
  await expect(pkg.getByRole("img", { name: /Package at midpoint: Salary/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /^Apply/ }).first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test("a company page lists its open roles", async ({ page }) => {
  await page.goto("/roles");
  const card = page.getByRole("list", { name: "Roles" }).getByRole("article").first();
  const company = card.getByRole("paragraph").getByRole("link").first();
  const companyName = (await company.textContent())?.trim() ?? "";
  await company.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(companyName);
  await expect(page.getByRole("heading", { level: 2, name: /open roles?$/ })).toBeVisible();
  await expect(page.getByRole("article").first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test("unknown pages and roles get a helpful 404", async ({ page }) => {
  const missingPage = await page.goto("/no-such-page");
  expect(missingPage?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  const missingRole = await page.goto("/roles/no-such-role");
  expect(missingRole?.status()).toBe(404);
  await expect(page.getByRole("link", { name: "Browse roles" }).first()).toBeVisible();
});

test("a tampered page link is a 400 with a way back, not an error page", async ({ page }) => {
  const response = await page.goto("/roles?cursor=not-a-real-cursor");
  expect(response?.status()).toBe(400);
  await expect(page.getByRole("alert")).toContainText("invalid");
  await expect(page.getByRole("list", { name: "Roles" }).getByRole("article")).toHaveCount(20);
});
