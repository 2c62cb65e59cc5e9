import { beforeEach, describe, expect, it } from "vitest";
import {
  checkRateLimits,
  RATE_LIMIT_TIERS,
  rateLimitedPageParams,
  resetRateLimits,
  tiersFor,
  tooManyRequestsPage,
} from "~/lib/rate-limit.server";

beforeEach(() => resetRateLimits());

describe("which tiers a request counts against", () => {
  it.each([
    ["POST", "/login", ["auth", "write", "general"]],
    ["POST", "/signup.data", ["auth", "write", "general"]],
    ["GET", "/login", ["general"]],
    ["GET", "/r/AbC123", ["trackedLink", "general"]],
    ["HEAD", "/r/AbC123.data", ["trackedLink", "general"]],
    ["POST", "/employer/roles/new", ["write", "general"]],
    ["DELETE", "/_root.data", ["write", "general"]],
    ["post", "/recruiter.data", ["write", "general"]],
    ["POST", "/employer/markdown-preview", ["general"]],
    ["GET", "/roles", ["general"]],
    ["GET", "/api/roles", ["general"]],
  ])("%s %s → %j", (method, path, tiers) => {
    expect(tiersFor(method, path)).toEqual(tiers);
  });
});

describe("checkRateLimits", () => {
  const now = 1_800_000_000_000;

  it("allows 10 sign-in attempts a minute per address, then refuses with the auth tier", () => {
    for (let i = 0; i < RATE_LIMIT_TIERS.auth.limit; i++) {
      expect(checkRateLimits("203.0.113.1", "POST", "/login", now + i).allowed, `attempt ${i + 1}`).toBe(true);
    }
    const refused = checkRateLimits("203.0.113.1", "POST", "/signup.data", now + 20_000);
    expect(refused).toEqual({ allowed: false, tier: "auth", retryAfter: 40 });
    // Another address has its own budget; browsing is still allowed to the refused one.
    expect(checkRateLimits("203.0.113.2", "POST", "/login", now).allowed).toBe(true);
    expect(checkRateLimits("203.0.113.1", "GET", "/roles", now).allowed).toBe(true);
    // A new window starts after a minute.
    expect(checkRateLimits("203.0.113.1", "POST", "/login", now + 60_000).allowed).toBe(true);
  });

  it("stops one address from inflating tracked-link counts", () => {
    const verdicts = Array.from({ length: 40 }, (_, i) => checkRateLimits("198.51.100.7", "GET", `/r/code${i % 3}`, now));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(RATE_LIMIT_TIERS.trackedLink.limit);
    expect(verdicts.at(-1)).toMatchObject({ allowed: false, tier: "trackedLink", retryAfter: 60 });
  });

  it("limits writes below reads, and reads in general", () => {
    const writes = Array.from({ length: 61 }, () => checkRateLimits("2001:db8::1", "POST", "/recruiter", now));
    expect(writes.at(-2)!.allowed).toBe(true);
    expect(writes.at(-1)).toMatchObject({ allowed: false, tier: "write" });
    // The 61 writes also counted as requests: 539 more reads are allowed, the 540th is not.
    const reads = Array.from({ length: 540 }, () => checkRateLimits("2001:db8::1", "GET", "/roles", now));
    expect(reads.filter((v) => v.allowed)).toHaveLength(RATE_LIMIT_TIERS.general.limit - 61);
    expect(reads.at(-1)).toMatchObject({ allowed: false, tier: "general" });
  });
});

describe("the explanation page", () => {
  it("reads its parameters as untrusted input", () => {
    expect(rateLimitedPageParams.parse({ reason: "auth", wait: "17" })).toEqual({ reason: "auth", wait: 17 });
    expect(rateLimitedPageParams.parse({ reason: "<script>", wait: "-5" })).toEqual({ reason: "general", wait: 60 });
    expect(rateLimitedPageParams.parse({ reason: ["auth", "x"], wait: "1e9" })).toEqual({ reason: "general", wait: 60 });
  });

  it("says what happened and how long to wait", () => {
    const page = tooManyRequestsPage("auth", 1);
    expect(page).toContain("Too many sign-in attempts");
    expect(page).toContain("Please wait 1 second and try again.");
    expect(tooManyRequestsPage("general", 42)).toContain("Please wait 42 seconds");
  });
});
