/**
 * The sign-up and log-in forms carry no zod in the browser: with or without JavaScript, the
 * server's messages appear beside the fields and the other values stay.
 */
import { expect, test } from "./fixtures";

for (const javaScriptEnabled of [true, false]) {
  test.describe(`JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("sign-up: bad email and short password answered beside the fields, the name kept", async ({ page }) => {
      await page.goto("/signup");
      await expect(page.getByRole("textbox", { name: "Work email" })).toHaveAttribute("maxlength", "254");
      await page.getByRole("textbox", { name: "Your name" }).fill("Grace Form");
      await page.getByRole("textbox", { name: "Work email" }).fill("not-an-email");
      await page.getByLabel("Password").fill("short");
      await page.getByRole("button", { name: "Create account" }).click();
      await expect(page.getByRole("textbox", { name: "Work email" })).toHaveAccessibleDescription(/Enter a valid email address/);
      await expect(page.getByLabel("Password")).toHaveAccessibleDescription(/Use at least 12 characters/);
      await expect(page.getByRole("textbox", { name: "Your name" })).toHaveValue("Grace Form");
      await expect(page).toHaveURL(/\/signup$/);
    });

    test("log-in: a wrong password is one message for the form", async ({ page }) => {
      await page.goto("/login");
      await page.getByRole("textbox", { name: "Email" }).fill("nobody-here@example.com");
      await page.getByLabel("Password").fill("a wrong but long password");
      await page.getByRole("button", { name: "Log in" }).click();
      await expect(page.getByText("That email and password don't match an account.")).toBeVisible();
      await expect(page.getByRole("textbox", { name: "Email" })).toHaveValue("nobody-here@example.com");
    });
  });
}
