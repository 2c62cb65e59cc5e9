import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { allowedMethods, BODY_LIMIT_BYTES, mediaType, readBody } from "~/lib/request-bounds.server";

describe("readBody", () => {
  it("reads a body within the limit whole", async () => {
    const read = await readBody(Readable.from([Buffer.from("email=a%40b.c"), Buffer.from("&password=x")]), 100);
    expect(read.outcome).toBe("read");
    expect(read.outcome === "read" && Buffer.from(read.body).toString()).toBe("email=a%40b.c&password=x");
  });

  it("stops keeping an endless body at the limit", async () => {
    let produced = 0;
    // Asynchronous like a socket: past the limit the rest is read and dropped until the close.
    const endless = new Readable({
      read() {
        setImmediate(() => {
          produced += 64 * 1024;
          this.push(Buffer.alloc(64 * 1024, 97));
        });
      },
    });
    const read = await readBody(endless, BODY_LIMIT_BYTES);
    endless.destroy();
    expect(read).toEqual({ outcome: "tooLarge" });
    // It gave up within a chunk or two of the limit (the stream reads ahead by its buffer size).
    expect(produced).toBeLessThan(BODY_LIMIT_BYTES + 256 * 1024);
  });

  it("a body of exactly the limit is read; one byte more is not", async () => {
    expect((await readBody(Readable.from([Buffer.alloc(1024)]), 1024)).outcome).toBe("read");
    expect((await readBody(Readable.from([Buffer.alloc(1024), Buffer.alloc(1)]), 1024)).outcome).toBe("tooLarge");
  });

  it("says so when the client goes away mid-body", async () => {
    const stream = new Readable({ read() {} });
    const pending = readBody(stream, 1024);
    stream.push(Buffer.from("a=1"));
    stream.destroy(new Error("aborted"));
    expect(await pending).toEqual({ outcome: "aborted" });
  });
});

describe("the entry's rules", () => {
  it.each([
    [undefined, ""],
    ["application/x-www-form-urlencoded;charset=UTF-8", "application/x-www-form-urlencoded"],
    ["Multipart/Form-Data; boundary=----x", "multipart/form-data"],
    [" application/json ", "application/json"],
  ])("media type of %j is %j", (header, type) => {
    expect(mediaType(header)).toBe(type);
  });

  it("allows GET, HEAD and POST everywhere, OPTIONS only for the API in any spelling", () => {
    expect(allowedMethods("/")).toEqual(["GET", "HEAD", "POST"]);
    expect(allowedMethods("/login")).toEqual(["GET", "HEAD", "POST"]);
    expect(allowedMethods("/api/roles?limit=1")).toEqual(["GET", "HEAD", "POST", "OPTIONS"]);
    expect(allowedMethods("/API/roles/x.data")).toEqual(["GET", "HEAD", "POST", "OPTIONS"]);
    expect(allowedMethods("/apix")).toEqual(["GET", "HEAD", "POST"]);
  });

  it("holds the largest form with hostile characters: 20,000 three-byte characters URL-encoded", () => {
    const description = "€".repeat(20_000);
    const encoded = new URLSearchParams({ description, title: "x".repeat(200) }).toString();
    expect(Buffer.byteLength(encoded)).toBeLessThan(BODY_LIMIT_BYTES);
  });
});
