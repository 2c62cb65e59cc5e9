/**
 * The production server: Express with compression and security headers in front of the
 * Remix request handler. Later hardening (rate limits, a CSP nonce, request logs) belongs
 * here, in one place.
 */
import crypto from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import { openDatabase } from "./db/client";
import { ConfigError, readConfig } from "./app/lib/config.server";
import { pageCache } from "./app/lib/page-cache.server";

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
const serverDb = openDatabase(config.databaseUrl);
const listingVersion = serverDb.$client.prepare("SELECT version FROM listing_version WHERE id = 1").pluck();

const buildPath = path.resolve("build/index.js");
const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;

const app = express();
app.disable("x-powered-by");

// One JSON line per request, for log tools: never the query string's values of fields that
// could hold secrets, never bodies, cookies or headers (so no passwords or session tokens).
const SECRET_PARAMS = /^(password|token|secret|code|cursor)$/i;
app.use((req, res, next) => {
  const started = process.hrtime.bigint();
  res.on("finish", () => {
    const url = new URL(req.originalUrl, "http://local");
    for (const key of [...url.searchParams.keys()]) if (SECRET_PARAMS.test(key)) url.searchParams.set(key, "[redacted]");
    console.log(
      JSON.stringify({
        time: new Date().toISOString(),
        method: req.method,
        path: url.pathname,
        query: url.search || undefined,
        status: res.statusCode,
        ms: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
        bytes: Number(res.getHeader("content-length") ?? 0) || undefined,
        cache: res.getHeader("x-cache") ?? undefined,
      }),
    );
  });
  next();
});
app.use(compression());
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

// Fingerprinted build assets never change; everything else in public/ may.
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));

// Behind a reverse proxy, set TRUST_PROXY (e.g. "1" for one hop, or "loopback") so req.ip is
// the visitor's address from X-Forwarded-For rather than the proxy's; rate limits key on it.
if (process.env.TRUST_PROXY) {
  const value = process.env.TRUST_PROXY;
  app.set("trust proxy", /^\d+$/.test(value) ? Number(value) : value);
}

// Anonymous views of the listing pages are rendered once and reused for a few seconds
// (app/lib/page-cache.server.ts says why and how it stays correct).
app.use(
  pageCache({
    paths: /^\/(roles)?$/,
    ttlMs: 10_000,
    maxEntries: 1_000,
    version: () => listingVersion.get() as number,
    personalCookie: /(^|;\s*)(__Host-)?tokenboard_session=/,
    nonce: (res) => res.locals.cspNonce as string,
  }),
);

app.all(
  "*",
  createRequestHandler({
    build,
    mode: config.isProduction ? "production" : "development",
    getLoadContext: (req, res) => ({
      clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown",
      cspNonce: res.locals.cspNonce as string,
    }),
  }),
);

const server = app.listen(config.port, () => {
  console.log(`Tokenboard listening on http://localhost:${config.port} (database: ${config.databaseUrl})`);
});
server.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EADDRINUSE") {
    console.error(`Port ${config.port} is already in use. Stop the other server or choose another port: PORT=3001 npm start`);
    process.exit(1);
  }
  throw error;
});

function shutdown(signal: string) {
  console.log(`${signal} received: finishing open requests, then exiting.`);
  server.close(() => {
    serverDb.$client.close();
    process.exit(0);
  });
  // Keep-alive connections can hold close() open; do not wait forever.
  setTimeout(() => process.exit(0), 10_000).unref();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
