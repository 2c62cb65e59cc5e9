/**
 * Finds a Chromium for the end-to-end tests: Playwright's own build when one was downloaded
 * (a laptop), else a system Chromium (Debian's package here and in CI).
 */
import fs from "node:fs";
import { chromium } from "@playwright/test";

const SYSTEM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

export function findChromium(): { path: string; bundled: boolean } | null {
  if (process.env.CHROMIUM_PATH && fs.existsSync(process.env.CHROMIUM_PATH)) {
    return { path: process.env.CHROMIUM_PATH, bundled: false };
  }
  try {
    const own = chromium.executablePath();
    if (own && fs.existsSync(own)) return { path: own, bundled: true };
  } catch {
    // Playwright has no browser of its own here; fall through to the system's.
  }
  const system = SYSTEM_CANDIDATES.find((candidate) => fs.existsSync(candidate));
  return system ? { path: system, bundled: false } : null;
}
