/**
 * Run before Playwright: makes sure a Chromium exists. As root on Debian (this machine, CI)
 * it installs Debian's `chromium` package when none is found; elsewhere it says what to do.
 */
import { execFileSync } from "node:child_process";
import { findChromium } from "./chromium";

const found = findChromium();
if (found) {
  console.log(`Chromium: ${found.path}${found.bundled ? " (Playwright's own)" : ""}`);
  process.exit(0);
}

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
if (isRoot && process.platform === "linux") {
  console.log("No Chromium found: installing Debian's chromium package (apt-get)...");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update", "-q"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "-q", "--no-install-recommends", "chromium"], { stdio: "inherit", env });
  const installed = findChromium();
  if (installed) {
    console.log(`Chromium: ${installed.path}`);
    process.exit(0);
  }
}

console.error(
  [
    "No Chromium found for the end-to-end tests.",
    "Install one of:",
    "  - Debian/Ubuntu: sudo apt-get install chromium",
    "  - Playwright's own build: npx playwright install chromium",
    "  - or point CHROMIUM_PATH at a Chromium or Chrome binary.",
  ].join("\n"),
);
process.exit(1);
