/**
 * The search index (app/search) against a brute-force reading of the same documents: on a
 * board of 10,000 roles, random filter, sort and cursor combinations must give the same page
 * (contents and order), the same next cursor, total, facet counts and histogram as filtering
 * and sorting every document by hand, also while random publishes, edits, closes, reopenings
 * and expiries (the clock moving on) are applied between queries; and paging through any
 * sort must visit each matching role exactly once. Small internal batch sizes make the
 * order merges, bucket rebuilds and keyword rewrites happen many times per run, and each
 * query runs under a random tuning so every page strategy is exercised.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Bitmap } from "~/search/bitmap";
import { Dimension } from "~/search/dimension";
import { TermScanner } from "~/search/keyword-scan";
import { documentTerms, fingerprintOf } from "~/search/tokenize";
import type { SearchFilters } from "~/lib/search-params";
import { dimensionValue, SearchIndex, type SearchDocument } from "~/search";
import { applyChange, BOARD, checkQuery, DAY, edited, randomDocument, Rng, SEPARATORS, setDoc, START, text, WORDS, type Model } from "../support/search-board";

describe("the search index against brute force", () => {
  it(`answers like a pass over all ${BOARD.toLocaleString("en-US")} roles, while roles are published, edited, closed and expire`, () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 5, max: 20 }), (seed, rounds) => {
        const rng = new Rng(seed);
        const model: Model = { docs: new Map(), terms: new Map(), now: START };
        const all = Array.from({ length: BOARD }, (_, i) => randomDocument(rng, i + 1, START));
        // Half built at once, the rest added one by one: both paths must agree.
        // Few buckets (each bound then falls inside one) or many (bounds on boundaries).
        const index = SearchIndex.build(all.slice(0, BOARD / 2), START, { deltaLimit: 64, staleLimit: 48, buckets: rng.pick([3, 8, 32, 128]) });
        for (const doc of all) setDoc(model, doc);
        for (const doc of all.slice(BOARD / 2)) index.upsert(doc, START);
        const closed = new Map<number, SearchDocument>();
        const nextId = { value: BOARD + 1 };
        for (let round = 0; round < rounds; round++) {
          for (let changes = rng.int(40); changes > 0; changes--) applyChange(index, model, rng, closed, nextId);
          checkQuery(index, model, rng);
        }
        expect(index.count(model.now)).toBe([...model.docs.values()].filter((d) => d.expiresAt > model.now).length);
      }),
      { numRuns: 6 },
    );
  }, 180_000);

  it("the start-up scanner cuts any text exactly like tokenize (same terms, same order)", () => {
    const text = fc.oneof(
      fc.string({ unit: "binary", maxLength: 60 }),
      fc.string({ unit: "grapheme", maxLength: 60 }),
      fc.array(fc.oneof(fc.constantFrom(...WORDS, ...SEPARATORS, "é", "e\u0301", "ﬁ", "Ⅻ", "①", "İ", "ß", "©", "🤖", "👍🏽", "\u0301", "<\u0338"), fc.string({ maxLength: 4 })), { maxLength: 12 }).map((parts) => parts.join("")),
    );
    fc.assert(
      fc.property(fc.array(fc.record({ title: text, companyName: text, description: text, otherTools: text }), { minLength: 1, maxLength: 20 }), (sources) => {
        const scanner = new TermScanner();
        const termsOf = new Map<number, string[]>();
        sources.forEach((source, i) => {
          const keywords = { ...source, tools: i % 2 ? ["claude-code", "self-hosted"] : [] };
          const expected = documentTerms(keywords);
          const fingerprint = fingerprintOf(expected);
          // Each role's own company, so the scanner's per-company cache is not what is tested.
          expect(scanner.scan(i + 1, i + 1, keywords)).toEqual([fingerprint.a, fingerprint.b]);
          termsOf.set(i + 1, expected);
        });
        const postings = scanner.takePostings();
        const scanned = new Map<number, Set<string>>();
        postings.terms.forEach((term, k) => {
          for (const id of postings.ids.subarray(postings.offsets[k]!, postings.offsets[k + 1]!)) {
            if (!scanned.has(id)) scanned.set(id, new Set());
            scanned.get(id)!.add(postings.newTerms[term]!);
          }
        });
        for (const [id, terms] of termsOf) expect(scanned.get(id) ?? new Set(), JSON.stringify(sources[id - 1])).toEqual(new Set(terms));
      }),
      { numRuns: 300 },
    );
  });

  it("a numeric field's bounds and quantiles match brute force at every value, with repeated values and changes", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(0, 0, 0, 1, 5, 5, 7, 100), fc.integer({ min: 0, max: 200 }), fc.constant(null)), { minLength: 1, maxLength: 600 }),
        fc.constantFrom(1, 2, 3, 8, 64),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 700 }), fc.option(fc.integer({ min: 0, max: 200 }))), { maxLength: 200 }),
        (initial, buckets, changes) => {
          const dimension = new Dimension({ rangeFilter: buckets % 2 === 0, buckets, deltaLimit: 16, smallSet: buckets === 1 ? undefined : 0 });
          const values = new Map<number, number | null>(initial.map((v, i) => [i + 1, v]));
          const byId = new Float64Array(initial.length + 1).fill(Number.NaN);
          for (const [id, v] of values) byId[id] = v ?? Number.NaN;
          dimension.load(Uint32Array.from(values.keys()), byId);
          // Changes: a value set (or the role removed, when null and present), after the buckets were made.
          for (const [id, v] of changes) {
            if (v === null && values.has(id)) {
              dimension.remove(id);
              values.delete(id);
            } else if (v !== null) {
              dimension.set(id, v);
              values.set(id, v);
            }
          }
          const all = new Bitmap([...values.keys()]);
          const numbers = [...values.values()].filter((v): v is number => v !== null).sort((a, b) => a - b);
          for (const bound of [...new Set(numbers)].flatMap((v) => [v - 0.5, v, v + 0.5])) {
            const atLeast = [...values].filter(([, v]) => v !== null && v >= bound).map(([id]) => id).sort((a, b) => a - b);
            const atMost = [...values].filter(([, v]) => v !== null && v <= bound).map(([id]) => id).sort((a, b) => a - b);
            expect(dimension.atLeast(all, bound).toArray(), `>= ${bound}`).toEqual(atLeast);
            expect(dimension.atMost(all, bound).toArray(), `<= ${bound}`).toEqual(atMost);
          }
          for (let k = 0; k <= numbers.length; k++) expect(dimension.kthSmallest(all, k), `k=${k}`).toBe(numbers[k] ?? null);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("never lists a role whose time has passed, without any change being fed", () => {
    const rng = new Rng(7);
    const docs = Array.from({ length: 500 }, (_, i) => randomDocument(rng, i + 1, START));
    const index = SearchIndex.build(docs, START);
    const everything: SearchFilters = { workplace: [], level: [], tool: [] };
    for (const later of [START + DAY, START + 5 * DAY, START + 30 * DAY, START + 61 * DAY]) {
      const listed = docs.filter((d) => d.expiresAt > later).map((d) => d.id);
      expect(index.aggregates(everything, later).total).toBe(listed.length);
      const page = index.page({ filters: everything, sort: "tokens_asc", after: null, limit: 100 }, later);
      for (const id of page.ids) expect(listed).toContain(id);
    }
    // The clock does not move back: a request dated earlier is answered as of the later time.
    expect(index.count(START)).toBe(0);
  });

  it("the quantile and restriction helpers agree with sorting the values", () => {
    const rng = new Rng(11);
    const docs = Array.from({ length: 3000 }, (_, i) => randomDocument(rng, i + 1, START));
    const index = SearchIndex.build(docs, START, { buckets: 16 });
    const filters: SearchFilters = { workplace: ["remote"], level: [], tool: [] };
    const set = index.resultFor(filters, START);
    const listed = docs.filter((d) => d.expiresAt > START && d.workplace === "remote");
    for (const dimension of ["tokens", "salary", "share", "published", "total"] as const) {
      const values = listed.map((d) => dimensionValue(d, dimension)).filter((v): v is number => v !== null).sort((a, b) => a - b);
      expect(index.countWithValue(dimension, set)).toBe(values.length);
      for (const k of [0, 1, Math.floor(values.length / 4), Math.floor(values.length / 2), values.length - 1]) {
        expect(index.kthSmallest(dimension, set, k), `${dimension} k=${k}`).toBe(values[k]);
      }
      expect(index.kthSmallest(dimension, set, values.length)).toBeNull();
      const min = values[Math.floor(values.length / 3)]!;
      const max = values[Math.floor((2 * values.length) / 3)]!;
      expect(index.restrict(dimension, set, { min, max }).size).toBe(values.filter((v) => v >= min && v <= max).length);
      const { counts } = index.bucketCardinalities(dimension, set);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(values.length);
    }
    expect(index.facetCardinalities(set).workplace.remote).toBe(listed.length);
  });
});
