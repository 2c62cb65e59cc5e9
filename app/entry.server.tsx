/**
 * Server rendering, as Remix's default (streaming for browsers, the whole document at once for
 * bots), plus the CSP nonce: server.ts puts a fresh one in the load context for each request,
 * and every inline script Remix and React write carries it. Errors that become a 500 are logged
 * as JSON lines with their stack (app/lib/error-log.server.ts).
 */
import { Transform, type TransformCallback } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { logServerError } from "~/lib/error-log.server";
import { NonceProvider } from "~/lib/nonce";
import { closeDb, db } from "~/models/db.server";
import { config } from "~/lib/config.server";
import { saveSearchSnapshot, startSearchFeed, stopSearchFeed } from "~/models/search-feed.server";

/** For the server entry's graceful shutdown: the app's own connection lives in this bundle. */
export const closeDatabase = closeDb;
/**
 * Loads (from its snapshot) or builds the search index on the app's connection and keeps it
 * fed (server.ts calls it before listening).
 */
export const startSearchIndex = () => startSearchFeed(db(), { snapshotPath: config().searchSnapshotPath });
/** Graceful shutdown: stop feeding the index, then save its snapshot if it changed since the last one. */
export const stopSearchIndex = () => {
  stopSearchFeed(db());
  return saveSearchSnapshot(db());
};

/**
 * Remix calls this for every error a loader, an action or the render throws. A request the
 * client gave up on is not a failure, and the router's own 4xx answers (a POST to a page
 * without a form, say) are the client's mistake, shown in the request log by their status;
 * everything else answers 500 and is logged with its stack.
 */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  // The router wraps its own errors; the original carries the stack.
  const internal = isRouteErrorResponse(error) ? (error as { error?: unknown }).error : undefined;
  logServerError(internal ?? error, { method: request.method, url: request.url });
};

const ABORT_DELAY = 5_000;

/** The largest piece CoalescedChunks holds back before passing it on. */
const COALESCE_BYTES = 64 * 1024;

/**
 * React writes a page in 2 kB pieces, and each piece written to the response is one
 * compression call to the thread pool and back: a hundred round trips for a listing page,
 * each a chance for the event loop's thread to lose its core. The pieces written in one turn
 * of the event loop (a shell, a resolved boundary) go on as one, so streaming still flushes
 * whatever is ready, only in fewer, larger writes.
 */
class CoalescedChunks extends Transform {
  #pieces: Buffer[] = [];
  #bytes = 0;
  #scheduled = false;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    this.#pieces.push(chunk);
    this.#bytes += chunk.length;
    if (this.#bytes >= COALESCE_BYTES) this.#passOn();
    else if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => {
        this.#scheduled = false;
        this.#passOn();
      });
    }
    callback();
  }

  override _flush(callback: TransformCallback) {
    this.#passOn();
    callback();
  }

  #passOn() {
    if (this.#bytes === 0 || this.destroyed) return;
    this.push(this.#pieces.length === 1 ? this.#pieces[0] : Buffer.concat(this.#pieces, this.#bytes));
    this.#pieces = [];
    this.#bytes = 0;
  }
}

/**
 * React Router's server render resolves the matched path as a URL, and a path that decodes
 * to one with an empty host ("/\\", "/\\//x": GET /%5C, /%5C/%2F%2Fx) is no URL: the render
 * would throw and answer 500. No route has such a path, so it is a plain 404.
 */
function unrenderablePath(requestUrl: string): boolean {
  const raw = new URL(requestUrl).pathname;
  const decodings: string[] = [];
  try {
    decodings.push(decodeURIComponent(raw));
    // As the router decodes: segment by segment, an encoded "/" kept as "%2F".
    decodings.push(raw.split("/").map((segment) => decodeURIComponent(segment).replace(/\//g, "%2F")).join("/"));
  } catch {
    // Malformed escapes are matched undecoded, and render.
    return false;
  }
  // Each as decoded, and with repeated slashes merged as the router merges them.
  for (const path of decodings.flatMap((decoded) => [decoded, decoded.replace(/\/{2,}/g, "/")])) {
    try {
      new URL(path, "http://localhost");
    } catch {
      return true;
    }
  }
  return false;
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  if (unrenderablePath(request.url)) {
    return new Response("We couldn't find that page.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : "";
  const waitForAll = isbot(request.headers.get("user-agent")) || remixContext.isSpaMode;
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new CoalescedChunks();
          responseHeaders.set("Content-Type", "text/html");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors after the shell was sent are logged here; before it, onShellError has them.
          if (shellRendered) logServerError(error, { method: request.method, url: request.url }, "render");
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
