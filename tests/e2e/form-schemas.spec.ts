/**
 * A form's schema reaches the browser when the visitor first enters the form (decision 004):
 * from then on a bad value is flagged beside its field without a request; if the schema never
 * arrives, the form still submits and the server answers with the same message.
 */
import type { Page } from "@playwright/test";
import { expect, remixSettled, test } from "./fixtures";
import { signUp, uniqueWord } from "./employer-steps";

const SLUG_MESSAGE = "Use 1 to 60 lower-case letters, digits and dashes, not starting or ending with a dash";

/** The POSTs the page sends from now on (a form's action is posted to its `.data` URL). */
function postsFrom(page: Page): string[] {
  const posts: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST") posts.push(new URL(request.url()).pathname);
  });
  return posts;
}

test("once the form is entered, a bad value is flagged beside its field without a request", async ({ page }) => {
  await signUp(page, uniqueWord());
  await page.goto("/employer/companies/new");
  await remixSettled(page);
  const form = page.locator("form#company-form");
  await expect(form).not.toHaveAttribute("data-schema-ready");
  const posts = postsFrom(page);

  await page.getByRole("textbox", { name: "Company name" }).fill("Northwind Labs");
  await expect(form).toHaveAttribute("data-schema-ready");
  const address = page.getByRole("textbox", { name: "Page address" });
  await address.fill("-northwind-");
  await address.blur();
  await expect(page.getByText(SLUG_MESSAGE)).toBeVisible();
  await expect(address).toHaveAttribute("aria-invalid", "true");
  // Corrected as it is typed, and the name was kept.
  await address.fill("northwind");
  await expect(page.getByText(SLUG_MESSAGE)).toBeHidden();
  await expect(page.getByRole("textbox", { name: "Company name" })).toHaveValue("Northwind Labs");
  expect(posts).toEqual([]);
});

test("when the schema cannot be fetched, the form still submits and the server flags the field", async ({ page }) => {
  await signUp(page, uniqueWord());
  await page.goto("/employer/companies/new");
  await remixSettled(page);
  // Everything the page has loaded stays; any script fetched from now on fails (offline, or
  // a deploy that removed the old build).
  await page.route("**/build/**", (route) => route.abort());
  const posts = postsFrom(page);

  await page.getByRole("textbox", { name: "Company name" }).fill("Northwind Labs");
  await page.getByRole("textbox", { name: "Page address" }).fill("-northwind-");
  await page.getByRole("button", { name: "Create company" }).click();
  await expect(page.getByText(SLUG_MESSAGE)).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Page address" })).toHaveValue("-northwind-");
  await expect(page.getByRole("textbox", { name: "Company name" })).toHaveValue("Northwind Labs");
  expect(posts).toEqual(["/employer/companies/new.data"]);
  await expect(page.locator("form#company-form")).not.toHaveAttribute("data-schema-ready");
});
