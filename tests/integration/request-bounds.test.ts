/**
 * Bounded cost where the request enters (issue 11): the production server (server.ts, built app,
 * NODE_ENV=production) as a child process, driven over raw sockets where a client library would
 * not send what an attacker sends (an endless chunked body, a made-up method, CONNECT).
 *
 * - Bodies: a declared length over the limit is a 413 before a byte is read; a chunked body is
 *   cut at the limit with a 413 and the connection closes; a client that keeps sending is
 *   disconnected instead of read to the end.
 * - Content types: a body no route reads (JSON, text) is a 415, broken multipart a 400, a POST
 *   without a body an empty form: 4xx with a message, never a 500; a bare POST /logout ends the
 *   session.
 * - Methods: only GET, HEAD, POST (and the API's preflight) reach the app; the rest get a 405
 *   with Allow.
 * - Nothing here makes the server answer 500 or stop; a 500 that does happen in the app is
 *   logged with its stack as a JSON line.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ensureBuild, ROOT, startServer, type ServerProcess } from "../support/server-process";

// The account is made here through the data layer, with the server's secret and in production
// mode, so its cookie is the `__Host-` one the production server reads. Configuration is read
// on first use, which is after these lines.
const SESSION_SECRET = crypto.randomBytes(32).toString("hex");
process.env.NODE_ENV = "production";
process.env.SESSION_SECRET = SESSION_SECRET;
process.env.PUBLIC_URL = "http://127.0.0.1";

const LIMIT = 256 * 1024;

let server: ServerProcess;
let tmp: string;
let sessionCookie: string;
let clientCounter = 0;

/** A client address of its own per request (the server trusts X-Forwarded-For from loopback), so no rate limit interferes. */
function nextClient(): string {
  clientCounter++;
  return `198.51.100.${clientCounter % 250}`;
}

beforeAll(async () => {
  ensureBuild();
  const { signedInUser } = await import("../support/accounts");
  sessionCookie = (await signedInUser("bounds")).cookie;
  expect(sessionCookie).toMatch(/^__Host-tokenboard_session=/);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tokenboard-bounds-"));
  server = await startServer({
    databaseFile: process.env.DATABASE_URL!,
    logFile: path.join(tmp, "server.log"),
    sessionSecret: SESSION_SECRET,
    env: { TRUST_PROXY: "loopback" },
  });
}, 300_000);

afterAll(async () => {
  await server?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

interface RawAnswer {
  /** "" when the server sent nothing. */
  statusLine: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The server ended or reset the connection (rather than the client giving up). */
  closedByServer: boolean;
  /** Body bytes the client managed to hand to its socket. */
  sent: number;
}

/**
 * One exchange over a raw socket: `head` (request line and headers, up to the blank line), then
 * optionally an endless chunked body. A `polite` client stops sending once an answer starts; a
 * blind one sends until `maxBytes` or until the server closes.
 */
function exchange(head: string, options: { chunked?: "polite" | "blind"; maxBytes?: number; timeoutMs?: number } = {}): Promise<RawAnswer> {
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  return new Promise((resolve) => {
    const socket = net.connect(server.port, "127.0.0.1");
    let received = Buffer.alloc(0);
    let sent = 0;
    let closedByServer = false;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const text = received.toString("latin1");
      const [headPart = "", ...rest] = text.split("\r\n\r\n");
      const [statusLine = "", ...headerLines] = headPart.split("\r\n");
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(":");
        if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ statusLine, status: Number(statusLine.split(" ")[1] ?? 0), headers, body: rest.join("\r\n\r\n"), closedByServer, sent });
    };
    const timer = setTimeout(finish, options.timeoutMs ?? 10_000);
    socket.on("data", (chunk) => (received = Buffer.concat([received, chunk])));
    socket.on("end", () => {
      closedByServer = true;
      finish();
    });
    socket.on("error", () => {
      closedByServer = true;
      finish();
    });
    socket.write(head);
    if (!options.chunked) return;
    const frame = Buffer.concat([Buffer.from("10000\r\n"), Buffer.alloc(0x10000, "a"), Buffer.from("\r\n")]);
    const pump = () => {
      while (!done && sent < maxBytes) {
        if (options.chunked === "polite" && received.length > 0) return;
        sent += 0x10000;
        if (!socket.write(frame)) {
          socket.once("drain", pump);
          return;
        }
      }
      if (!done && sent >= maxBytes) socket.end("0\r\n\r\n");
    };
    pump();
  });
}

function requestHead(method: string, target: string, headers: Record<string, string> = {}): string {
  const lines = [`${method} ${target} HTTP/1.1`, `Host: 127.0.0.1:${server?.port}`, `X-Forwarded-For: ${nextClient()}`];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return lines.join("\r\n") + "\r\n\r\n";
}

/** A request through Node's HTTP client (any method token it accepts), body optional. */
function send(
  method: string,
  target: string,
  options: { headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: "127.0.0.1", port: server.port, method, path: target, headers: { "X-Forwarded-For": nextClient(), ...options.headers } },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    request.on("error", reject);
    request.end(options.body);
  });
}

const FORM = { "Content-Type": "application/x-www-form-urlencoded" };

describe("request bodies are bounded where the request enters", () => {
  it("a declared length over the limit is answered 413 at once, before any of the body is sent", async () => {
    const answer = await exchange(requestHead("POST", "/login", { ...FORM, "Content-Length": String(500 * 1024 * 1024) }), { timeoutMs: 5_000 });
    expect(answer.status).toBe(413);
    expect(answer.body).toContain("at most 256 kB");
    // The server does not wait for a body it will never read: it ends the connection.
    expect(answer.closedByServer).toBe(true);
  });

  it("a client that asks before sending (Expect: 100-continue) is refused without being invited", async () => {
    const answer = await exchange(requestHead("POST", "/signup", { ...FORM, "Content-Length": String(50 * 1024 * 1024), Expect: "100-continue" }), {
      timeoutMs: 5_000,
    });
    expect(answer.statusLine).toMatch(/^HTTP\/1\.1 413 /);
  });

  it("a chunked body is cut at the limit: 413, and the connection closes", async () => {
    const answer = await exchange(requestHead("POST", "/login", { ...FORM, "Transfer-Encoding": "chunked" }), { chunked: "polite", maxBytes: 256 * 1024 * 1024 });
    expect(answer.status).toBe(413);
    expect(answer.closedByServer).toBe(true);
    // Answered when the limit was passed, not at the end of the 256 MB the client would send
    // (what it counts as sent includes what its own socket buffers took before the answer came).
    expect(answer.sent).toBeLessThan(64 * 1024 * 1024);
  });

  it("a client that keeps sending regardless is disconnected rather than read to the end", async () => {
    const answer = await exchange(requestHead("POST", "/signup.data", { ...FORM, "Transfer-Encoding": "chunked" }), { chunked: "blind", timeoutMs: 20_000 });
    expect(answer.closedByServer).toBe(true);
    expect(answer.sent).toBeLessThan(64 * 1024 * 1024);
    expect((await send("GET", "/healthz")).status).toBe(200);
  });

  it("an oversized body on any other path is refused the same way, before a rate limit or a route sees it", async () => {
    const body = Buffer.alloc(LIMIT + 1, "a");
    for (const target of ["/employer/roles/new", "/recruiter", "/roles", "/api/roles", "/no-such-page"]) {
      const answer = await send("POST", target, { headers: FORM, body });
      expect(answer.status, target).toBe(413);
    }
  });

  it("a form within the limit is read and handled as before", async () => {
    const body = new URLSearchParams({ email: `${"a".repeat(LIMIT - 2_000)}@example.com`, password: "wrong" }).toString();
    expect(body.length).toBeLessThan(LIMIT);
    const answer = await send("POST", "/login", { headers: FORM, body });
    expect(answer.status).toBe(400);
    expect(answer.body).toContain("An email address has at most 254 characters");
  });
});

describe("content types: a body no route reads is a 4xx naming the problem, never a 500", () => {
  const ACTIONS = ["/login", "/signup", "/logout", "/login.data", "/signup.data", "/employer/roles/new", "/employer/companies/new", "/recruiter"];

  it.each([
    ["application/json", '{"email":"a@b.c","password":"x"}'],
    ["text/plain", "email=a@b.c"],
    ["application/xml", "<a/>"],
  ])("%s is answered 415", async (type, body) => {
    for (const target of ACTIONS) {
      const answer = await send("POST", target, { headers: { "Content-Type": type, Cookie: sessionCookie }, body });
      expect(answer.status, target).toBe(415);
      expect(answer.body, target).toContain("application/x-www-form-urlencoded or multipart/form-data");
    }
  });

  it("a body with no Content-Type is answered 415", async () => {
    const answer = await send("POST", "/login", { body: "email=a@b.c&password=x" });
    expect(answer.status).toBe(415);
  });

  it.each([
    ["multipart/form-data; boundary=XyZ", "this is not multipart at all"],
    ["multipart/form-data", "--x\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\na@b.c\r\n--x--\r\n"],
    ["multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\nunterminated"],
  ])("broken multipart (%s) is answered 400", async (type, body) => {
    for (const target of ACTIONS) {
      const answer = await send("POST", target, { headers: { "Content-Type": type, Cookie: sessionCookie }, body });
      expect(answer.status, target).toBe(400);
      expect(answer.body, target).toContain("could not be read");
    }
  });

  it("well-formed multipart reaches the action", async () => {
    const form = new FormData();
    form.set("email", "nobody@example.com");
    form.set("password", "a wrong password");
    const encoded = new Response(form);
    const answer = await send("POST", "/login", {
      headers: { "Content-Type": encoded.headers.get("Content-Type")! },
      body: Buffer.from(await encoded.arrayBuffer()),
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toContain("That email and password don&#x27;t match an account.");
  });

  it("what Remix's client sends for an enhanced form (a .data request, URL-encoded with a charset) reaches the action", async () => {
    const answer = await send("POST", "/login.data", {
      headers: { "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8" },
      body: "email=nobody%40example.com&password=a+wrong+password",
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toContain("That email and password don't match an account.");
  });

  it("a POST without a body is an empty form: sign-in and sign-up say what is missing", async () => {
    for (const [target, message] of [
      ["/login", "Enter your email address"],
      ["/signup", "Enter your name"],
      ["/login.data", "Enter your email address"],
    ] as const) {
      for (const headers of [{}, { "Content-Length": "0" }, FORM] as Record<string, string>[]) {
        const answer = await send("POST", target, { headers });
        expect(answer.status, `${target} ${JSON.stringify(headers)}`).toBe(400);
        expect(answer.body, target).toContain(message);
      }
    }
  });

  it("a bare POST /logout still ends the session", async () => {
    const { signedInUser } = await import("../support/accounts");
    const cookie = (await signedInUser("bare-logout")).cookie;
    const before = await send("GET", "/employer", { headers: { Cookie: cookie } });
    expect(before.status).toBe(200);
    const logout = await send("POST", "/logout", { headers: { Cookie: cookie } });
    expect(logout.status).toBe(302);
    expect(String(logout.headers["set-cookie"])).toMatch(/__Host-tokenboard_session=; Max-Age=0/);
    const after = await send("GET", "/employer", { headers: { Cookie: cookie } });
    expect(after.status).toBe(302);
    expect(after.headers.location).toMatch(/^\/login\?redirectTo=/);
  });
});

describe("methods: only those some route takes reach the app", () => {
  it.each(["TRACE", "PUT", "DELETE", "PATCH", "PROPFIND", "PURGE", "SEARCH", "LOCK"])("%s is a 405 with Allow", async (method) => {
    for (const target of ["/", "/login", "/roles", "/no-such-page"]) {
      const answer = await send(method, target, method === "PUT" || method === "PATCH" ? { headers: FORM, body: "a=1" } : {});
      expect(answer.status, `${method} ${target}`).toBe(405);
      expect(answer.headers.allow, `${method} ${target}`).toBe("GET, HEAD, POST");
    }
  });

  it("a made-up method and CONNECT get the same 405, not a dropped connection", async () => {
    for (const head of [requestHead("FOO", "/"), requestHead("BREW", "/login"), `CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n`]) {
      const answer = await exchange(head, { timeoutMs: 5_000 });
      expect(answer.status, head.split("\r\n")[0]).toBe(405);
      expect(answer.headers.allow).toBe("GET, HEAD, POST");
    }
    // Garbage that is no request line at all is still a 400.
    expect((await exchange("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n", { timeoutMs: 5_000 })).status).toBe(400);
  });

  it("OPTIONS is a CORS preflight for the API and a 405 elsewhere", async () => {
    const preflight = await send("OPTIONS", "/api/roles?limit=1", { headers: { Origin: "https://elsewhere.example", "Access-Control-Request-Method": "GET" } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers["access-control-allow-origin"]).toBe("*");
    expect(preflight.headers["access-control-allow-methods"]).toBe("GET, HEAD, OPTIONS");
    expect(preflight.headers.allow).toBe("GET, HEAD, POST, OPTIONS");
    const page = await send("OPTIONS", "/login");
    expect(page.status).toBe(405);
    expect(page.headers.allow).toBe("GET, HEAD, POST");
  });

  it("GET, HEAD and POST still work", async () => {
    expect((await send("GET", "/roles")).status).toBe(200);
    expect((await send("HEAD", "/")).status).toBe(200);
    expect((await send("POST", "/login", { headers: FORM, body: "email=nobody%40example.com&password=x" })).status).toBe(400);
  });
});

describe("nothing a visitor sends stops the server or answers 500", () => {
  it("a Host that names no host is a 400, a target no URL parser takes does not crash the request log", async () => {
    expect((await exchange(requestHead("GET", "/").replace(/^Host: .*$/m, "Host: a b"), { timeoutMs: 5_000 })).status).toBe(400);
    const unparsable = await exchange(requestHead("GET", "//[", { Connection: "close" }), { timeoutMs: 5_000 });
    expect(unparsable.status).toBeGreaterThanOrEqual(400);
    expect(unparsable.status).toBeLessThan(500);
    expect((await send("GET", "/healthz")).status).toBe(200);
    expect(server.isRunning()).toBe(true);
  });

  it("no request in this file was answered 5xx", async () => {
    // The request log is one JSON line per answer.
    const statuses = fs
      .readFileSync(server.logFile, "utf8")
      .split("\n")
      .filter((line) => line.startsWith("{") && line.includes('"status"'))
      .map((line) => (JSON.parse(line) as { status: number }).status);
    expect(statuses.length).toBeGreaterThan(50);
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
  });
});

describe("a 500 that still happens is logged with its stack", () => {
  it("the app's handleError writes a JSON line with the stack; aborted requests and 4xx router answers are not errors", async () => {
    const build = (await import(pathToFileURL(path.join(ROOT, "build/index.js")).href)) as ServerBuild;
    const handleError = build.entry.module.handleError;
    expect(handleError).toBeTypeOf("function");
    const logged: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((line: string) => void logged.push(line));
    try {
      const request = new Request("http://localhost/employer/roles/7?token=secret", { method: "POST" });
      handleError!(new RangeError("a loader broke"), { request, params: {}, context: {} });
      const aborted = new AbortController();
      aborted.abort();
      handleError!(new Error("client went away"), { request: new Request("http://localhost/", { signal: aborted.signal }), params: {}, context: {} });
    } finally {
      spy.mockRestore();
    }
    expect(logged).toHaveLength(1);
    const line = JSON.parse(logged[0]!) as Record<string, string>;
    expect(line).toMatchObject({ level: "error", method: "POST", path: "/employer/roles/7", error: "RangeError: a loader broke" });
    expect(line.stack).toContain("request-bounds.test.ts");
    expect(logged[0]).not.toContain("secret");
  });
});
