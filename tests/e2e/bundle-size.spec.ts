/**
 * Client JavaScript per page, as a browser downloads it: every script response the page
 * requests (entry, route modules, shared chunks, the manifest), gzipped here at the default
 * level, summed. The budget is 110 kB gzipped on any page, signed in or not; the figures are
 * printed so a run records them. A form's schema (zod with it) is fetched only when the
 * visitor first enters the form (decision 004): that is measured and printed as well.
 */
import { gzipSync } from "node:zlib";
import type { Page, Response } from "@playwright/test";
import { expect, remixSettled, test } from "./fixtures";
import { createCompany, createShortlist, signUp, uniqueWord } from "./employer-steps";

const BUDGET_KB = 110;

/** Collects the scripts the page fetches from now on (a module the browser has already is not fetched again). */
function scriptRecorder(page: Page) {
  const bodies = new Map<string, Promise<Buffer>>();
  const onResponse = (response: Response) => {
    if (response.request().resourceType() === "script" && !bodies.has(response.url())) bodies.set(response.url(), response.body());
  };
  page.on("response", onResponse);
  return async () => {
    page.off("response", onResponse);
    let bytes = 0;
    for (const body of bodies.values()) bytes += gzipSync(await body).length;
    return { kb: bytes / 1024, files: [...bodies.keys()].map((url) => new URL(url).pathname) };
  };
}

async function scriptKilobytes(page: Page, path: string): Promise<{ kb: number; files: string[] }> {
  const recorded = scriptRecorder(page);
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await remixSettled(page);
  return recorded();
}

test("client JavaScript is at most 110 kB gzipped on the search, sign-in and other public pages", async ({ page }) => {
  const { roles } = (await (await page.request.get("/api/roles?limit=2")).json()) as { roles: { slug: string }[] };
  const paths = ["/roles", "/login", "/signup", "/", "/companies", `/roles/${roles[0]!.slug}`, `/compare?roles=${roles[0]!.slug}&roles=${roles[1]!.slug}`, "/pricing", "/market", "/calculator"];
  const figures: string[] = [];
  for (const path of paths) {
    const { kb, files } = await scriptKilobytes(page, path);
    expect(files.length, `${path} loads its scripts`).toBeGreaterThan(3);
    figures.push(`${path}: ${kb.toFixed(1)} kB gzipped in ${files.length} scripts`);
    expect.soft(kb, `${path}: ${kb.toFixed(1)} kB gzipped (${files.join(", ")})`).toBeLessThanOrEqual(BUDGET_KB);
  }
  console.log(`client JavaScript:\n  ${figures.join("\n  ")}`);
  test.info().annotations.push({ type: "client JavaScript", description: figures.join("; ") });
});

test("client JavaScript is at most 110 kB gzipped on the signed-in pages, with a form's schema once the form is used", async ({ page }) => {
  test.slow(true, "sign-up, a company, a draft and a shortlist before measuring");
  const word = uniqueWord();
  await signUp(page, word);
  await createCompany(page, word);
  await page.goto(`/employer/roles/new?company=acme-${word}`);
  await page.getByRole("textbox", { name: "Job title" }).fill(`Bundle ${word}`);
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page).toHaveURL(/\/employer\/roles\/\d+/);
  const editPath = new URL(page.url()).pathname;
  await page.goto("/recruiter");
  await createShortlist(page, `Bundle ${word}`);
  const shortlistPath = new URL(page.url()).pathname;

  // Each page with the form a visitor fills in there (its first field), or none.
  const pages: [string, string | null][] = [
    ["/employer", null],
    ["/employer/companies/new", "Company name"],
    [`/employer/companies/acme-${word}`, "Company name"],
    [`/employer/roles/new?company=acme-${word}`, "Job title"],
    [editPath, "Job title"],
    ["/recruiter", "Role link or slug"],
    [shortlistPath, "Add a role (its link or slug)"],
  ];
  const figures: string[] = [];
  for (const [path, field] of pages) {
    // A fresh page each time, so nothing is in the browser's module map already.
    const fresh = await page.context().newPage();
    const { kb, files } = await scriptKilobytes(fresh, path);
    figures.push(`${path}: ${kb.toFixed(1)} kB gzipped in ${files.length} scripts`);
    expect.soft(kb, `${path}: ${kb.toFixed(1)} kB gzipped (${files.join(", ")})`).toBeLessThanOrEqual(BUDGET_KB);
    if (field) {
      const recorded = scriptRecorder(fresh);
      await fresh.getByRole("textbox", { name: field }).focus();
      // The form says when its schema has arrived (app/components/use-schema-form.ts).
      await expect(fresh.locator("form[data-schema-ready]").first()).toBeAttached();
      const later = await recorded();
      expect(later.files.length, `${path}: the schema is fetched once the form is entered`).toBeGreaterThan(0);
      figures.push(`  + ${later.kb.toFixed(1)} kB once the form is entered (${later.files.length} scripts)`);
    }
    await fresh.close();
  }
  console.log(`client JavaScript, signed in:\n  ${figures.join("\n  ")}`);
  test.info().annotations.push({ type: "client JavaScript, signed in", description: figures.join("; ") });
});
