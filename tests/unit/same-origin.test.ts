import { describe, expect, it } from "vitest";
import { isCrossSiteWrite } from "~/lib/same-origin.server";

const headers = (values: Record<string, string>) => (name: string) => values[name.toLowerCase()];

describe("isCrossSiteWrite", () => {
  it.each([
    ["POST", { origin: "https://evil.example", host: "tokenboard.example" }, true],
    ["POST", { origin: "http://tokenboard.example.evil.example", host: "tokenboard.example" }, true],
    ["POST", { origin: "http://tokenboard.example:8080", host: "tokenboard.example" }, true],
    ["DELETE", { origin: "null", host: "tokenboard.example" }, true],
    ["POST", { origin: "not a url", host: "tokenboard.example" }, true],
    ["POST", { origin: "https://tokenboard.example" }, true],
    ["POST", { origin: "https://tokenboard.example", host: "tokenboard.example" }, false],
    ["POST", { origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" }, false],
    ["POST", { origin: "https://tokenboard.example", host: "10.0.0.5:3000", "x-forwarded-host": "tokenboard.example, proxy" }, false],
    ["POST", { host: "tokenboard.example" }, false],
    ["GET", { origin: "https://evil.example", host: "tokenboard.example" }, false],
  ])("%s with %j → %s", (method, values, expected) => {
    expect(isCrossSiteWrite(method, headers(values))).toBe(expected);
  });
});
