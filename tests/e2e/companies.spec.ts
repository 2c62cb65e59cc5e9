import { expect, test } from "./fixtures";

for (const javaScriptEnabled of [true, false]) {
  test.describe(`the company directory, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });
    test("from the header: search by name, page on, open a company", async ({ page }) => {
      await page.goto("/");
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Companies" }).click();
      await expect(page).toHaveURL(/\/companies$/);
      await expect(page.getByRole("heading", { level: 1, name: "Companies" })).toBeVisible();
      const list = page.getByRole("list", { name: "Companies" });
      await expect(list.getByRole("listitem")).toHaveCount(24);
      const firstName = (await list.getByRole("heading").first().textContent())!.trim();

      // The next page starts after the first one's last company.
      const lastName = (await list.getByRole("heading").last().textContent())!.trim();
      await page.getByRole("link", { name: "More companies" }).click();
      await expect(page).toHaveURL(/after=\d+/);
      await expect(list.getByRole("heading").first()).not.toHaveText(lastName);
      await expect(list.getByRole("heading", { name: firstName, exact: true })).toHaveCount(0);

      // Search by the name's beginning, in lower case.
      await page.getByRole("searchbox", { name: "Company name starts with" }).fill(firstName.slice(0, 4).toLowerCase());
      await page.getByRole("button", { name: "Search" }).click();
      await expect(page).toHaveURL(/q=/);
      const hit = list.getByRole("listitem").filter({ has: page.getByRole("heading", { name: firstName, exact: true }) });
      await expect(hit).toBeVisible();
      await expect(hit).toContainText(/open role|No open roles/);
      await hit.getByRole("link", { name: firstName }).click();
      await expect(page.getByRole("heading", { level: 1, name: firstName })).toBeVisible();

      // Nothing found: says so and leads back.
      await page.goto("/companies?q=zzzz-no-such-company");
      await expect(page.getByText("No company's name starts with “zzzz-no-such-company”")).toBeVisible();
      await page.getByRole("link", { name: "see every company" }).click();
      await expect(list.getByRole("listitem")).toHaveCount(24);
    });
  });
}

test("a company with open roles shows their count and median token budget", async ({ page }) => {
  const { roles } = (await (await page.request.get("/api/roles?sort=tokens_desc&limit=1")).json()) as { roles: { company: { name: string } }[] };
  const name = roles[0]!.company.name;
  await page.goto(`/companies?q=${encodeURIComponent(name)}`);
  const item = page.getByRole("list", { name: "Companies" }).getByRole("listitem").filter({ has: page.getByRole("heading", { name, exact: true }) });
  await expect(item).toContainText(/\d+ open roles?/);
  await expect(item).toContainText(/Median token budget \$[\d.,]+[kM]?\/yr/);
});
