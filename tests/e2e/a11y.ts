import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/**
 * WCAG rules axe still calls experimental that these checks run all the same: a chart link
 * whose visible label is not part of its name failed /market for a screen-reader user who
 * speaks the label (WCAG 2.5.3).
 */
const EXPERIMENTAL_RULES_RUN = ["label-content-name-mismatch"];

/** Fails on any serious or critical WCAG 2 A/AA violation on the page as it is now. */
export async function expectNoSeriousA11yViolations(page: Page) {
  // The extra rules are switched on by id (options first: withTags then adds the tag filter),
  // not by the "experimental" tag, which would run every experimental rule on every page.
  const results = await new AxeBuilder({ page })
    .options({ rules: Object.fromEntries(EXPERIMENTAL_RULES_RUN.map((id) => [id, { enabled: true }])) })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
  expect(serious, serious.join("\n")).toEqual([]);
}
