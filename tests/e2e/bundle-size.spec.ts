/**
 * Client JavaScript per page, as a browser downloads it: every script response the page
 * requests (entry, route modules, shared chunks, the manifest), gzipped here at the default
 * level, summed. The budget is 110 kB gzipped on any page; the figures are printed so a run
 * records them.
 */
import { gzipSync } from "node:zlib";
import type { Page, Response } from "@playwright/test";
import { expect, remixSettled, test } from "./fixtures";

const BUDGET_KB = 110;

async function scriptKilobytes(page: Page, path: string): Promise<{ kb: number; files: string[] }> {
  const bodies = new Map<string, Promise<Buffer>>();
  const onResponse = (response: Response) => {
    if (response.request().resourceType() === "script" && !bodies.has(response.url())) bodies.set(response.url(), response.body());
  };
  page.on("response", onResponse);
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await remixSettled(page);
  page.off("response", onResponse);
  let bytes = 0;
  for (const body of bodies.values()) bytes += gzipSync(await body).length;
  return { kb: bytes / 1024, files: [...bodies.keys()].map((url) => new URL(url).pathname) };
}

test("client JavaScript is at most 110 kB gzipped on the search, sign-in and other public pages", async ({ page }) => {
  const { roles } = (await (await page.request.get("/api/roles?limit=2")).json()) as { roles: { slug: string }[] };
  const paths = ["/roles", "/login", "/signup", "/", "/companies", `/roles/${roles[0]!.slug}`, `/compare?roles=${roles[0]!.slug}&roles=${roles[1]!.slug}`, "/pricing"];
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
