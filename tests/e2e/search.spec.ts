import { expect, test } from "./fixtures";
import { expectNoSeriousA11yViolations } from "./a11y";
import type { Page } from "@playwright/test";

/** "$60k/yr" → 60000; "No budget" → 0. */
function budgetValue(text: string): number {
  if (/No budget/.test(text)) return 0;
  const match = /\$([\d.]+)([kM]?)\/yr/.exec(text);
  if (!match) throw new Error(`not a budget: ${text}`);
  return Number(match[1]) * (match[2] === "k" ? 1e3 : match[2] === "M" ? 1e6 : 1);
}

async function budgets(page: Page): Promise<number[]> {
  const cards = page.getByRole("list", { name: "Roles" }).getByRole("article");
  const texts = await cards
    .locator("dt", { hasText: "Token budget" })
    .locator("xpath=following-sibling::dd[1]")
    .allTextContents();
  return texts.map(budgetValue);
}

const resultsHeading = (page: Page) => page.getByRole("heading", { level: 2, name: /roles? (match|open)/ });

test.describe("with JavaScript", () => {
  test("filters apply as the visitor changes them, and the URL is the state", async ({ page }) => {
    await page.goto("/roles");
    const totalText = await resultsHeading(page).textContent();

    await page.getByRole("checkbox", { name: /^Remote/ }).check();
    await expect(page).toHaveURL(/workplace=remote/);
    await expect(resultsHeading(page)).not.toHaveText(totalText ?? "");
    await expect(page.getByRole("list", { name: "Active filters" }).getByRole("link", { name: /Remote/ })).toBeVisible();
    for (const card of await page.getByRole("list", { name: "Roles" }).getByRole("article").all()) {
      await expect(card).toContainText("Remote");
    }

    // Typing searches after a pause and keeps the focus in the field.
    const keywords = page.getByRole("searchbox", { name: "Keywords" });
    await keywords.click();
    await keywords.pressSequentially("claud", { delay: 40 });
    await expect(page).toHaveURL(/q=claud/);
    await expect(keywords).toBeFocused();
    await expect(page.getByRole("list", { name: "Roles" }).getByRole("article").first()).toBeVisible();

    await page.getByRole("combobox", { name: "Sort by" }).selectOption("tokens_desc");
    await expect(page).toHaveURL(/sort=tokens_desc/);
    // The URL can change a moment before the new list is rendered: wait for the list itself
    // to be the sorted one (it must become so; a wrong order never does and fails the wait).
    await expect(page.locator("section[aria-busy]")).toHaveAttribute("aria-busy", "false");
    await expect
      .poll(async () => {
        const sorted = await budgets(page);
        return sorted.length > 1 && sorted.every((value, i) => i === 0 || sorted[i - 1]! >= value);
      })
      .toBe(true);

    // Removing a chip removes that filter only; back brings it back, form included.
    await page.getByRole("list", { name: "Active filters" }).getByRole("link", { name: /Remote/ }).click();
    await expect(page).not.toHaveURL(/workplace=remote/);
    await expect(page).toHaveURL(/q=claud/);
    await expect(page.getByRole("checkbox", { name: /^Remote/ })).not.toBeChecked();
    await page.goBack();
    await expect(page).toHaveURL(/workplace=remote/);
    await expect(page.getByRole("checkbox", { name: /^Remote/ })).toBeChecked();
    await expectNoSeriousA11yViolations(page);
  });

  test("a filter that matches nothing says what to loosen", async ({ page }) => {
    await page.goto("/roles?q=zzzyxnotaword&workplace=remote");
    await expect(page.getByRole("heading", { name: "No roles match all of these filters" })).toBeVisible();
    await page.getByRole("link", { name: /Remove “zzzyxnotaword”/ }).click();
    await expect(page).toHaveURL(/\/roles\?workplace=remote$/);
    await expect(page.getByRole("list", { name: "Roles" }).getByRole("article").first()).toBeVisible();
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the filter form works as a plain GET form", async ({ page }) => {
    await page.goto("/roles");
    await page.getByRole("textbox", { name: "Token budget at least" }).fill("50k");
    await page.getByRole("checkbox", { name: /^Remote/ }).check();
    await page.getByRole("combobox", { name: "Sort by" }).selectOption("tokens_asc");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/minTokenBudget=50k/);
    await expect(page).toHaveURL(/workplace=remote/);
    // The URL changes before the new document is in; read the cards once they are.
    await expect(page.getByRole("list", { name: "Active filters" })).toBeVisible();
    const values = await budgets(page);
    expect(values.length).toBeGreaterThan(0);
    for (const value of values) expect(value).toBeGreaterThanOrEqual(50_000);
    expect([...values].sort((a, b) => a - b)).toEqual(values);

    // The next page keeps the filters.
    const next = page.getByRole("button", { name: "Next page →" });
    if (await next.count()) {
      await next.click();
      await expect(page).toHaveURL(/minTokenBudget=50000.*workplace=remote.*sort=tokens_asc.*cursor=/);
    }
  });

  test("a bad value gets a 400 with the message beside its field, other values kept", async ({ page }) => {
    const response = await page.goto("/roles?minTokenBudget=lots&level=senior&q=engineer");
    expect(response?.status()).toBe(400);
    const field = page.getByRole("textbox", { name: "Token budget at least" });
    await expect(field).toHaveValue("lots");
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#filter-minTokenBudget-error")).toContainText("minTokenBudget must be a number");
    await expect(page.getByRole("checkbox", { name: /^Senior/ })).toBeChecked();
    await expect(page.getByRole("searchbox", { name: "Keywords" })).toHaveValue("engineer");
    await expect(page.getByRole("list", { name: "Roles" }).getByRole("article").first()).toBeVisible();
  });
});

test("the error state is accessible too", async ({ page }) => {
  // axe runs in the page, so this check needs JavaScript on.
  await page.goto("/roles?minTokenBudget=lots&maxTokenBudget=5&level=senior");
  await expect(page.getByRole("alert")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test("the JSON API answers the same search", async ({ request }) => {
  const response = await request.get("/api/roles?workplace=remote&sort=tokens_desc&limit=5");
  expect(response.status()).toBe(200);
  expect(response.headers()["access-control-allow-origin"]).toBe("*");
  const body = (await response.json()) as { roles: { workplace: string; tokenBudget: { usdPerYear: number } }[]; nextCursor: string };
  expect(body.roles).toHaveLength(5);
  expect(body.roles.every((r) => r.workplace === "remote")).toBe(true);
  const bad = await request.get("/api/roles?limit=500");
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toMatchObject({ error: expect.any(String), issues: [{ param: "limit", message: expect.any(String) }] });
});
