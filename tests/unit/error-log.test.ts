import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it, vi } from "vitest";
import { errorLogLine, expressErrorHandler } from "~/lib/error-log.server";

afterEach(() => vi.restoreAllMocks());

describe("a 500 is logged with its stack as one JSON line", () => {
  it("names the request by method and path, never its query", () => {
    const error = new TypeError("cannot read properties of undefined");
    const line = JSON.parse(errorLogLine(error, { method: "POST", url: "http://localhost/login?password=hunter2" })) as Record<string, string>;
    expect(line).toMatchObject({ level: "error", method: "POST", path: "/login", error: "TypeError: cannot read properties of undefined" });
    expect(line.stack).toContain("error-log.test.ts");
    expect(JSON.stringify(line)).not.toContain("hunter2");
    expect(line.time).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("copes with whatever was thrown and whatever the target was", () => {
    expect(JSON.parse(errorLogLine("plain string", { method: "GET", url: "//[" })).error).toBe("Error: plain string");
    expect(JSON.parse(errorLogLine({ code: 1 })).error).toBe('Error: Non-error thrown: {"code":1}');
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(JSON.parse(errorLogLine(circular)).error).toContain("Non-error thrown");
  });

  it("the server entry's error handler logs the stack and answers a plain 500 that shows none of it", async () => {
    const logged: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: string) => void logged.push(line));
    const app = express();
    app.get("/boom", () => {
      throw new Error("secret internals");
    });
    app.use(expressErrorHandler);
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/boom?token=abc`);
      expect(response.status).toBe(500);
      const body = await response.text();
      expect(body).toContain("Something went wrong");
      expect(body).not.toContain("secret internals");
    } finally {
      server.close();
    }
    expect(logged).toHaveLength(1);
    const line = JSON.parse(logged[0]!) as Record<string, string>;
    expect(line).toMatchObject({ level: "error", source: "server", method: "GET", path: "/boom", error: "Error: secret internals" });
    expect(line.stack).toContain("error-log.test.ts");
  });
});
