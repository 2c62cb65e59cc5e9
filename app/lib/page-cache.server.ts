/**
 * A micro-cache for the public listing pages as anonymous visitors see them. Rendering /roles
 * costs about 12 ms of CPU (React, Remix, serializing the loader data), which caps one Node
 * process near 70 pages a second; the same URL is asked for again and again (the first page,
 * popular filters), so the rendered HTML is kept for a few seconds and reused.
 *
 * It never serves a stale listing: an entry is dropped as soon as `listing_version` moves
 * (any write to roles, compensation or company names, by any process), and after `ttlMs`
 * anyway (relative dates, expiring roles). Other methods, non-200 answers and answers that
 * set cookies are never cached. A request that carries a session cookie is never answered
 * from the cache nor stored in it; "carries" is decided by the parser the app reads sessions
 * with (app/lib/cookie-names.server.ts), not by a pattern of its own, so a spelling the app
 * accepts as signed in (`name =token`, a quoted token, the name twice) is never taken for an
 * anonymous visitor here.
 */
import zlib from "node:zlib";
import type { NextFunction, Request, Response } from "express";
import { carriesCookie } from "./cookie-names.server";

interface Entry {
  status: number;
  headers: Record<string, string | string[]>;
  /** The page split where its nonce was, so each response's own nonce goes in between. */
  parts: Buffer[];
  version: number;
  expiresAt: number;
}

export interface PageCacheOptions {
  /** Paths (without query) that may be cached. */
  paths: RegExp;
  ttlMs: number;
  maxEntries: number;
  /** The current listing version (cheap: one indexed read). */
  version: () => number;
  /** Names of the cookies that make a request personal (its page shows the signed-in user). */
  personalCookies: readonly string[];
  /** This response's CSP nonce: a cached page is restamped with it, never served with an old one. */
  nonce: (res: Response) => string;
}

// The CSP header is the current response's (with its own nonce), never the cached one's.
const SKIPPED_HEADERS = new Set(["set-cookie", "content-length", "content-encoding", "transfer-encoding", "connection", "x-cache", "content-security-policy"]);

export function pageCache(options: PageCacheOptions) {
  const entries = new Map<string, Entry>();
  function pageCacheMiddleware(req: Request, res: Response, next: NextFunction) {
    if ((req.method !== "GET" && req.method !== "HEAD") || !options.paths.test(req.path)) return next();
    carriesCookie(req.headers.cookie, options.personalCookies)
      .then((personal) => (personal ? next() : serve(req, res, next)))
      .catch(next);
  }

  function serve(req: Request, res: Response, next: NextFunction) {
    const key = req.originalUrl;
    const version = options.version();
    const now = Date.now();
    const hit = entries.get(key);
    if (hit && hit.version === version && hit.expiresAt > now) {
      res.status(hit.status);
      for (const [name, value] of Object.entries(hit.headers)) res.setHeader(name, value);
      res.setHeader("X-Cache", "HIT");
      res.setHeader("Vary", "Accept-Encoding");
      // Each response gets its own nonce, as if freshly rendered.
      const nonce = Buffer.from(options.nonce(res));
      let body = Buffer.concat(hit.parts.flatMap((part, i) => (i === 0 ? [part] : [nonce, part])));
      if (/\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""))) {
        body = zlib.gzipSync(body, { level: 1 });
        // Already encoded: the compression middleware leaves it alone.
        res.setHeader("Content-Encoding", "gzip");
      }
      res.setHeader("Content-Length", body.length);
      res.end(req.method === "HEAD" ? undefined : body);
      return;
    }
    if (hit) entries.delete(key);

    const chunks: Buffer[] = [];
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === "function") return;
      chunks.push(typeof chunk === "string" ? Buffer.from(chunk, (typeof encoding === "string" ? encoding : "utf8") as BufferEncoding) : Buffer.from(chunk as Uint8Array));
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      return write(chunk, ...rest);
    }) as Response["write"];
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      const type = String(res.getHeader("content-type") ?? "");
      if (req.method === "GET" && res.statusCode === 200 && !res.getHeader("set-cookie") && type.startsWith("text/html")) {
        const headers: Record<string, string | string[]> = {};
        for (const [name, value] of Object.entries(res.getHeaders())) {
          if (!SKIPPED_HEADERS.has(name) && value !== undefined) headers[name] = Array.isArray(value) ? value : String(value);
        }
        const parts = splitAround(Buffer.concat(chunks), options.nonce(res));
        entries.set(key, { status: 200, headers, parts, version, expiresAt: now + options.ttlMs });
        if (entries.size > options.maxEntries) entries.delete(entries.keys().next().value as string);
      }
      if (!res.headersSent) res.setHeader("X-Cache", "MISS");
      return end(chunk, ...rest);
    }) as Response["end"];
    next();
  }

  return pageCacheMiddleware;
}

/** The buffer cut at every occurrence of `marker` (a random nonce: no other text contains it). */
function splitAround(buffer: Buffer, marker: string): Buffer[] {
  if (!marker) return [buffer];
  const needle = Buffer.from(marker);
  const parts: Buffer[] = [];
  let start = 0;
  for (let at = buffer.indexOf(needle); at !== -1; at = buffer.indexOf(needle, start)) {
    parts.push(buffer.subarray(start, at));
    start = at + needle.length;
  }
  parts.push(buffer.subarray(start));
  return parts;
}
