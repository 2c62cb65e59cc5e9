/**
 * The bugs a walk through every journey found (issue 13), each as a test that failed on the
 * code before its fix, at a laptop's and a phone's size, and with and without JavaScript
 * where the page is a form. The fixture fails any of them on a console or hydration error.
 */
import Database from "better-sqlite3";
import type { Page } from "@playwright/test";
import { expect, remixSettled, test } from "./fixtures";
import { expectNoSeriousA11yViolations } from "./a11y";
import { createCompany, createShortlist, fillRole, signUp, signUpRecruiter, uniqueWord } from "./employer-steps";

const VIEWPORTS = [
  { width: 1366, height: 900 },
  { width: 390, height: 844 },
];

/** The e2e server's database, read-only: to pick seeded roles with the figures a test needs. */
function seeded<T>(sql: string): T[] {
  const db = new Database(process.env.E2E_DATABASE!, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

async function newRoleForm(page: Page, word: string) {
  await signUp(page, word);
  await createCompany(page, word);
  await page.getByRole("link", { name: "Post a role" }).last().click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
}

/** Without JavaScript the preview is the server's answer to the "Preview" button. */
async function refreshPreview(page: Page, javaScript: boolean) {
  if (!javaScript) await page.getByRole("button", { name: "Preview" }).click();
}

for (const viewport of VIEWPORTS) {
  test.describe(`at ${viewport.width}x${viewport.height}`, () => {
    test.use({ viewport });

    test("/roles: after Back the filters show the URL's state, and the next change adds no stale filter", async ({ page }) => {
      await page.goto("/roles");
      const filters = page.getByRole("form", { name: "Filters" });
      // On a phone the panel is closed until "Filters" opens it (above the results).
      if (viewport.width < 1024) await page.getByText(/^Filters( \(\d+\))?$/).click();
      await expect(filters).toBeVisible();
      // Other tests publish roles meanwhile: the count is "open" (no filter), not a fixed number.
      const heading = page.locator("#results-heading");
      await filters.getByRole("checkbox", { name: /^Remote/ }).check();
      await expect(page).toHaveURL(/workplace=remote/);
      await filters.getByRole("checkbox", { name: /^Senior/ }).check();
      await expect(page).toHaveURL(/level=senior/);
      await remixSettled(page);

      await page.goBack();
      await expect(page).toHaveURL(/workplace=remote/);
      await expect(page).not.toHaveURL(/level=senior/);
      await expect(filters.getByRole("checkbox", { name: /^Senior/ })).not.toBeChecked();
      await expect(filters.getByRole("checkbox", { name: /^Remote/ })).toBeChecked();
      await page.goBack();
      await expect(page).toHaveURL(/\/roles$/);
      await expect(heading).toHaveText(/^[\d,]+ roles open$/);
      await expect(filters.getByRole("checkbox", { name: /^Senior/ })).not.toBeChecked();
      await expect(filters.getByRole("checkbox", { name: /^Remote/ })).not.toBeChecked();

      // A typed minimum, then Back: the field empties with the URL.
      const minimum = filters.getByRole("textbox", { name: "Token budget at least" });
      await minimum.fill("100k");
      await expect(page).toHaveURL(/minTokenBudget=100k/);
      await remixSettled(page);
      await filters.getByRole("checkbox", { name: /^Staff/ }).check();
      await expect(page).toHaveURL(/level=staff/);
      await remixSettled(page);
      await page.goBack();
      await expect(page).not.toHaveURL(/level=staff/);
      await expect(filters.getByRole("checkbox", { name: /^Staff/ })).not.toBeChecked();
      await expect(minimum).toHaveValue("100k");

      // The next change carries only what the URL had.
      await filters.getByRole("checkbox", { name: /^Hybrid/ }).check();
      await expect(page).toHaveURL(/workplace=hybrid/);
      expect(new URL(page.url()).searchParams.getAll("level")).toEqual([]);
      expect(new URL(page.url()).searchParams.getAll("workplace")).toEqual(["hybrid"]);
      await remixSettled(page);
    });

    test("/roles?q=🤖: a keyword that matches nothing lists nothing and says so", async ({ page }) => {
      await page.goto(`/roles?q=${encodeURIComponent("🤖")}`);
      await expect(page.locator("#results-heading")).toHaveText("0 roles match");
      await expect(page.getByRole("list", { name: "Roles" }).getByRole("article")).toHaveCount(0);
      await expect(page.getByText("No roles match all of these filters")).toBeVisible();
      await expect(page.getByRole("link", { name: "Remove “🤖”" })).toBeVisible();
    });

    test("/compare: every “best” compares USD, and with nothing chosen it explains how to pick roles (200)", async ({ page }) => {
      const empty = await page.goto("/compare");
      expect(empty?.status()).toBe(200);
      await expect(page.getByRole("status")).toContainText("Pick 2 to 4 roles to compare: tick “Compare” on the roles you like in the search.");
      await expect(page.getByRole("table")).toHaveCount(0);
      await expectNoSeriousA11yViolations(page);

      // Rupee equity whose number is larger but whose value in dollars is smaller.
      const [rupees] = seeded<{ slug: string; equityMax: number; usd: number }>(
        `select r.slug, c.equity_max as equityMax, c.equity_max * x.usd_per_unit as usd
           from roles r join compensation c on c.role_id = r.id join exchange_rates x on x.currency = c.salary_currency
          where r.status = 'published' and r.expires_at > unixepoch() * 1000 and c.salary_currency = 'INR'
            and c.equity_kind <> 'none' and c.equity_max is not null
          order by c.equity_max desc limit 1`,
      );
      expect(rupees).toBeDefined();
      const [dollars] = seeded<{ slug: string }>(
        `select r.slug from roles r join compensation c on c.role_id = r.id
          where r.status = 'published' and r.expires_at > unixepoch() * 1000 and c.salary_currency = 'USD' and c.equity_kind <> 'none'
            and c.equity_max > ${rupees!.usd} and c.equity_max < ${rupees!.equityMax}
          order by c.equity_max limit 1`,
      );
      expect(dollars).toBeDefined();
      const response = await page.goto(`/compare?roles=${rupees!.slug}&roles=${dollars!.slug}`);
      expect(response?.status()).toBe(200);
      const equity = page.getByRole("row", { name: /^Equity per year/ });
      const cells = equity.getByRole("cell");
      await expect(cells).toHaveCount(2);
      await expect(cells.nth(0)).not.toContainText("best");
      await expect(cells.nth(0)).toContainText("USD");
      await expect(cells.nth(1)).toContainText("★ best");
      await expectNoSeriousA11yViolations(page);
    });

    test("/market has no serious axe violation (chart links named by their visible text)", async ({ page }) => {
      await page.goto("/market");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoSeriousA11yViolations(page);
    });

    test("a role without a token budget shows no cap chip, on its card and its page", async ({ page }) => {
      const [role] = seeded<{ slug: string; title: string }>(
        `select r.slug, r.title from roles r join compensation c on c.role_id = r.id
          where r.status = 'published' and r.expires_at > unixepoch() * 1000 and c.token_usd_per_year = 0 and c.token_cap = 'hard' limit 1`,
      );
      expect(role).toBeDefined();
      await page.goto(`/companies/${(await (await page.request.get(`/api/roles/${role!.slug}`)).json()).company.slug}`);
      const card = page.getByRole("article", { name: role!.title });
      await expect(card).toContainText("No budget");
      await expect(card.getByRole("list", { name: "Token budget terms and tools" })).not.toContainText("Hard cap");
      await page.goto(`/roles/${role!.slug}`);
      await expect(page.locator("main")).not.toContainText("Hard cap");
    });

    for (const javaScript of [true, false]) {
      test.describe(javaScript ? "with JavaScript" : "without JavaScript", () => {
        test.use({ javaScriptEnabled: javaScript });

        test("the role form: every error at once, a preview that states only what was chosen, one error for a negative salary", async ({ page }) => {
          // Long journeys: within the 90 s budget on an idle machine, not always when another suite shares the 2 cores.
          test.slow(true, "sign-up, a company and the whole role form");
          await newRoleForm(page, uniqueWord());
          const preview = page.getByRole("complementary", { name: "Preview" });
          const card = preview.getByRole("article");
          await expect(card).toBeVisible();
          for (const unchosen of ["Mid-level", "Remote", "Full-time"]) await expect(card).not.toContainText(unchosen);

          // Publishing the empty form names every missing field at once (the new-role form
          // starts with a currency, unit, period, cap and scope chosen).
          await page.getByRole("button", { name: "Publish" }).click();
          for (const message of [
            "Enter a job title",
            "Choose a level",
            "Choose a discipline",
            "Choose an employment type",
            "Choose remote, hybrid or on-site",
            "Say where the role is based, e.g. Berlin or Remote (EU)",
            "Say how to apply: a link or an email address",
            "Pay-transparency laws require a salary range: enter the minimum",
            "Pay-transparency laws require a salary range: enter the maximum",
            "State the token budget (enter 0 if there is none)",
            "Describe the role in at least 50 characters",
          ]) {
            await expect(page.getByText(message, { exact: true }).first()).toBeVisible();
          }
          await expect(page.getByRole("textbox", { name: "Job title" })).toHaveAccessibleDescription("Enter a job title");

          // A reversed range is flagged, not shown as "$120k-$100k".
          await page.getByRole("combobox", { name: "Level" }).selectOption("senior");
          await page.getByRole("spinbutton", { name: "Minimum per year" }).fill("120000");
          await page.getByRole("spinbutton", { name: "Maximum per year" }).fill("100000");
          await refreshPreview(page, javaScript);
          await expect(preview).toContainText("The salary range is reversed: the maximum is below the minimum.");
          await expect(card).not.toContainText("$120k-$100k");
          await expect(card).toContainText("Senior");
          await expect(card).not.toContainText("Remote");

          // A negative minimum: flagged in the preview, and one error beside the field.
          await page.getByRole("spinbutton", { name: "Minimum per year" }).fill("-5000");
          await page.getByRole("spinbutton", { name: "Maximum per year" }).fill("150000");
          await refreshPreview(page, javaScript);
          await expect(preview).toContainText("The salary can't be negative.");
          await expect(card).not.toContainText("-$5k");
          if (javaScript) await page.getByRole("button", { name: "Publish" }).click();
          await expect(page.getByRole("spinbutton", { name: "Minimum per year" })).toHaveAccessibleDescription("The minimum salary can't be negative");
          await expect(page.getByRole("spinbutton", { name: "Maximum per year" })).toHaveAccessibleDescription("");

          // A huge budget reads as a number.
          await page.getByRole("spinbutton", { name: "Minimum per year" }).fill("100000");
          await page.getByRole("spinbutton", { name: "Amount" }).fill("6000000000");
          await page.getByRole("combobox", { name: "Unit" }).selectOption("usd");
          await page.getByRole("combobox", { name: "Period" }).selectOption("day");
          await refreshPreview(page, javaScript);
          // $6 billion a working day: $1.5 trillion a year.
          await expect(preview).toContainText("$1.5T/yr");
          await expect(preview).not.toContainText(/\d{4,}B/);
          // axe runs in the page: only with JavaScript.
          if (javaScript) await expectNoSeriousA11yViolations(page);
        });

        test("a role's lifecycle: renew for 60 days, a closed role offers reopen only, the dashboard's Closed table", async ({ page }) => {
          const word = uniqueWord();
          await newRoleForm(page, word);
          await fillRole(page, word);
          await page
            .getByRole("textbox", { name: "Description (Markdown)" })
            .fill(`## What you'll do\n\nBuild agents that ship ${word} features. [Click me](javascript:alert(1)) for more.`);
          await page.getByRole("button", { name: "Publish" }).click();
          await expect(page.getByRole("status")).toContainText("Saved and published");
          await remixSettled(page);

          // The link the sanitizer stripped of its javascript: address reads as text, not a dead link.
          const [published] = seeded<{ slug: string }>(`select slug from roles where title = 'Staff Agent Engineer ${word}'`);
          await page.goto(`/roles/${published!.slug}`);
          const stripped = page.locator(".prose-role a:not([href])", { hasText: "Click me" });
          await expect(stripped).toHaveCount(1);
          await expect(stripped).toHaveCSS("text-decoration-line", "none");
          await expect(page.getByRole("link", { name: "Click me" })).toHaveCount(0);

          await page.goto("/employer");
          await page.getByRole("link", { name: `Staff Agent Engineer ${word}` }).click();
          await expect(page.getByRole("button", { name: "Renew for 60 days" })).toBeVisible();
          await expect(page.locator("main")).not.toContainText("undefined");
          await page.getByRole("button", { name: "Renew for 60 days" }).click();
          await expect(page.getByRole("status")).toContainText("Renewed: listed for another 60 days.");
          await remixSettled(page);

          await page.getByRole("button", { name: "Close role" }).click();
          await expect(page.getByRole("status")).toContainText("closed");
          await remixSettled(page);
          await expect(page.getByRole("button", { name: "Reopen role" })).toBeVisible();
          await expect(page.getByRole("button", { name: "Publish" })).toHaveCount(0);
          await expect(page.getByRole("button", { name: "Save draft" })).toHaveCount(0);

          await page.goto("/employer");
          const closed = page.getByRole("region", { name: "Closed" }).getByRole("table");
          await expect(closed).toContainText(`Staff Agent Engineer ${word}`);
          await expect(closed.getByRole("columnheader")).not.toContainText(["Listed until"]);
          await expect(closed.getByRole("columnheader", { name: "Closed on" })).toBeVisible();

          await page.getByRole("link", { name: `Staff Agent Engineer ${word}` }).click();
          await page.getByRole("button", { name: "Reopen role" }).click();
          await expect(page.getByRole("status")).toContainText("The role is open again and listed for 60 days.");
          await expect(page.locator("main")).not.toContainText("undefined");
          await remixSettled(page);
        });

        test("a shortlist refuses an unknown role by saying no published role has that address", async ({ page }) => {
          const word = uniqueWord();
          await signUpRecruiter(page, word);
          await createShortlist(page, `Platform ${word}`);
          await page.getByRole("textbox", { name: "Add a role (its link or slug)" }).fill(`no-such-role-${word}`);
          await page.getByRole("button", { name: "Add", exact: true }).click();
          await expect(page.getByText("No published role has that address")).toBeVisible();
          await expect(page.getByText("Only published roles can be shortlisted")).toHaveCount(0);
        });
      });
    }
  });
}
