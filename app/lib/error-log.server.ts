/**
 * A server error as one JSON line on stderr, beside the request log's lines on stdout (same
 * `time`, `method` and `path` fields), with the stack, so a 500 can be traced to its line.
 * Like the request log it never holds the query, a body, cookies or headers: only the path,
 * which names no secret here.
 */
import type { ErrorRequestHandler } from "express";
import { plainPage } from "./plain-page.server";

export interface ErrorLogRequest {
  method: string;
  /** The request target or a full URL; only its path is logged. */
  url: string;
}

/** The path of a request target or URL, never throwing (a target may be any bytes). */
function pathOf(url: string): string {
  try {
    return new URL(url, "http://local").pathname;
  } catch {
    return url.split("?", 1)[0] ?? "";
  }
}

export function errorLogLine(error: unknown, request?: ErrorLogRequest, source = "app"): string {
  const err = error instanceof Error ? error : new Error(typeof error === "string" ? error : `Non-error thrown: ${safeString(error)}`);
  return JSON.stringify({
    time: new Date().toISOString(),
    level: "error",
    source,
    method: request?.method,
    path: request ? pathOf(request.url) : undefined,
    error: `${err.name}: ${err.message}`,
    stack: err.stack,
  });
}

function safeString(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

export function logServerError(error: unknown, request?: ErrorLogRequest, source?: string): void {
  console.error(errorLogLine(error, request, source));
}

/**
 * The server entry's last handler: whatever escaped every other one is logged with its stack
 * and answered with a plain 500 page that shows nothing of the error.
 */
export const expressErrorHandler: ErrorRequestHandler = (error, req, res, next) => {
  logServerError(error, { method: req.method, url: req.originalUrl }, "server");
  if (res.headersSent) {
    // Too late for an error page: end the response so the client is not left waiting.
    next(error);
    return;
  }
  res
    .status(500)
    .set("Cache-Control", "no-store")
    .type("html")
    .send(plainPage("Something went wrong", ["The server failed to answer this request. It has been logged; please try again in a moment."]));
};
