/**
 * The search index's snapshot (app/search/snapshot.ts): an index saved after random changes
 * (so order deltas, shadowed entries, stale keyword roles and stale expiry entries are all in
 * it) and loaded back answers every random query like a pass over all documents (pages,
 * cursors, counts, facets, histogram), also after the clock moved on (no expired role listed)
 * and after more changes applied to the loaded index; and a fresh build of the same documents
 * answers the same. A truncated file, or one with any byte changed, is refused with a
 * SnapshotError or (a changed padding byte) loads an index that answers the same; never a crash.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { SORTS } from "~/lib/search-params";
import { SearchIndex, SNAPSHOT_FORMAT_VERSION, SnapshotError, SnapshotReader, type SearchDocument } from "~/search";
import { applyChange, checkQuery, DAY, randomDocument, randomFilters, Rng, setDoc, START, type Model } from "../support/search-board";

const BOARD = 4_000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "search-snapshot-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const OPTIONS = { deltaLimit: 64, staleLimit: 48, buckets: 16 };

function load(file: string): SearchIndex {
  const reader = SnapshotReader.open(file);
  try {
    return SearchIndex.loadSnapshot(reader, OPTIONS);
  } finally {
    reader.close();
  }
}

/** Both indexes take every change (applyChange only calls upsert and remove). */
function both(a: SearchIndex, b: SearchIndex): SearchIndex {
  return {
    upsert: (doc: SearchDocument, now: number) => {
      a.upsert(doc, now);
      b.upsert(doc, now);
    },
    remove: (id: number) => {
      a.remove(id);
      b.remove(id);
    },
  } as unknown as SearchIndex;
}

/** A board after random changes, its model, and the file it was saved to. */
async function savedBoard(seed: number, file: string) {
  const rng = new Rng(seed);
  const model: Model = { docs: new Map(), terms: new Map(), now: START };
  const all = Array.from({ length: BOARD }, (_, i) => randomDocument(rng, i + 1, START));
  const index = SearchIndex.build(all.slice(0, BOARD / 2), START, OPTIONS);
  for (const doc of all) setDoc(model, doc);
  for (const doc of all.slice(BOARD / 2)) index.upsert(doc, START);
  const closed = new Map<number, SearchDocument>();
  const nextId = { value: BOARD + 1 };
  for (let changes = 200 + rng.int(200); changes > 0; changes--) applyChange(index, model, rng, closed, nextId);
  const written = await index.saveSnapshot(file, { seq: 7 });
  expect(written).not.toBeNull();
  return { rng, model, index, closed, nextId };
}

describe("the search index snapshot", () => {
  it("a loaded index answers like brute force and like a fresh build, also as time passes and after more changes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer(), async (seed) => {
        const file = path.join(dir, `board-${seed}.snapshot`);
        const { rng, model, index, closed, nextId } = await savedBoard(seed, file);
        const loaded = load(file);
        expect(loaded.count(model.now)).toBe(index.count(model.now));
        // Roles expire after the load too: the heap and its clock came along.
        model.now += 2 * DAY + rng.int(DAY);
        for (let round = 0; round < 12; round++) {
          checkQuery(loaded, model, rng);
          if (round % 3 === 0) {
            const fresh = SearchIndex.build([...model.docs.values()].sort((a, b) => a.id - b.id), model.now, OPTIONS);
            const filters = randomFilters(rng, model);
            expect(loaded.aggregates(filters, model.now)).toEqual(fresh.aggregates(filters, model.now));
            for (const sort of SORTS) {
              const query = { filters, sort, after: null, limit: 20 };
              expect(loaded.page(query, model.now).ids).toEqual(fresh.page(query, model.now).ids);
            }
          }
          for (let changes = rng.int(30); changes > 0; changes--) applyChange(both(loaded, index), model, rng, closed, nextId);
        }
        expect(loaded.count(model.now)).toBe([...model.docs.values()].filter((d) => d.expiresAt > model.now).length);
        fs.rmSync(file);
      }),
      { numRuns: 4 },
    );
  }, 180_000);

  it("keeps the header for the owner to judge before loading", async () => {
    const file = path.join(dir, "header.snapshot");
    const index = SearchIndex.build([randomDocument(new Rng(1), 1, START)], START);
    await index.saveSnapshot(file, { instance: 42, seq: 9 });
    const reader = SnapshotReader.open(file);
    expect(reader.header).toEqual({ instance: 42, seq: 9 });
    reader.close();
  });

  it("is not written when the index changes while it is saved (and leaves no temporary file)", async () => {
    const file = path.join(dir, "overtaken.snapshot");
    const rng = new Rng(3);
    const index = SearchIndex.build(Array.from({ length: 2_000 }, (_, i) => randomDocument(rng, i + 1, START)), START);
    const saving = index.saveSnapshot(file, {});
    // A role that is listed at START, so the upsert changes the index.
    index.upsert({ ...randomDocument(rng, 5_000, START), expiresAt: START + DAY }, START);
    expect(await saving).toBeNull();
    expect(fs.readdirSync(dir).filter((name) => name.startsWith("overtaken"))).toEqual([]);
  });

  it("refuses a truncated file, one of another format, or one with a changed byte, with a SnapshotError (never a crash or a wrong answer)", async () => {
    const file = path.join(dir, "good.snapshot");
    const { model, index, rng } = await savedBoard(11, file);
    const good = fs.readFileSync(file);
    const broken = path.join(dir, "broken.snapshot");
    const queries = Array.from({ length: 5 }, () => randomFilters(rng, model));
    const sameAnswers = (loaded: SearchIndex) => {
      for (const filters of queries) expect(loaded.aggregates(filters, model.now)).toEqual(index.aggregates(filters, model.now));
    };
    const outcome = (bytes: Uint8Array): "refused" | "same" => {
      fs.writeFileSync(broken, bytes);
      try {
        sameAnswers(load(broken));
        return "same";
      } catch (error) {
        expect(error).toBeInstanceOf(SnapshotError);
        return "refused";
      }
    };
    expect(outcome(new Uint8Array(0))).toBe("refused");
    expect(outcome(Buffer.from("not a snapshot at all, just text"))).toBe("refused");
    const otherFormat = Buffer.from(good);
    otherFormat.writeUInt32LE(SNAPSHOT_FORMAT_VERSION + 1, 8);
    expect(() => SnapshotReader.open((fs.writeFileSync(broken, otherFormat), broken))).toThrow(/format/);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: good.length - 1 }), (length) => {
        expect(outcome(good.subarray(0, length))).toBe("refused");
      }),
      { numRuns: 40 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: good.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, flip) => {
        const bytes = Buffer.from(good);
        bytes[at]! ^= flip;
        outcome(bytes);
      }),
      { numRuns: 60 },
    );
    expect(() => SnapshotReader.open(path.join(dir, "missing.snapshot"))).toThrow(/no snapshot file/);
  }, 60_000);
});
