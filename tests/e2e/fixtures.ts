import { test as base, expect } from "@playwright/test";

/**
 * Every end-to-end test fails if the page throws or logs an error: a page that renders on
 * the server but breaks while hydrating looks fine in a screenshot and is still broken.
 */
export const test = base.extend<{ failOnPageErrors: void }>({
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
