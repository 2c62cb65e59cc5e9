import { describe, expect, it } from "vitest";
import { CursorError, decodeCursor, encodeCursor } from "~/lib/cursor.server";

describe("keyset cursors", () => {
  it("round-trip the sort key", () => {
    const cursor = encodeCursor("newest", [1_764_000_000_000, 42]);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, "newest")).toEqual([1_764_000_000_000, 42]);
  });

  it("refuse a cursor from another sort", () => {
    const cursor = encodeCursor("tokens_desc", [50_000, 42]);
    expect(() => decodeCursor(cursor, "newest")).toThrow(CursorError);
  });

  it("refuse tampered or malformed cursors", () => {
    const bad = [
      "",
      "not a cursor",
      "abc",
      Buffer.from("{}").toString("base64url"),
      Buffer.from('["newest",["x",1]]').toString("base64url"),
      Buffer.from('["newest",[1]]').toString("base64url"),
      Buffer.from('["newest",[1,2,3]]').toString("base64url"),
      "A".repeat(500),
    ];
    for (const cursor of bad) expect(() => decodeCursor(cursor, "newest"), cursor).toThrow(CursorError);
  });
});
