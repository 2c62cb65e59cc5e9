/**
 * The steps an employer takes in the browser (sign up, create a company, fill in a role),
 * shared by the end-to-end tests that need a company and its roles.
 */
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

/** A word no seeded role contains, so a keyword search finds exactly this test's role. */
export function uniqueWord(): string {
  return "zq" + Array.from(randomBytes(6), (b) => String.fromCharCode(97 + (b % 26))).join("");
}

export async function signUp(page: Page, word: string) {
  await page.goto("/employer");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Femployer/);
  await page.getByRole("link", { name: "Create an account" }).click();
  await page.getByRole("textbox", { name: "Your name" }).fill("Ada Employer");
  await page.getByRole("textbox", { name: "Work email" }).fill(`ada-${word}@example.com`);
  await page.getByLabel("Password").fill("correct horse battery staple");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/employer$/);
}

/** Signs up a recruiter and lands on /recruiter. */
export async function signUpRecruiter(page: Page, word: string) {
  await page.goto("/signup?redirectTo=%2Frecruiter");
  await page.getByRole("textbox", { name: "Your name" }).fill("Rita Recruiter");
  await page.getByRole("textbox", { name: "Work email" }).fill(`rita-${word}@example.com`);
  await page.getByLabel("Password").fill("correct horse battery staple");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/recruiter$/);
}

/** From /recruiter: makes a shortlist and lands on its page. */
export async function createShortlist(page: Page, title: string) {
  await page.getByRole("textbox", { name: "New shortlist" }).fill(title);
  await page.getByRole("button", { name: "Create shortlist" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
}

export async function createCompany(page: Page, word: string) {
  await page.getByRole("link", { name: "Create a company profile" }).click();
  await page.getByRole("textbox", { name: "Company name" }).fill(`Acme ${word}`);
  await page.getByRole("textbox", { name: "Page address" }).fill(`acme-${word}`);
  await page.getByRole("textbox", { name: "Website" }).fill("https://acme.example");
  await page.getByRole("textbox", { name: "Headquarters" }).fill("Lisbon, Portugal");
  await page.getByRole("button", { name: "Create company" }).click();
  await expect(page).toHaveURL(new RegExp(`/employer\\?company=acme-${word}`));
}

/** Fills the role form: a budget of 2,000M tokens a month (at $6 per M blended: $144k a year). */
export async function fillRole(page: Page, word: string) {
  await page.getByRole("textbox", { name: "Job title" }).fill(`Staff Agent Engineer ${word}`);
  await page.getByRole("combobox", { name: "Level" }).selectOption("staff");
  await page.getByRole("combobox", { name: "Discipline" }).selectOption("backend");
  await page.getByRole("combobox", { name: "Employment type" }).selectOption("FULL_TIME");
  await page.getByRole("combobox", { name: "Workplace" }).selectOption("remote");
  await page.getByRole("textbox", { name: "Location" }).fill("Remote (EU)");
  await page.getByRole("textbox", { name: "Countries" }).fill("PT, ES");
  await page
    .getByRole("textbox", { name: "Description (Markdown)" })
    .fill(`## What you'll do\n\nBuild agents that ship ${word} features.\n\n- Own the agent platform\n- Pair with product`);
  await page.getByRole("textbox", { name: "How to apply" }).fill("https://acme.example/jobs/1?src=board");
  await page.getByRole("combobox", { name: "Currency" }).selectOption("USD");
  await page.getByRole("spinbutton", { name: "Minimum per year" }).fill("150000");
  await page.getByRole("spinbutton", { name: "Maximum per year" }).fill("190000");
  await page.getByRole("spinbutton", { name: "Amount" }).fill("2000");
  await page.getByRole("combobox", { name: "Unit" }).selectOption("mtok");
  await page.getByRole("combobox", { name: "Period" }).selectOption("month");
  await page.getByRole("combobox", { name: "Cap", exact: true }).selectOption("hard");
  await page.getByRole("combobox", { name: "Scope" }).selectOption("personal");
  await page.getByRole("checkbox", { name: "Claude Code" }).check();
}
