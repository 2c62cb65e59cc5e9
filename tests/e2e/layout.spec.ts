/**
 * Every page at a phone's and a desk's size: a full-page screenshot in the test's output
 * folder (to look at), no horizontal overflow (the page never scrolls sideways; wide content
 * scrolls inside its own region) and no serious or critical axe violation.
 *
 * /roles, /market and the employer dashboard are laid out by their own specs (search.spec,
 * insights.spec, employer.spec); every other page is here, public and signed in.
 */
import type { Page, TestInfo } from "@playwright/test";
import { expect, remixSettled, test } from "./fixtures";
import { expectNoSeriousA11yViolations } from "./a11y";
import { createCompany, createShortlist, signUp, uniqueWord } from "./employer-steps";

const VIEWPORTS = [
  { name: "phone", width: 390, height: 844 },
  { name: "desk", width: 1366, height: 900 },
] as const;

/** Screenshot, sideways overflow and axe for the page as it is now. */
async function checkPage(page: Page, testInfo: TestInfo, name: string) {
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await remixSettled(page);
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  // What sticks out, named, so a failure says where to look.
  const wide = await page.evaluate(() =>
    [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !el.closest("[data-scrolls]"))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 60)} (${Math.round(el.getBoundingClientRect().right)}px)`),
  );
  expect(widths.scroll, `${name} is ${widths.scroll}px wide on a ${widths.viewport}px screen: ${wide.join(", ")}`).toBeLessThanOrEqual(widths.viewport);
  await expectNoSeriousA11yViolations(page);
}

async function someRoles(page: Page, count: number): Promise<{ slug: string; company: { slug: string } }[]> {
  const { roles } = (await (await page.request.get(`/api/roles?sort=tokens_desc&limit=${count}`)).json()) as { roles: { slug: string; company: { slug: string } }[] };
  expect(roles).toHaveLength(count);
  return roles;
}

type Roles = Awaited<ReturnType<typeof someRoles>>;
const PUBLIC_PAGES: [string, string | ((roles: Roles) => string)][] = [
  ["landing", "/"],
  ["role", (roles) => `/roles/${roles[0]!.slug}`],
  ["company", (roles) => `/companies/${roles[0]!.company.slug}`],
  ["companies", "/companies"],
  ["companies-search", "/companies?q=zzzz-no-such-company"],
  ["pricing", "/pricing"],
  ["calculator", "/calculator?salary=180000&tokens=400&unit=usd&period=day"],
  ["compare-empty", "/compare"],
  ["compare", (roles) => `/compare?${roles.map((r) => `roles=${r.slug}`).join("&")}`],
  ["login", "/login"],
  ["signup", "/signup"],
  ["not-found", "/no-such-page"],
];

for (const viewport of VIEWPORTS) {
  test.describe(`at ${viewport.width}x${viewport.height}`, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height } });

    // One test per page: each is quick, and they run in parallel.
    for (const [name, pathFor] of PUBLIC_PAGES) {
      test(`${name} fits the screen and passes axe`, async ({ page }, testInfo) => {
        const path = typeof pathFor === "string" ? pathFor : pathFor(await someRoles(page, 3));
        await page.goto(path);
        await checkPage(page, testInfo, `${name}-${viewport.name}`);
      });
    }

    test("signed-in pages fit the screen and pass axe", async ({ page }, testInfo) => {
      // Nine pages, each screenshotted and checked by axe after a sign-up: 40-60 s on an idle
      // machine; three times that when another job shares the two cores (--repeat-each=3 under load).
      test.setTimeout(360_000);
      const word = uniqueWord();
      await signUp(page, word);
      await createCompany(page, word);
      for (const [name, path] of [
        ["company-new", "/employer/companies/new"],
        ["company-settings", `/employer/companies/acme-${word}`],
        ["role-new", `/employer/roles/new?company=acme-${word}`],
        ["recruiter", "/recruiter"],
      ] as const) {
        await test.step(path, async () => {
          await page.goto(path);
          await checkPage(page, testInfo, `${name}-${viewport.name}`);
        });
      }
      // A shortlist with a role on it: the recruiter's page and the public one.
      await createShortlist(page, `Shortlist ${word}`);
      const shortlistUrl = await page.getByRole("textbox", { name: "shortlist link" }).inputValue();
      const [role] = await someRoles(page, 1);
      await page.goto(`/roles/${role!.slug}`);
      await page.getByRole("combobox", { name: "Add to shortlist" }).selectOption({ label: `Shortlist ${word}` });
      await page.getByRole("button", { name: "Add to shortlist" }).click();
      await expect(page.getByRole("list", { name: "Roles on this shortlist" })).toBeVisible();
      await checkPage(page, testInfo, `recruiter-shortlist-${viewport.name}`);
      await page.goto(`/roles/${role!.slug}`);
      await checkPage(page, testInfo, `role-signed-in-${viewport.name}`);
      await page.goto(new URL(shortlistUrl).pathname);
      await checkPage(page, testInfo, `shortlist-${viewport.name}`);
    });
  });
}
