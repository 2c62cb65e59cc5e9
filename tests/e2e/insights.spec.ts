import { expect, test } from "./fixtures";
import { expectNoSeriousA11yViolations } from "./a11y";

test("the market charts render with accessible names and tables, and lead to the matching search", async ({ page }) => {
  await page.goto("/market");
  for (const name of ["Token budget by level", "Token budget against salary", "Roles providing each tool", "Median inference share by month of posting"]) {
    const chart = page.getByRole("region", { name });
    await expect(chart).toBeVisible();
    await expect(chart.getByRole("group", { name })).toBeVisible();
    await chart.getByText("Show the data").click();
    await expect(chart.getByRole("table")).toBeVisible();
    expect(await chart.getByRole("table").getByRole("row").count()).toBeGreaterThan(1);
  }
  await expectNoSeriousA11yViolations(page);

  // Narrow to remote roles, then follow the Senior box to its search.
  await page.getByRole("checkbox", { name: "Remote" }).check();
  await page.getByRole("button", { name: "Update charts" }).click();
  await expect(page).toHaveURL(/\/market\?workplace=remote/);
  await page.getByRole("link", { name: /^Senior: median/ }).click();
  await expect(page).toHaveURL(/\/roles\?workplace=remote&level=senior&sort=tokens_desc$/);
  const cards = page.getByRole("list", { name: "Roles" }).getByRole("article");
  await expect(cards.first()).toBeVisible();
  for (const card of await cards.all()) await expect(card).toContainText(/Senior · Remote/);
});

test("the scatter's points are named links to their roles", async ({ page }) => {
  await page.goto("/market");
  const scatter = page.getByRole("group", { name: "Token budget against salary" });
  const points = scatter.getByRole("link", { name: /: salary up to \$[\d.]+k, token budget \$[\d.]+k?\/yr$/ });
  expect(await points.count()).toBeGreaterThan(20);
  const first = points.first();
  const href = await first.getAttribute("href");
  expect(href).toMatch(/^\/roles\/[a-z0-9-]+$/);
  const title = (await first.getAttribute("aria-label")) ?? (await first.locator("title").textContent());
  await first.dispatchEvent("click");
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title!.split(": salary up to")[0]!);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test("charts keep readable text and scroll sideways in their own box, not the page", async ({ page }) => {
    await page.goto("/market");
    const chart = page.getByRole("group", { name: "Token budget by level" });
    await expect(chart).toBeVisible();
    // Axis text at its drawn size (11 px), not shrunk to fit 390 px.
    const axisLabel = chart.locator("text").first();
    expect((await axisLabel.boundingBox())!.height).toBeGreaterThanOrEqual(10);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const box = chart.locator("xpath=..");
    expect(await box.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await expect(page.getByText("Swipe sideways to see the whole chart.").first()).toBeVisible();
    await page.screenshot({ path: test.info().outputPath("market-phone.png"), fullPage: true });
    await expectNoSeriousA11yViolations(page);
  });
});

for (const javaScriptEnabled of [true, false]) {
  test.describe(`compare from the cards, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });
    test("tick three roles and see them side by side with the best marked", async ({ page }) => {
      await page.goto("/roles?sort=tokens_desc");
      const cards = page.getByRole("list", { name: "Roles" }).getByRole("article");
      // Three roles with different budgets, the first the largest (the list is sorted by it).
      const budgetTexts = await cards.locator("dt", { hasText: "Token budget" }).locator("xpath=following-sibling::dd[1]").allTextContents();
      const picked: number[] = [0];
      for (let i = 1; i < budgetTexts.length && picked.length < 3; i++) {
        if (!picked.some((j) => budgetTexts[j] === budgetTexts[i])) picked.push(i);
      }
      expect(picked).toHaveLength(3);
      const titles: string[] = [];
      for (const i of picked) {
        const card = cards.nth(i);
        titles.push((await card.getByRole("heading").textContent())!.trim());
        await card.getByRole("checkbox", { name: /^Compare/ }).check();
      }
      await page.getByRole("button", { name: "Compare selected" }).click();
      await expect(page).toHaveURL(/\/compare\?roles=.+&roles=.+&roles=.+/);
      const table = page.getByRole("table");
      for (const title of titles) await expect(table.getByRole("columnheader", { name: new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) })).toBeVisible();
      // The highest token budget is the first card's (sorted by it), marked best.
      const tokenRow = table.getByRole("row", { name: /^Token budget \(normalized\)/ });
      await expect(tokenRow.getByRole("cell").nth(0)).toContainText("★ best");
      // The comparison is a URL: it can be shared.
      const shared = page.url();
      await page.goto(shared);
      await expect(table.getByRole("columnheader")).toHaveCount(3);
    });
  });
}

test("pricing, calculator and compare pages are accessible", async ({ page }) => {
  await page.goto("/pricing");
  await expect(page.getByRole("heading", { level: 1, name: "Pricing basis" })).toBeVisible();
  await expect(page.getByRole("table")).toContainText("default");
  await expectNoSeriousA11yViolations(page);

  await page.goto("/calculator?salary=375000&bonus=0&equity=0&tokens=100000&unit=usd&period=year");
  await expect(page.getByRole("region", { name: "Result" })).toContainText("$475,000 per year");
  await expect(page.getByRole("region", { name: "Result" })).toContainText("21%");
  await expectNoSeriousA11yViolations(page);

  await page.goto("/compare");
  await expect(page.getByRole("status")).toContainText("Pick 2 to 4 roles");
  await expectNoSeriousA11yViolations(page);
});

test("a role page says what its budget buys", async ({ page }) => {
  await page.goto("/roles?sort=tokens_desc");
  await page.getByRole("list", { name: "Roles" }).getByRole("article").first().getByRole("heading").getByRole("link").click();
  const buys = page.getByRole("region", { name: "What this budget buys" });
  await expect(buys).toContainText("per working day");
  await expect(buys.getByRole("table")).toContainText("tokens/mo");
  await expect(buys).toContainText(/Higher than \d+% of open/);
  await expect(buys).toContainText("a seat stipend");
});
