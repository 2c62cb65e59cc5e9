import { execFileSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { findChromium } from "./tests/support/chromium";

// Workers re-import this file: pick the port and the database once, in the main process, and
// hand them down through the environment so every worker talks to the same server.
process.env.E2E_PORT ??= execFileSync(process.execPath, [
  "-e",
  "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
]).toString();
process.env.E2E_DATABASE ??= path.join(os.tmpdir(), `tokenboard-e2e-${process.pid}.db`);

const port = Number(process.env.E2E_PORT);
const baseURL = `http://127.0.0.1:${port}`;
const chromium = findChromium();

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  // A test's whole budget, not a wait (steps wait on the page's state): the longest journeys
  // take about 30 s on an idle 2-core machine and up to three times that while another job
  // shares the cores (the suite passes --repeat-each=3 so). test.slow() triples it.
  timeout: 90_000,
  use: {
    baseURL,
    trace: "retain-on-failure",
    ...devices["Desktop Chrome"],
    launchOptions: {
      // Debian's Chromium unless Playwright has its own; the flags keep it off the network,
      // which is closed here anyway, and working as root in a container.
      executablePath: chromium && !chromium.bundled ? chromium.path : undefined,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  // The built app in production mode, on a database of its own (never the dev database).
  webServer: {
    command: `npx tsx db/seed.ts --db "${process.env.E2E_DATABASE}" --reset && npx tsx server.ts`,
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: process.env.E2E_DATABASE,
      SESSION_SECRET: "e2e-only-secret-e2e-only-secret-e2e-only",
      // Required in production: the only origin absolute URLs are built from.
      PUBLIC_URL: baseURL,
      // Lets each test present its own client address (X-Forwarded-For) to the rate limits.
      TRUST_PROXY: "loopback",
    },
  },
});
