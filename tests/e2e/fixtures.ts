import { randomBytes } from "node:crypto";
import { test as base, expect } from "@playwright/test";

/**
 * Every end-to-end test fails if the page throws or logs an error: a page that renders on
 * the server but breaks while hydrating looks fine in a screenshot and is still broken.
 */
export const test = base.extend<{ failOnPageErrors: void }>({
  // Each test is its own client as far as rate limits go: the e2e server trusts the proxy
  // header from loopback (TRUST_PROXY), and every test says it comes from another network.
  // Rate limits key an IPv6 client on its /64, so each test gets a /64 of its own.
  // (Addresses from the IPv6 documentation prefix: a header value only, never contacted.)
  extraHTTPHeaders: async ({}, use) => {
    await use({ "X-Forwarded-For": `2001:db8:${randomBytes(2).toString("hex")}:${randomBytes(2).toString("hex")}::1` });
  },
  failOnPageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
      page.on("console", (message) => {
        // Responses a test provokes on purpose (404s, 400s) are logged by the browser as
        // failed resource loads; those are not page errors.
        if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
          errors.push(`console.error: ${message.text()}`);
        }
      });
      await use();
      expect(errors, errors.join("\n")).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/**
 * Waits until Remix has no navigation, revalidation or fetcher in flight. A test that leaves
 * the page (page.goto) while one is still streaming aborts it, and Remix logs the abort as a
 * console error; a person clicking on would not notice, but the fixture above would.
 */
export async function remixSettled(page: import("@playwright/test").Page): Promise<void> {
  await page.waitForFunction(() => {
    type Router = { state: { navigation: { state: string }; revalidation: string; fetchers: Map<string, { state: string }> } };
    const router = (window as { __remixRouter?: Router }).__remixRouter;
    if (!router) return true;
    const { navigation, revalidation, fetchers } = router.state;
    return navigation.state === "idle" && revalidation === "idle" && [...fetchers.values()].every((fetcher) => fetcher.state === "idle");
  });
}
