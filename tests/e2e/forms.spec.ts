/**
 * The forms of issue 13 in the browser, at a laptop's and a phone's size, with and without
 * JavaScript: every error beside its field with what was typed kept, a form that starts empty
 * after a success, the recruiter's chart read in words, the calculator that follows what is
 * typed, a company address suggested from the name, and dashboards that fit a phone.
 */
import type { Page } from "@playwright/test";
import { expect, remixSettled, test } from "./fixtures";
import { expectNoSeriousA11yViolations } from "./a11y";
import { fillRole, signUp, signUpRecruiter, uniqueWord } from "./employer-steps";

const VIEWPORTS = [
  { width: 1366, height: 900 },
  { width: 390, height: 844 },
];

const SHORT_DAY = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

for (const viewport of VIEWPORTS) {
  test.describe(`at ${viewport.width}x${viewport.height}`, () => {
    test.use({ viewport });

    for (const javaScript of [true, false]) {
      test.describe(javaScript ? "with JavaScript" : "without JavaScript", () => {
        test.use({ javaScriptEnabled: javaScript });

        test("recruiter: errors beside their fields, an empty form after a link is made, counts in words, a chart with dates", async ({ page }) => {
          // Long journeys: within the 90 s budget on an idle machine, not always when another suite shares the 2 cores.
          test.slow(true, "sign-up, several forms and the chart");
          const word = uniqueWord();
          await signUpRecruiter(page, word);
          const role = page.getByRole("textbox", { name: "Role link or slug" });
          const label = page.getByRole("textbox", { name: "Label" });

          // Nothing to link to: the message is beside the role field, and the label stays.
          await label.fill("Launch post");
          await page.getByRole("button", { name: "Create link" }).click();
          await expect(role).toHaveAccessibleDescription("Paste the link of an open role, or choose a shortlist");
          await expect(label).toHaveValue("Launch post");
          await page.getByRole("button", { name: "Create shortlist" }).click();
          await expect(page.getByRole("textbox", { name: "New shortlist" })).toHaveAccessibleDescription("Name the shortlist");

          // A link to an open role: made, and the form is empty again (no second link by accident).
          const { roles } = (await (await page.request.get("/api/roles?limit=1")).json()) as { roles: { slug: string; title: string }[] };
          await role.fill(roles[0]!.slug);
          await label.fill("Launch post");
          await page.getByRole("button", { name: "Create link" }).click();
          await expect(page.getByRole("status")).toContainText("Link created");
          await expect(role).toHaveValue("");
          await expect(label).toHaveValue("");
          await expect(role).toHaveAccessibleDescription("");
          const card = page.getByRole("listitem").filter({ hasText: "Launch post" });
          await expect(card).toContainText("0 visits · 0 apply clicks · 0 bot visits");
          await remixSettled(page);

          // One visit: "1 visit", in the card and in the chart's words; the chart has dates and counts.
          const linkUrl = await card.getByRole("textbox").inputValue();
          await page.goto(linkUrl);
          await page.goto("/recruiter");
          await expect(card).toContainText("1 visit · 0 apply clicks · 0 bot visits");
          const chart = page.getByRole("img", { name: "All links: 1 visit and 0 apply clicks in the last 30 days" });
          await expect(chart).toBeVisible();
          const axis = chart.locator("text");
          await expect(axis.filter({ hasText: SHORT_DAY.format(new Date()) })).toHaveCount(1);
          await expect(axis.filter({ hasText: /^1$/ })).toHaveCount(1);
          // Dates at reading size on a phone too (the old 300x48 sparkline had none).
          expect((await axis.filter({ hasText: SHORT_DAY.format(new Date()) }).boundingBox())!.height).toBeGreaterThanOrEqual(10);
          await expect(page.getByRole("table", { name: /All links: days with visits/ }).getByRole("row", { name: SHORT_DAY.format(new Date()) })).toContainText("1");
          await expectNoSidewaysScroll(page);
          await page.screenshot({ path: test.info().outputPath("recruiter.png"), fullPage: true });
          if (javaScript) await expectNoSeriousA11yViolations(page);

          // From a role's page, a link left without a label is named after the role.
          await page.goto(`/roles/${roles[0]!.slug}`);
          await page.getByRole("button", { name: "Create tracked link" }).click();
          await expect(page.getByRole("status")).toContainText("Link created");
          await expect(page.getByRole("list").getByText(/, shared [A-Z][a-z]{2} \d{1,2}, \d{4}$/).first()).toBeVisible();
          await expect(page.locator("main")).not.toContainText("Untitled link");
          await remixSettled(page);
        });

        test("calculator: an invalid value shows its error and no result; valid values show one", async ({ page }) => {
          await page.goto("/calculator");
          const result = page.getByRole("region", { name: "Result" });
          await expect(result).toContainText("Fully loaded cost");
          const salary = page.getByRole("textbox", { name: "Salary (USD per year)" });
          await salary.fill("lots");
          if (!javaScript) await page.getByRole("button", { name: "Calculate" }).click();
          await expect(salary).toHaveAccessibleDescription("Enter a number");
          await expect(result).not.toContainText("Fully loaded cost");
          await expect(result).toContainText("Correct the value marked in red");
          await expect(salary).toHaveValue("lots");

          await salary.fill("375000");
          await page.getByRole("textbox", { name: "Bonus target (% of salary)" }).fill("0");
          await page.getByRole("textbox", { name: "Equity (USD per year)" }).fill("0");
          await page.getByRole("textbox", { name: "Token budget" }).fill("100000");
          await page.getByRole("combobox", { name: "Unit" }).selectOption("usd");
          await page.getByRole("combobox", { name: "Period" }).selectOption("year");
          // With JavaScript the result follows the typing: no button press.
          if (!javaScript) await page.getByRole("button", { name: "Calculate" }).click();
          await expect(result).toContainText("$475,000 per year");
          await expect(salary).toHaveAccessibleDescription("");
          await expect(page).toHaveURL(/salary=375000/);
          await expectNoSidewaysScroll(page);
          if (javaScript) {
            await remixSettled(page);
            await expectNoSeriousA11yViolations(page);
          }
        });

        test("company and roles: the address comes from the name; the dashboard's tables fit the screen", async ({ page }) => {
          test.slow();
          const word = uniqueWord();
          await signUp(page, word);
          await page.getByRole("link", { name: "Create a company profile" }).click();
          const name = page.getByRole("textbox", { name: "Company name" });
          const address = page.getByRole("textbox", { name: "Page address" });
          await name.fill(`Zed Works ${word}`);
          if (javaScript) {
            // Suggested as the name is typed, and still the person's to change.
            await expect(address).toHaveValue(`zed-works-${word}`);
            await address.fill(`zed-${word}`);
            await name.fill(`Zed Works Studio ${word}`);
            await expect(address).toHaveValue(`zed-${word}`);
          }
          await page.getByRole("button", { name: "Create company" }).click();
          const slug = javaScript ? `zed-${word}` : `zed-works-${word}`;
          await expect(page).toHaveURL(new RegExp(`/employer\\?company=${slug}`));

          await page.getByRole("link", { name: "Post a role" }).last().click();
          await fillRole(page, word);
          await page.getByRole("button", { name: "Publish" }).click();
          await expect(page.getByRole("status")).toContainText("Saved and published");
          await remixSettled(page);

          await page.goto(`/employer?company=${slug}`);
          const table = page.getByRole("region", { name: /^Listed/ }).getByRole("table");
          await expect(table).toContainText(`Staff Agent Engineer ${word}`);
          const budget = table.locator('td[data-label="Token budget"]').first();
          await expect(budget).toBeVisible();
          await expect(budget).toContainText("$144k");
          const box = (await budget.boundingBox())!;
          expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
          await expectNoSidewaysScroll(page);
          await page.screenshot({ path: test.info().outputPath("employer-dashboard.png"), fullPage: true });
          if (javaScript) await expectNoSeriousA11yViolations(page);
        });
      });
    }
  });
}
