/** Tokens a month are never shown without the model prices they are counted at. */
import { expect, test } from "./fixtures";
import { expectNoSeriousA11yViolations } from "./a11y";

test("a role card names the pricing basis of its tokens a month", async ({ page }) => {
  await page.goto("/roles?sort=tokens_desc");
  const card = page.getByRole("list", { name: "Roles" }).getByRole("article").first();
  await expect(card).toContainText(/~[\d.]+[kMB]? tokens\/mo at .+ prices/);
});

for (const javaScriptEnabled of [true, false]) {
  test.describe(`JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });
    test("/compare counts every role at the basis the visitor picks", async ({ page }) => {
      const { roles } = (await (await page.request.get("/api/roles?sort=tokens_desc&limit=3")).json()) as { roles: { slug: string }[] };
      await page.goto(`/compare?${roles.map((r) => `roles=${r.slug}`).join("&")}`);
      const tokenRow = page.getByRole("row", {
        name: /^Token budget \(normalized\)/,
      });
      await expect(tokenRow.getByRole("cell")).toHaveCount(3);
      for (const cell of await tokenRow.getByRole("cell").all()) await expect(cell).toContainText(/tokens\/mo at .+ prices/);

      await page.getByRole("combobox", { name: "Count tokens a month at" }).selectOption({ label: "GPT-5 prices" });
      await page.getByRole("button", { name: "Show" }).click();
      await expect(page).toHaveURL(/basis=gpt-5/);
      await expect(page.getByRole("combobox", { name: "Count tokens a month at" })).toHaveValue("gpt-5");
      for (const cell of await tokenRow.getByRole("cell").all()) await expect(cell).toContainText(/tokens\/mo at GPT-5 prices/);
      // The roles compared are the same ones.
      await expect(page.getByRole("columnheader")).toHaveCount(3);
      // axe runs in the page: only with JavaScript.
      if (javaScriptEnabled) await expectNoSeriousA11yViolations(page);
    });
  });
}
