/**
 * Opaque keyset cursors: the sort they belong to and the last row's sort key, base64url JSON.
 * Decoding checks both, so a cursor from another sort or one tampered with is refused (the
 * caller answers 400) instead of silently giving a wrong page.
 */
import * as z from "zod";

const payloadSchema = z.tuple([z.string(), z.array(z.number().finite().nullable()).min(1).max(4)]);

export class CursorError extends Error {
  constructor(message = "This page link is invalid or out of date; start again from the first page.") {
    super(message);
  }
}

export function encodeCursor(sort: string, key: (number | null)[]): string {
  return Buffer.from(JSON.stringify([sort, key]), "utf8").toString("base64url");
}

/** The sort key the cursor holds; throws CursorError unless it is a well-formed cursor for `sort`. */
export function decodeCursor(cursor: string, sort: string, keyLength = 2): (number | null)[] {
  if (cursor.length > 200 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw new CursorError();
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new CursorError();
  }
  const parsed = payloadSchema.safeParse(raw);
  if (!parsed.success || parsed.data[0] !== sort || parsed.data[1].length !== keyLength) {
    throw new CursorError();
  }
  return parsed.data[1];
}
