import { describe, expect, it } from "vitest";
import { safeRedirect } from "~/lib/safe-redirect";

describe("safeRedirect", () => {
  it("keeps paths on this site", () => {
    expect(safeRedirect("/employer")).toBe("/employer");
    expect(safeRedirect("/roles?q=rust&level=senior#top")).toBe("/roles?q=rust&level=senior#top");
  });

  it("refuses anything that could leave the site", () => {
    for (const target of [
      "//evil.example",
      "///evil.example",
      "https://evil.example",
      "http:evil.example",
      "javascript:alert(1)",
      "/\\evil.example",
      "\\\\evil.example",
      "%2F%2Fevil.example",
      "/%2F/evil.example",
      "/%5Cevil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "evil.example",
      "",
      null,
      undefined,
      "%E0%A4%A",
      // Dot segments the URL parser resolves into a protocol-relative "//evil.example".
      "/.//evil.example",
      "/..//evil.example",
      "/a/..//evil.example",
      "/%2e//evil.example",
    ]) {
      expect(safeRedirect(target, "/home"), String(target)).toBe("/home");
    }
  });
});
