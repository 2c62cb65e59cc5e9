/**
 * Company members by invitation, in the browser: an owner invites an email, the person signed
 * in with it accepts on their dashboard, sees the profile read-only,
 * and a renamed company's old address answers 301 to the new one.
 */
import { randomBytes } from "node:crypto";
import { expect, remixSettled, test } from "./fixtures";
import { expectNoSeriousA11yViolations } from "./a11y";
import { createCompany, signUp, uniqueWord } from "./employer-steps";

test("an owner invites a colleague, who accepts, works as a member, and follows a renamed company", async ({ page, browser }) => {
  // Long journeys: within the 90 s budget on an idle machine, not always when another suite shares the 2 cores.
  test.slow(true, "two browsers, a dozen pages");
  const word = uniqueWord();
  const bobEmail = `bob-${word}@example.com`;
  await signUp(page, word);
  await createCompany(page, word);

  // The owner invites Bob's email (no account yet) as a member.
  await page.getByRole("link", { name: "Company profile and people" }).click();
  await page.getByRole("textbox", { name: "Their email" }).fill(bobEmail);
  await page.getByRole("combobox", { name: "As" }).selectOption("member");
  await page.getByRole("button", { name: "Invite", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("Invitation saved");
  await expect(page.getByRole("list", { name: "Open invitations" })).toContainText(bobEmail);
  await expectNoSeriousA11yViolations(page);
  await remixSettled(page);

  // Bob, in his own browser (and from his own address, for the rate limits).
  const bobContext = await browser.newContext({
    extraHTTPHeaders: { "X-Forwarded-For": `2001:db8:${randomBytes(2).toString("hex")}:${randomBytes(2).toString("hex")}::1` },
  });
  const bob = await bobContext.newPage();
  const bobErrors: string[] = [];
  bob.on("pageerror", (error) => bobErrors.push(error.message));
  try {
    await bob.goto("/employer");
    await bob.getByRole("link", { name: "Create an account" }).click();
    await bob.getByRole("textbox", { name: "Your name" }).fill("Bob Colleague");
    await bob.getByRole("textbox", { name: "Work email" }).fill(bobEmail);
    await bob.getByLabel("Password").fill("correct horse battery staple");
    await bob.getByRole("button", { name: "Create account" }).click();
    await expect(bob).toHaveURL(/\/employer$/);
    const invitations = bob.getByRole("region", { name: "Invitations" });
    await expect(invitations).toContainText(`Acme ${word} invites you as a member`);
    await expectNoSeriousA11yViolations(bob);
    await invitations.getByRole("button", { name: /^Accept/ }).click();
    await expect(bob).toHaveURL(new RegExp(`/employer\\?company=acme-${word}&joined=1`));
    await expect(bob.getByRole("status").first()).toContainText(`You joined Acme ${word}`);

    // A member reads the profile; only owners get the form.
    await bob.getByRole("link", { name: "Company profile and people" }).click();
    await expect(bob.getByText("Only the company's owners can change the profile.")).toBeVisible();
    await expect(bob.getByRole("button", { name: "Save profile" })).toHaveCount(0);
    await expect(bob.getByRole("list", { name: "Members" })).toContainText("Bob Colleague");
    await expectNoSeriousA11yViolations(bob);
    await remixSettled(bob);
    expect(bobErrors).toEqual([]);
  } finally {
    await bobContext.close();
  }

  // The owner sees Bob as a member, then renames the company's address.
  await page.reload();
  await expect(page.getByRole("list", { name: "Members" })).toContainText("Bob Colleague");
  await expect(page.getByRole("list", { name: "Open invitations" })).toHaveCount(0);
  await page.getByRole("textbox", { name: "Page address" }).fill(`acme-${word}-renamed`);
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page).toHaveURL(new RegExp(`/employer/companies/acme-${word}-renamed\\?saved=profile`));
  await remixSettled(page);

  // The old address answers 301 to the new one, and nobody else can take it.
  const moved = await page.request.get(`/companies/acme-${word}`, { maxRedirects: 0 });
  expect(moved.status()).toBe(301);
  expect(moved.headers()["location"]).toBe(`/companies/acme-${word}-renamed`);
  await page.goto(`/companies/acme-${word}`);
  await expect(page).toHaveURL(new RegExp(`/companies/acme-${word}-renamed$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Acme ${word}`);
  await page.goto("/employer/companies/new");
  await page.getByRole("textbox", { name: "Company name" }).fill(`Squatter ${word}`);
  await page.getByRole("textbox", { name: "Page address" }).fill(`acme-${word}`);
  await page.getByRole("button", { name: "Create company" }).click();
  await expect(page.getByText("That address is taken; choose another")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Company name" })).toHaveValue(`Squatter ${word}`);
  // The limits the server enforces are the form's own.
  await expect(page.getByRole("textbox", { name: "Page address" })).toHaveAttribute("maxlength", "60");
  await expect(page.getByRole("textbox", { name: "About the company (Markdown)" })).toHaveAttribute("maxlength", "5000");
});
