/**
 * PUBLIC_URL: the one origin absolute URLs are built from. Validated at start like the other
 * variables; defaults to the local address in development; required in production.
 */
import { describe, expect, it } from "vitest";
import { ConfigError, readConfig as readProcessConfig } from "~/lib/config.server";

const SECRET = "a-production-secret-of-at-least-32-characters";

/** An environment of only these variables. */
const readConfig = (env: Record<string, string>) => readProcessConfig(env as NodeJS.ProcessEnv);

function problem(env: Record<string, string>): string {
  try {
    readConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

describe("PUBLIC_URL", () => {
  it("defaults to the local address in development, on the configured port", () => {
    expect(readConfig({ NODE_ENV: "development" }).publicUrl).toBe("http://localhost:3000");
    expect(readConfig({ NODE_ENV: "development", PORT: "4123" }).publicUrl).toBe("http://localhost:4123");
    expect(readConfig({}).publicUrl).toBe("http://localhost:3000");
  });

  it("is normalized to an origin: no trailing slash, lower-case host, no default port", () => {
    expect(readConfig({ PUBLIC_URL: "https://Jobs.Tokenboard.Example/" }).publicUrl).toBe("https://jobs.tokenboard.example");
    expect(readConfig({ PUBLIC_URL: "https://tokenboard.example:443" }).publicUrl).toBe("https://tokenboard.example");
    expect(readConfig({ PUBLIC_URL: "http://127.0.0.1:8080" }).publicUrl).toBe("http://127.0.0.1:8080");
    expect(readConfig({ PUBLIC_URL: "http://[::1]:3000/" }).publicUrl).toBe("http://[::1]:3000");
  });

  it.each([
    ["tokenboard.example", "absolute URL"],
    ["//tokenboard.example", "absolute URL"],
    ["/roles", "absolute URL"],
    ["ftp://tokenboard.example", "http or https"],
    ["javascript:alert(1)", "http or https"],
    ["file:///etc/passwd", "http or https"],
    ["https://tokenboard.example/jobs", "origin only"],
    ["https://tokenboard.example/jobs/", "origin only"],
    ["https://tokenboard.example//", "origin only"],
    ["https://tokenboard.example/?utm=x", "origin only"],
    ["https://tokenboard.example/#top", "origin only"],
    ["https://admin:hunter2@tokenboard.example", "user name or password"],
    ["https://", "absolute URL"],
  ])("refuses %s with a message naming the variable", (value, why) => {
    const message = problem({ NODE_ENV: "production", SESSION_SECRET: SECRET, PUBLIC_URL: value });
    expect(message).toContain("PUBLIC_URL");
    expect(message).toContain(why);
    // Refused in development too: a bad value is a mistake wherever it is made.
    expect(problem({ NODE_ENV: "development", PUBLIC_URL: value })).toContain("PUBLIC_URL");
  });

  it("is required in production, named in the message beside a missing SESSION_SECRET", () => {
    expect(problem({ NODE_ENV: "production", SESSION_SECRET: SECRET })).toMatch(/^PUBLIC_URL is required in production/);
    const both = problem({ NODE_ENV: "production" });
    expect(both).toContain("SESSION_SECRET is required in production");
    expect(both).toContain("PUBLIC_URL is required in production");
    expect(readConfig({ NODE_ENV: "production", SESSION_SECRET: SECRET, PUBLIC_URL: "https://tokenboard.example" })).toMatchObject({
      isProduction: true,
      publicUrl: "https://tokenboard.example",
    });
  });
});
