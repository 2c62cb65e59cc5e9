/**
 * What a request may cost, decided where it enters (server.ts) before any of it reaches Remix:
 *
 * - Methods: the routes take GET, HEAD and POST (and the API answers CORS preflights), so
 *   anything else is a 405 naming what is allowed.
 * - Bodies: at most BODY_LIMIT_BYTES, read here into memory and handed to Remix whole. A
 *   declared length over the limit is refused before a byte of the body is read; a chunked body
 *   is read up to the limit and refused there. Either way the connection is closed with the
 *   answer (after a short linger, below), so the rest of the body is never kept and memory
 *   never grows past the limit.
 * - Content types: every action reads a form, so a body is URL-encoded or multipart form data;
 *   anything else is a 415, and multipart that does not parse is a 400 here rather than a 500
 *   in whichever action reads it. A POST without a body is an empty form.
 */
import type { Readable } from "node:stream";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { plainPage } from "./plain-page.server";
import { routePath } from "./route-path";

/**
 * The largest form is the role form: a description of at most 20,000 characters, each up to
 * 9 bytes once URL-encoded (a 3-byte UTF-8 character is "%E2%82%AC"), about 180 kB, plus a
 * few short fields. 256 kB holds that with room to spare and bounds what one request can make
 * the server hold (no form uploads files).
 */
export const BODY_LIMIT_BYTES = 256 * 1024;

export const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"] as const;

const ROUTE_METHODS = ["GET", "HEAD", "POST"] as const;

/** The methods a path takes: OPTIONS only where cross-origin callers need preflights (the API). */
export function allowedMethods(target: string): string[] {
  return routePath(target).startsWith("/api/") ? [...ROUTE_METHODS, "OPTIONS"] : [...ROUTE_METHODS];
}

/** The media type of a Content-Type header, lower-cased, without parameters ("" when absent). */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? "").split(";", 1)[0]!.trim().toLowerCase();
}

const discard = () => {};

/** Whether the request announces a body (a length above zero, or a chunked one of any length). */
export function announcesBody(req: ExpressRequest): boolean {
  return req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"] ?? 0) > 0;
}

/** An answer the entry gives itself: JSON for the API, a plain page otherwise. */
function refuse(req: ExpressRequest, res: ExpressResponse, status: number, title: string, message: string): void {
  res.status(status).set("Cache-Control", "no-store");
  if (routePath(req.originalUrl).startsWith("/api/")) {
    res.json({ error: `${title}. ${message}` });
    return;
  }
  res.type("html").send(plainPage(title, [message, '<a href="/">Back to Tokenboard</a>']));
}

/** How long a refused request's connection stays open after its answer, keeping nothing it reads. */
export const LINGER_MS = 2_000;

/**
 * A request answered before its whole body arrived (a 405, 413, 429 or 403 refuses it unread)
 * must not cost the rest of that body, so until the body has been read its answer says
 * `Connection: close`. Node then ends a connection with `socket.destroySoon()`: our side ends
 * and the socket is destroyed the moment the answer is flushed. With the client still sending,
 * that destroy resets the connection, and a reset can destroy the answer before the client has
 * read it. So such a connection closes as web servers' "lingering close" does: our side ends at
 * once (the client reads the answer, then end of stream), what still arrives is read and dropped
 * for LINGER_MS, then the socket is destroyed.
 */
function closeAfterAnswer(req: ExpressRequest, res: ExpressResponse): void {
  res.setHeader("Connection", "close");
  const socket = req.socket;
  // An own property in front of net.Socket's method, for this connection only.
  socket.destroySoon = () => {
    req.on("data", discard);
    req.resume();
    socket.end();
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  };
}

/** The body was read whole and within the limit: the connection may carry the next request. */
function keepConnection(req: ExpressRequest, res: ExpressResponse): void {
  res.removeHeader("Connection");
  Reflect.deleteProperty(req.socket, "destroySoon");
}

/**
 * 405 for methods no route takes, and the answer to the API's CORS preflights. Also sees that
 * a request answered before its body was read leaves no connection reading that body.
 */
export function checkMethod(req: ExpressRequest, res: ExpressResponse, next: NextFunction): void {
  if (announcesBody(req)) closeAfterAnswer(req, res);
  const allowed = allowedMethods(req.originalUrl);
  if (req.method === "OPTIONS" && allowed.includes("OPTIONS")) {
    res
      .status(204)
      .set({
        Allow: allowed.join(", "),
        "Access-Control-Allow-Origin": "*",
        "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
        "Access-Control-Allow-Headers": "*",
        "Access-Control-Max-Age": "86400",
      })
      .end();
    return;
  }
  if (allowed.includes(req.method)) return next();
  res.set("Allow", allowed.join(", "));
  refuse(req, res, 405, "Method not allowed", `This address answers ${allowed.join(", ")}, not ${methodLabel(req.method)}.`);
}

/** A method as shown to the visitor: it is their input, so only a token's characters. */
function methodLabel(method: string): string {
  return method.replace(/[^A-Z0-9_-]/gi, "").slice(0, 32) || "that method";
}

/** The HTTP/1.1 answer for a request line Node's parser refuses or Express never sees. */
export function rawMethodNotAllowed(): string {
  const body = `This server answers ${ROUTE_METHODS.join(", ")}.\n`;
  return [
    "HTTP/1.1 405 Method Not Allowed",
    `Allow: ${ROUTE_METHODS.join(", ")}`,
    "Content-Type: text/plain; charset=utf-8",
    `Content-Length: ${Buffer.byteLength(body)}`,
    "Connection: close",
    "",
    body,
  ].join("\r\n");
}

export type BodyRead = { outcome: "read"; body: Uint8Array<ArrayBuffer> } | { outcome: "tooLarge" } | { outcome: "aborted" };

/**
 * Reads the request's body, at most `limit` bytes. Past the limit it stops keeping it (what was
 * read is dropped) and says so; the caller answers and closes the connection. Until that close,
 * a few milliseconds later, whatever still arrives is read and thrown away: a connection closed
 * with unread data is reset, and a reset can destroy the 413 before the client has read it.
 */
export function readBody(req: Readable, limit: number): Promise<BodyRead> {
  return new Promise((resolve) => {
    let chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: BodyRead) => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onAbort);
      req.off("close", onAbort);
      chunks = [];
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        finish({ outcome: "tooLarge" });
        req.on("data", discard);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      const body = new Uint8Array(size);
      let offset = 0;
      for (const chunk of chunks) {
        body.set(chunk, offset);
        offset += chunk.length;
      }
      finish({ outcome: "read", body });
    };
    const onAbort = () => finish({ outcome: "aborted" });
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onAbort);
    req.on("close", onAbort);
  });
}

export interface FormBody {
  body: Uint8Array<ArrayBuffer>;
  /** The Content-Type Remix is to see: the request's, or URL-encoded for an empty body. */
  contentType: string;
}

const formBodies = new WeakMap<ExpressRequest, FormBody>();

/** The body `readFormBody` read for this request (undefined for GET and HEAD). */
export function formBodyOf(req: ExpressRequest): FormBody | undefined {
  return formBodies.get(req);
}

/**
 * For POSTs: refuses a body of the wrong type (415) or over the limit (413), reads it, checks
 * that multipart parses (400), and keeps it for the Remix adapter in server.ts.
 */
export function readFormBody(limit = BODY_LIMIT_BYTES) {
  return function readFormBodyMiddleware(req: ExpressRequest, res: ExpressResponse, next: NextFunction): void {
    if (req.method !== "POST") return next();
    const declaredType = req.headers["content-type"];
    const type = mediaType(declaredType);
    const hasBody = announcesBody(req);
    const formTypes: readonly string[] = FORM_TYPES;
    if ((hasBody || type !== "") && !formTypes.includes(type)) {
      refuse(
        req,
        res,
        415,
        "Unsupported form encoding",
        `Forms here are sent as application/x-www-form-urlencoded or multipart/form-data${type ? `, not ${typeLabel(type)}` : ""}.`,
      );
      return;
    }
    if (Number(req.headers["content-length"] ?? 0) > limit) {
      tooLarge(req, res, limit);
      return;
    }
    // A client that waits for "100 Continue" (curl does for large bodies) is only told to go on
    // once the request has passed every check above; server.ts routes those requests here.
    if (String(req.headers.expect ?? "").toLowerCase() === "100-continue") res.writeContinue();
    readBody(req, limit).then(
      async (read) => {
        if (read.outcome === "aborted") return;
        if (read.outcome === "tooLarge") {
          tooLarge(req, res, limit);
          return;
        }
        const contentType = declaredType && type !== "" ? declaredType : "application/x-www-form-urlencoded";
        if (type === "multipart/form-data" && !(await multipartParses(read.body, contentType))) {
          refuse(req, res, 400, "This form could not be read", "Its multipart/form-data body is malformed. Please send the form again from the page.");
          return;
        }
        formBodies.set(req, { body: read.body, contentType });
        keepConnection(req, res);
        next();
      },
      next,
    );
  };
}

function tooLarge(req: ExpressRequest, res: ExpressResponse, limit: number): void {
  // The connection closes after this answer (see closeAfterAnswer).
  refuse(req, res, 413, "This form is too large", `A form sent here may hold at most ${Math.round(limit / 1024)} kB. Nothing was saved.`);
}

async function multipartParses(body: Uint8Array<ArrayBuffer>, contentType: string): Promise<boolean> {
  try {
    await new Request("http://local/", { method: "POST", headers: { "Content-Type": contentType }, body }).formData();
    return true;
  } catch {
    return false;
  }
}

/** A media type as shown to the visitor: it is their input, so only a media type's characters. */
function typeLabel(type: string): string {
  return type.replace(/[^a-z0-9!#$&^_.+/-]/g, "").slice(0, 100) || "that type";
}
