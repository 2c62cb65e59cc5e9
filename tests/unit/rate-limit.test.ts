import { beforeEach, describe, expect, it } from "vitest";
import {
  checkRateLimits,
  RATE_LIMIT_TIERS,
  rateLimitedPageParams,
  resetRateLimits,
  tiersFor,
  tooManyRequestsPage,
} from "~/lib/rate-limit.server";
import { routePath } from "~/lib/route-path";

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
    // The preview stores nothing but renders Markdown on every post: it is a write (issue 11).
    ["POST", "/employer/markdown-preview", ["write", "general"]],
    ["POST", "/employer/markdown-preview.data", ["write", "general"]],
    ["GET", "/roles", ["general"]],
    ["GET", "/api/roles", ["general"]],
  ])("%s %s → %j", (method, path, tiers) => {
    expect(tiersFor(method, path)).toEqual(tiers);
  });
});

describe("tiers follow the path the router will match, whatever its spelling", () => {
  // Each spelling reaches the same route in Remix (case-insensitive matching, per-segment
  // percent-decoding, trailing slashes ignored, the `.data` suffix of data requests, dot
  // segments resolved by the URL parser), so each must count against the same tier.
  const signIn = [
    "/LOGIN",
    "/Login",
    "/login/",
    "/login//",
    "/l%6Fgin",
    "/%6C%6F%67%69%6E",
    "/Login.data",
    "/LOGIN/.data",
    "/login?index",
    "/login.data?index",
    "/./login",
    "/%2e/login",
    "/roles/../login",
    "/login\\",
    "/SIGNUP",
    "/signup/",
    "/sign%75p.data",
  ];
  it.each(signIn)("POST %s is a sign-in attempt", (target) => {
    expect(tiersFor("POST", target)).toEqual(["auth", "write", "general"]);
  });

  const trackedLinks = ["/R/AbC123", "/%72/AbC123", "/%52/AbC123", "/r/AbC123/", "/r/AbC123.data", "/R/AbC123/.data", "/r/AbC123?utm_source=x", "/./r/AbC123"];
  it.each(trackedLinks)("GET %s is a tracked-link visit", (target) => {
    expect(tiersFor("GET", target)).toEqual(["trackedLink", "general"]);
  });

  it.each(["/Employer/Markdown-Preview", "/employer/markdown-preview/", "/employer/m%61rkdown-preview.data"])("POST %s is a write", (target) => {
    expect(tiersFor("POST", target)).toEqual(["write", "general"]);
  });

  // Spellings the router does NOT match to those routes stay out of their tiers, so the
  // normalization is the router's and not a looser one.
  it.each([
    ["POST", "//login", ["write", "general"]], // repeated slashes are not merged: the catch-all route
    ["POST", "/login%2F", ["write", "general"]], // an encoded slash is part of the segment
    ["POST", "/login.DATA", ["write", "general"]], // Remix's data suffix is lower-case only
    ["POST", "/login%2Edata", ["write", "general"]], // an encoded dot is no data suffix
    ["POST", "/logins", ["write", "general"]],
    ["GET", "/r%2FAbC123", ["general"]], // one segment, not /r/:code
    ["GET", "/r//AbC123", ["general"]],
    ["GET", "/roles/x", ["general"]],
    ["GET", "/login", ["general"]], // reading the sign-in page is not an attempt
  ])("%s %s → %j", (method, target, tiers) => {
    expect(tiersFor(method, target)).toEqual(tiers);
  });
});

describe("routePath: the one normalization", () => {
  it.each([
    ["/LOGIN", "/login"],
    ["/l%6Fgin/", "/login"],
    ["/Login.data", "/login"],
    ["/_root.data", "/"],
    ["/_root.data?index", "/"],
    ["/?index", "/"],
    ["/R/AbC/", "/r/abc"],
    ["/%72/AbC", "/r/abc"],
    ["/r%2FAbC", "/r%2fabc"],
    ["/%E0%A4%A", "/%e0%a4%a"], // a malformed escape leaves the path undecoded, as the router does
    ["/API/Roles?limit=1", "/api/roles"],
    ["/feeds/roles.json", "/feeds/roles.json"],
    ["//[", "//["],
  ])("%s → %s", (target, path) => {
    expect(routePath(target)).toBe(path);
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

  it("keys on the client's network: every address of one IPv6 /64 shares one budget", () => {
    const sameSubscriber = ["2001:db8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:fffe", "2001:0db8:0001:0002:0000:0000:0000:0042"];
    for (let i = 0; i < RATE_LIMIT_TIERS.auth.limit; i++) {
      expect(checkRateLimits(sameSubscriber[i % 3]!, "POST", "/login", now).allowed, `attempt ${i + 1}`).toBe(true);
    }
    expect(checkRateLimits("2001:db8:1:2:abcd::1", "POST", "/LOGIN", now)).toMatchObject({ allowed: false, tier: "auth" });
    // The next /64 is another subscriber; an IPv4-mapped address is its IPv4 address.
    expect(checkRateLimits("2001:db8:1:3::1", "POST", "/login", now).allowed).toBe(true);
    for (let i = 0; i < RATE_LIMIT_TIERS.auth.limit; i++) checkRateLimits("192.0.2.5", "POST", "/login", now);
    expect(checkRateLimits("::ffff:192.0.2.5", "POST", "/login", now)).toMatchObject({ allowed: false, tier: "auth" });
  });

  it("counts every spelling of the sign-in page against one budget", () => {
    const spellings = ["/login", "/LOGIN", "/login/", "/l%6Fgin", "/Login.data", "/SIGNUP", "/signup/", "/%73ignup.data", "/login?index", "/./login"];
    for (const target of spellings) expect(checkRateLimits("203.0.113.9", "POST", target, now).allowed, target).toBe(true);
    expect(checkRateLimits("203.0.113.9", "POST", "/LoGiN/", now)).toMatchObject({ allowed: false, tier: "auth" });
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
