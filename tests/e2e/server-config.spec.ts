import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test } from "./fixtures";
import { freePort } from "../support/server-process";

function startServer(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let output = "";
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

test("the server takes its port and database file from the environment", async ({ request }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tokenboard-config-"));
  const file = path.join(dir, "elsewhere.db");
  const port = await freePort();
  const server = startServer({ NODE_ENV: "development", DATABASE_URL: file, PORT: String(port), SESSION_SECRET: "", PUBLIC_URL: "" });
  try {
    await expect
      .poll(async () => (await request.get(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.status(), {
        timeout: 30_000,
      })
      .toBe(200);
    expect(server.output()).toContain(`http://localhost:${port}`);
    // Without PUBLIC_URL, development builds absolute URLs on the local address.
    expect(await (await request.get(`http://127.0.0.1:${port}/robots.txt`)).text()).toContain(`Sitemap: http://localhost:${port}/sitemap.xml`);
    expect(fs.existsSync(file)).toBe(true);
    // A fresh file is migrated but empty: the listing shows its empty state, not an error.
    const page = await request.get(`http://127.0.0.1:${port}/roles`);
    expect(page.status()).toBe(200);
    expect(await page.text()).toContain("No open roles right now");

    // Requests are logged as JSON lines, without passwords, cookies or secret parameters.
    await request.post(`http://127.0.0.1:${port}/login`, {
      form: { email: "someone@example.com", password: "hunter2-very-secret" },
      headers: { Cookie: "tokenboard_session=abcdef-session-token" },
    });
    await request.get(`http://127.0.0.1:${port}/roles?q=rust&password=leaked-in-url`);
    await expect.poll(() => server.output().includes('"path":"/login"') && server.output().includes("q=rust"), { timeout: 5_000 }).toBe(true);
    const lines = server
      .output()
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { method: string; path: string; status: number; ms: number; query?: string });
    expect(lines.find((l) => l.path === "/login" && l.method === "POST")).toMatchObject({ status: expect.any(Number), ms: expect.any(Number) });
    expect(lines.find((l) => l.path === "/roles" && l.query?.includes("q=rust"))?.query).toContain("password=%5Bredacted%5D");
    expect(server.output()).not.toContain("hunter2-very-secret");
    expect(server.output()).not.toContain("abcdef-session-token");
    expect(server.output()).not.toContain("leaked-in-url");
  } finally {
    server.child.kill("SIGTERM");
    await server.exited;
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("production refuses to start without SESSION_SECRET, with a clear message", async () => {
  const server = startServer({ NODE_ENV: "production", SESSION_SECRET: "", PORT: String(await freePort()) });
  const code = await server.exited;
  expect(code).toBe(1);
  expect(server.output()).toContain("SESSION_SECRET is required in production");
});

test("production refuses to start without PUBLIC_URL, and anywhere with one that is not an origin", async () => {
  const secret = "a-production-secret-of-at-least-32-characters";
  const missing = startServer({ NODE_ENV: "production", SESSION_SECRET: secret, PUBLIC_URL: "", PORT: String(await freePort()) });
  expect(await missing.exited).toBe(1);
  expect(missing.output()).toContain("PUBLIC_URL is required in production");
  const withPath = startServer({ NODE_ENV: "development", PUBLIC_URL: "https://tokenboard.example/jobs", PORT: String(await freePort()) });
  expect(await withPath.exited).toBe(1);
  expect(withPath.output()).toMatch(/PUBLIC_URL: must be the site's origin only/);
});

test("SIGTERM stops new connections, finishes the request in flight, closes the database and exits 0", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tokenboard-shutdown-"));
  const file = path.join(dir, "shutdown.db");
  const port = await freePort();
  const server = startServer({ NODE_ENV: "development", DATABASE_URL: file, PORT: String(port), SESSION_SECRET: "" });
  const healthz = () => fetch(`http://127.0.0.1:${port}/healthz`).then((response) => response.status, () => "refused" as const);
  try {
    await expect.poll(healthz, { timeout: 30_000 }).toBe(200);
    // A sign-in whose body is still arriving when the signal comes: a request in flight.
    const body = "email=someone%40example.com&password=not-the-password";
    const socket = net.connect(port, "127.0.0.1");
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk));
    const closed = new Promise((resolve) => socket.on("close", resolve));
    await new Promise((resolve) => socket.once("connect", resolve));
    socket.write(
      `POST /login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));

    server.child.kill("SIGTERM");
    await expect.poll(healthz, { timeout: 5_000 }).toBe("refused");
    expect(server.child.exitCode).toBeNull();

    socket.write(body.slice(10));
    // The server closes the connection itself once it has answered.
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain("That email and password don");
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain("Closed the database; exiting.");
    // Every connection was closed cleanly: SQLite folded the write-ahead log into the file.
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  } finally {
    server.child.kill("SIGKILL");
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
