/**
 * The production server: Express in front of the Remix request handler, with the hardening
 * that belongs in one place: request logs, compression, security headers with a CSP nonce,
 * the bounds on what a request may cost (methods, body size and type), rate limits, the
 * anonymous page cache, error logging, and a graceful shutdown.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import type net from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler, writeReadableStreamToWritable, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import { openDatabase } from "./db/client";
import { clientNetwork } from "./app/lib/client-network";
import { ConfigError, readConfig } from "./app/lib/config.server";
import { SESSION_COOKIE_NAMES } from "./app/lib/cookie-names.server";
import { expressErrorHandler } from "./app/lib/error-log.server";
import { pageCache } from "./app/lib/page-cache.server";
import { checkMethod, formBodyOf, rawMethodNotAllowed, readFormBody } from "./app/lib/request-bounds.server";
import { routePath } from "./app/lib/route-path";
import { listingVersion } from "./app/models/listing-version.server";
import { startMarkdownPool } from "./app/lib/markdown-pool.server";
import { startDescriptionBackfill } from "./app/models/description-backfill.server";
import type { SearchIndexReport, SnapshotSaveReport } from "./app/models/search-feed.server";
import {
  checkRateLimits,
  RATE_LIMITED_PATH,
  rateLimitedPageParams,
  tooManyRequestsJson,
  tooManyRequestsPage,
} from "./app/lib/rate-limit.server";
import { singleFetchRedirect } from "./app/lib/single-fetch-redirect.server";
import { crossSitePage, isCrossSiteWrite } from "./app/lib/same-origin.server";

let config;
try {
  config = readConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

// Migrate before taking traffic, so a bad migration stops the deploy instead of failing
// requests. The app opens its own connection on first use; this one stays open for the page
// cache's version check.
// Where start-up time goes, from the process' launch (module loading included).
const startup: string[] = [`modules and config ${process.uptime().toFixed(2)} s`];
const startupMark = (label: string, since: number) => {
  startup.push(`${label} ${(process.uptime() - since).toFixed(2)} s`);
  return process.uptime();
};
let startupAt = process.uptime();
const serverDb = openDatabase(config.databaseUrl);
startupAt = startupMark("database and migrations", startupAt);
// The Markdown pool's threads start now, so the idle size includes them and the first preview
// or save waits for no thread to start (app/lib/markdown-pool.server.ts).
startMarkdownPool();

const buildPath = path.resolve("build/index.js");
const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
startupAt = startupMark("app build import", startupAt);

const app = express();
app.disable("x-powered-by");

// One JSON line per request, for log tools: never the query string's values of fields that
// could hold secrets, never bodies, cookies or headers (so no passwords or session tokens).
const SECRET_PARAMS = /^(password|token|secret|code|cursor)$/i;
app.use((req, res, next) => {
  const started = process.hrtime.bigint();
  res.on("finish", () => {
    // Read as the adapter reads it (concatenated, so "//x" stays a path). A target no URL
    // parser takes ("//[") is logged as its path alone: the log line must never throw, which
    // here, in an event handler, would take the whole process down.
    let url: URL | undefined;
    try {
      url = new URL(`http://local${req.originalUrl}`);
    } catch {
      url = undefined;
    }
    if (url) for (const key of [...url.searchParams.keys()]) if (SECRET_PARAMS.test(key)) url.searchParams.set(key, "[redacted]");
    console.log(
      JSON.stringify({
        time: new Date().toISOString(),
        method: req.method,
        path: url ? url.pathname : req.originalUrl.split("?", 1)[0],
        query: url?.search || undefined,
        status: res.statusCode,
        ms: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
        bytes: Number(res.getHeader("content-length") ?? 0) || undefined,
        cache: res.getHeader("x-cache") ?? undefined,
      }),
    );
  });
  next();
});
// Requests being answered: background work (the Markdown backfill) waits while there are any.
let requestsInFlight = 0;
app.use((_req, res, next) => {
  requestsInFlight++;
  res.once("close", () => requestsInFlight--);
  next();
});
// During a graceful shutdown, a keep-alive connection is closed as soon as its response is
// done, instead of holding the exit until the client lets go.
let shuttingDown = false;
app.use((_req, res, next) => {
  res.on("finish", () => {
    if (shuttingDown) setImmediate(() => server.closeIdleConnections());
  });
  next();
});
// Level 1, as the page cache compresses: zlib runs on libuv's threads, which share the
// cores with the event loop's thread, and level 1 costs a fraction of the default level's
// CPU for a slightly larger answer.
app.use(compression({ level: 1 }));
// The embed (/embed/...) is made to be framed by other sites and sets its own policy;
// everything else refuses framing.
const framingAllowed = (path: string) => path.startsWith("/embed/");

// A fresh nonce per request for the Content-Security-Policy; Remix's inline scripts carry it
// (app/entry.server.tsx), so no other inline script can run.
app.use((_req, res, next) => {
  res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
  next();
});
const contentSecurityPolicy = helmet.contentSecurityPolicy({
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: [(_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`, "'strict-dynamic'"],
    // Tailwind's stylesheet is a file; a few elements carry style attributes.
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", "data:"],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    formAction: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    frameAncestors: ["'none'"],
  },
});
app.use((req, res, next) => {
  if (framingAllowed(req.path)) return next();
  res.setHeader("X-Frame-Options", "DENY");
  contentSecurityPolicy(req, res, next);
});
app.use(
  helmet({
    frameguard: false,
    contentSecurityPolicy: false,
    // Role pages link to employers' sites and embeds are framed elsewhere.
    crossOriginEmbedderPolicy: false,
    hsts: config.isProduction,
    // Not helmet's "no-referrer": with it Chromium sends `Origin: null` on same-site form
    // posts, which Remix's origin check rejects. This keeps full URLs on this site and sends
    // only the origin elsewhere.
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
  }),
);

// Only the methods some route takes reach the app (405 otherwise; the API answers preflights).
app.use(checkMethod);

// Fingerprinted build assets never change; everything else in public/ may.
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
// The other files of public/ (the favicon) are listed once at start: a static middleware
// for every path would stat the disk for each page and API request, a thread-pool round
// trip per request that a busy event loop feels.
const publicFiles = new Set(
  fs
    .readdirSync("public", { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => `/${entry.name}`),
);
const publicStatic = express.static("public", { maxAge: "1h" });
app.use((req, res, next) => (publicFiles.has(req.path) ? publicStatic(req, res, next) : next()));

// Behind a reverse proxy, set TRUST_PROXY (e.g. "1" for one hop, or "loopback") so req.ip is
// the visitor's address from X-Forwarded-For rather than the proxy's; rate limits key on it.
if (process.env.TRUST_PROXY) {
  const value = process.env.TRUST_PROXY;
  app.set("trust proxy", /^\d+$/.test(value) ? Number(value) : value);
}

// Where refused data requests are sent (see below): the page that says why and for how long.
app.get(RATE_LIMITED_PATH, (req, res) => {
  const { reason, wait } = rateLimitedPageParams.parse(req.query);
  res.status(429).set({ "Retry-After": String(wait), "Cache-Control": "no-store" }).type("html").send(tooManyRequestsPage(reason, wait));
});

// Rate limits by tier (app/lib/rate-limit.server.ts), keyed on the client address as the
// deployment sees it: req.ip, which honours TRUST_PROXY above.
if (config.rateLimits) {
  app.use((req, res, next) => {
    // Keyed on the client's network (an IPv6 /64 is one client) and the path as the router
    // will match it (app/lib/route-path.ts), whatever its spelling.
    const verdict = checkRateLimits(req.ip ?? req.socket.remoteAddress ?? "unknown", req.method, req.originalUrl);
    if (verdict.allowed || !verdict.tier) return next();
    const { tier, retryAfter } = verdict;
    res.set({ "Retry-After": String(retryAfter), "Cache-Control": "no-store" });
    if (req.path.endsWith(".data")) {
      // An enhanced form or client navigation: Remix's client can only read its own stream
      // format, so tell it to load the explanation page as a document.
      const target = `${RATE_LIMITED_PATH}?reason=${tier}&wait=${retryAfter}`;
      return singleFetchRedirect(target, req.method).then(
        (body) => res.status(202).type("text/x-script").send(body),
        next,
      );
    }
    const page = routePath(req.originalUrl);
    if (page.startsWith("/api/") || page.startsWith("/feeds/")) return res.status(429).json(tooManyRequestsJson(tier, retryAfter));
    return res.status(429).type("html").send(tooManyRequestsPage(tier, retryAfter));
  });
} else {
  console.warn("RATE_LIMITS=off: no rate limits (meant for load tests and benchmarks only).");
}

// A change sent from another site's page is refused here with a 403 (Remix would refuse it
// too, but with a bare 500).
app.use((req, res, next) => {
  if (!isCrossSiteWrite(req.method, (name) => req.get(name))) return next();
  res.status(403).set("Cache-Control", "no-store");
  if (routePath(req.originalUrl).startsWith("/api/")) return res.json({ error: "Changes are accepted from Tokenboard's own pages only." });
  return res.type("html").send(crossSitePage());
});

// Form bodies: the right type, within the size limit, read here whole before Remix sees them
// (app/lib/request-bounds.server.ts says why and what the limits are).
app.use(readFormBody());

// Anonymous views of the listing pages are rendered once and reused for a few seconds
// (app/lib/page-cache.server.ts says why and how it stays correct).
app.use(
  pageCache({
    paths: /^\/(roles)?$/,
    ttlMs: 10_000,
    maxEntries: 1_000,
    version: () => listingVersion(serverDb),
    personalCookies: SESSION_COOKIE_NAMES,
    nonce: (res) => res.locals.cspNonce as string,
  }),
);

// Remix, through a thin adapter of our own rather than @remix-run/express: that one streams
// the request into Remix unread and unbounded, while here the body has already been read within
// its limit (above) and is handed over whole. Otherwise it does what that adapter does: the URL
// from the Host (or, with TRUST_PROXY, X-Forwarded-Host), every header, an abort signal for a
// client that leaves, and the response streamed back with each Set-Cookie kept apart.
const handleRemixRequest = createRequestHandler(build, config.isProduction ? "production" : "development");

function requestUrl(req: express.Request): URL | null {
  const port = [req.get("X-Forwarded-Host"), req.get("Host")]
    .map((host) => Number.parseInt(host?.split(":")[1] ?? "", 10))
    .find((value) => Number.isSafeInteger(value));
  try {
    return new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
  } catch {
    return null;
  }
}

function remixRequest(req: express.Request, res: express.Response, url: URL): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const each of Array.isArray(value) ? value : [value]) headers.append(name, each);
  }
  const form = formBodyOf(req);
  if (form) headers.set("Content-Type", form.contentType);
  // Aborts the loaders and actions of a request whose client went away before its answer.
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  return new Request(url, { method: req.method, headers, body: form?.body, signal: controller.signal });
}

async function sendRemixResponse(res: express.Response, response: Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers.entries()) res.append(name, value);
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

app.all("*", async (req, res, next) => {
  const url = requestUrl(req);
  if (!url) {
    res.status(400).set("Cache-Control", "no-store").type("text").send("The Host header does not name a host.");
    return;
  }
  try {
    const response = await handleRemixRequest(remixRequest(req, res, url), {
      cspNonce: res.locals.cspNonce as string,
      clientNetwork: clientNetwork(req.ip ?? req.socket.remoteAddress),
    });
    await sendRemixResponse(res, response);
  } catch (error) {
    next(error);
  }
});

// Whatever still fails is logged with its stack as a JSON line, and answered with a plain 500.
app.use(expressErrorHandler);

// The search index is built before taking traffic (every listed role is read once), through
// the build's own copy of the module so the routes use this very index.
const startSearchIndex = (build.entry.module as { startSearchIndex?: () => Promise<SearchIndexReport> }).startSearchIndex;
if (startSearchIndex) {
  const report = await startSearchIndex();
  const mb = (bytes: number) => Math.round(bytes / 1e6);
  if (report.snapshotRefused) console.log(`search index: snapshot ${config.searchSnapshotPath} not used: ${report.snapshotRefused}; building from the roles`);
  const how =
    report.source === "snapshot"
      ? `loaded from its snapshot and caught up ${report.caughtUp} change${report.caughtUp === 1 ? "" : "s"}`
      : `built with ${report.workers} thread${report.workers === 1 ? "" : "s"}`;
  console.log(
    `search index: ${report.roles} roles in ${report.seconds.toFixed(1)} s, ${mb(report.indexBytes)} MB ` +
      `(${how}; process RSS ${mb(report.rssBytes)} MB)`,
  );
  startupAt = startupMark("search index", startupAt);
}

// Descriptions stored before their HTML was (migration 0004) are rendered in the background,
// in slices between requests (app/models/description-backfill.server.ts); until then a role's
// page shows its description as plain text. After one full pass this is a no-op.
const descriptionBackfill = startDescriptionBackfill(serverDb, { busy: () => requestsInFlight > 0 });

const server = app.listen(config.port, () => {
  startupMark("listen", startupAt);
  console.log(`Tokenboard listening on http://localhost:${config.port} (database: ${config.databaseUrl}); started in ${process.uptime().toFixed(2)} s: ${startup.join(", ")}`);
});
// A client that sends "Expect: 100-continue" is told to go on only once its request has passed
// the checks before its body is read (app/lib/request-bounds.server.ts); Node's default would
// invite every body, an oversized one included.
server.on("checkContinue", app);
// CONNECT never reaches Express (Node hands it over as a tunnel), and Node's parser refuses a
// method it does not know before any code runs: both get the same 405 as any other method no
// route takes, instead of a dropped connection or a 400.
const REQUEST_LINE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+ \S+ HTTP\/1\.[01]\r?\n/;
server.on("connect", (req, socket) => {
  logRefusedMethod(req.method ?? "CONNECT");
  socket.end(rawMethodNotAllowed());
});
server.on("clientError", (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: net.Socket) => {
  if (socket.writable && socket.bytesWritten === 0) {
    const request = error.rawPacket?.toString("latin1") ?? "";
    if (error.code === "HPE_INVALID_METHOD" && REQUEST_LINE.test(request)) {
      logRefusedMethod(request.slice(0, request.indexOf(" ")));
      socket.end(rawMethodNotAllowed());
      return;
    }
    // Node's own answers for everything else.
    const status =
      error.code === "HPE_HEADER_OVERFLOW"
        ? "431 Request Header Fields Too Large"
        : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
          ? "408 Request Timeout"
          : "400 Bad Request";
    socket.write(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
  }
  socket.destroy(error);
});
function logRefusedMethod(method: string) {
  console.log(JSON.stringify({ time: new Date().toISOString(), method: method.slice(0, 32), status: 405 }));
}
server.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EADDRINUSE") {
    console.error(`Port ${config.port} is already in use. Stop the other server or choose another port: PORT=3001 npm start`);
    process.exit(1);
  }
  throw error;
});

// Graceful shutdown: stop accepting connections, let the requests already received finish,
// then close both database connections (a clean close checkpoints the WAL) and exit.
const closeAppDatabase = (build.entry.module as { closeDatabase?: () => void }).closeDatabase;
const stopSearchIndex = (build.entry.module as { stopSearchIndex?: () => Promise<SnapshotSaveReport | null> }).stopSearchIndex;
/** Once the last request is answered: the search index's snapshot is saved if it changed, so the next start loads it. */
async function saveSearchIndex() {
  try {
    const saved = await stopSearchIndex?.();
    if (saved) console.log(`search index: snapshot saved at change ${saved.seq} (${Math.round(saved.bytes / 1e6)} MB in ${(saved.ms / 1000).toFixed(1)} s)`);
  } catch (error) {
    console.error("search index: saving the snapshot at shutdown failed", error);
  }
}
function closeDatabasesAndExit(code: number) {
  closeAppDatabase?.();
  serverDb.$client.close();
  console.log(code === 0 ? "Closed the database; exiting." : "Closed the database; exiting after the shutdown timeout.");
  process.exit(code);
}
function shutdown(signal: string) {
  if (shuttingDown) return;
  shuttingDown = true;
  descriptionBackfill.stop();
  console.log(`${signal} received: no new connections; finishing open requests, then exiting.`);
  server.close(() => void saveSearchIndex().then(() => closeDatabasesAndExit(0)));
  // A client holding a request open must not stop the shutdown forever.
  setTimeout(() => {
    server.closeAllConnections();
    closeDatabasesAndExit(1);
  }, 10_000).unref();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
