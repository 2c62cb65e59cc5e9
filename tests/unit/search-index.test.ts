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
import { BUDGET_BUCKETS, SORTS, type SearchFilters, type Sort } from "~/lib/search-params";
import { LEVELS, TOOLS, WORKPLACES, type Level, type Tool, type Workplace } from "~/lib/vocabulary";
import { Bitmap } from "~/search/bitmap";
import { Dimension } from "~/search/dimension";
import { TermScanner } from "~/search/keyword-scan";
import { documentTerms, fingerprintOf } from "~/search/tokenize";
import {
  dimensionValue,
  queryWords,
  SearchIndex,
  SORT_ORDERS,
  tokenize,
  type SearchDocument,
  type SearchTuning,
  type SortKey,
} from "~/search";
import { COMPANIES, DAY, edited, FIGURES, randomDocument, Rng, SEPARATORS, START, WORDS } from "../support/search-board";

const BOARD = 10_000;
const QUERY_WORDS = ["e", "en", "eng", "engineer", "engineers", "ru", "RUST", "kube", "🤖", "caf", "café", "straß", "full", "ｆｕ", "zz", "a", "ai", "dat", "日本", "ü", "2", "x1"];

// ---------------------------------------------------------------------------------------
// The brute-force reading

interface Model {
  docs: Map<number, SearchDocument>;
  terms: Map<number, string[]>;
  now: number;
}

function setDoc(model: Model, doc: SearchDocument): void {
  model.docs.set(doc.id, doc);
  const k = doc.keywords;
  model.terms.set(doc.id, [k.title, k.companyName, k.description, ...k.tools, k.otherTools].flatMap(tokenize));
}

function matches(model: Model, doc: SearchDocument, f: SearchFilters, ignore: { workplace?: boolean; level?: boolean } = {}): boolean {
  if (!(doc.expiresAt > model.now)) return false;
  const inRange = (value: number | null, min?: number, max?: number) =>
    (min === undefined || (value !== null && value >= min)) && (max === undefined || (value !== null && value <= max));
  if (!inRange(doc.tokenUsdPerYear, f.minTokenBudget, f.maxTokenBudget)) return false;
  if (!inRange(doc.salaryMaxUsd, f.minSalary)) return false;
  if (!ignore.workplace && f.workplace.length && !f.workplace.includes(doc.workplace)) return false;
  if (!ignore.level && f.level.length && !f.level.includes(doc.level)) return false;
  if (!f.tool.every((t) => doc.tools.includes(t))) return false;
  if (f.company !== undefined && doc.companySlug !== f.company) return false;
  const terms = model.terms.get(doc.id)!;
  return queryWords(f.q).every((word) => terms.some((term) => term.startsWith(word)));
}

function expectedOrder(model: Model, f: SearchFilters, sort: Sort): SearchDocument[] {
  const { dimension, descending } = SORT_ORDERS[sort];
  const key = (doc: SearchDocument) => dimensionValue(doc, dimension);
  return [...model.docs.values()]
    .filter((doc) => matches(model, doc, f))
    .sort((a, b) => {
      const va = key(a);
      const vb = key(b);
      if ((va === null) !== (vb === null)) return va === null ? 1 : -1;
      const order = va === null || vb === null || va === vb ? a.id - b.id : va - vb;
      return descending ? -order : order;
    });
}

function expectedAggregates(model: Model, f: SearchFilters) {
  // Everything but workplace and level, once per role; each facet then ignores its own choice.
  const base = [...model.docs.values()].filter((d) => matches(model, d, f, { workplace: true, level: true }));
  const workplaceOk = (d: SearchDocument) => !f.workplace.length || f.workplace.includes(d.workplace);
  const levelOk = (d: SearchDocument) => !f.level.length || f.level.includes(d.level);
  const results = base.filter((d) => workplaceOk(d) && levelOk(d));
  return {
    total: results.length,
    workplace: Object.fromEntries(WORKPLACES.map((w) => [w, base.filter((d) => levelOk(d) && d.workplace === w).length])),
    level: Object.fromEntries(LEVELS.map((l) => [l, base.filter((d) => workplaceOk(d) && d.level === l).length])),
    tool: Object.fromEntries(TOOLS.map((t) => [t, results.filter((d) => d.tools.includes(t)).length])),
    budgetHistogram: BUDGET_BUCKETS.map((b) => results.filter((d) => d.tokenUsdPerYear !== null && d.tokenUsdPerYear >= b.from && d.tokenUsdPerYear < b.to).length),
  };
}

// ---------------------------------------------------------------------------------------
// Random queries and changes

const TUNINGS: SearchTuning[] = [
  { smallResult: 2048, walkBudget: 4096 },
  { smallResult: 0, walkBudget: 1_000_000 },
  { smallResult: 0, walkBudget: 0 },
  { smallResult: 0, walkBudget: 40 },
  { smallResult: 1_000_000, walkBudget: 0 },
];

function subset<T>(rng: Rng, list: readonly T[], p: number): T[] {
  return list.filter(() => rng.chance(p));
}

function randomFilters(rng: Rng, model: Model): SearchFilters {
  const f: SearchFilters = { workplace: [], level: [], tool: [] };
  // Bounds that often equal some role's value exactly, a bucket boundary or neither.
  const docs = [...model.docs.values()];
  const bound = (field: "tokenUsdPerYear" | "salaryMaxUsd") =>
    rng.chance(0.4) ? rng.pick(FIGURES) : rng.chance(0.5) ? (rng.pick(docs)[field] ?? 0) : rng.int(400_000);
  if (rng.chance(0.35)) f.q = Array.from({ length: 1 + rng.int(rng.chance(0.1) ? 10 : 2) }, () => rng.pick(QUERY_WORDS)).join(rng.pick([" ", "-", " AND ", '" *']));
  if (rng.chance(0.3)) f.minTokenBudget = bound("tokenUsdPerYear");
  if (rng.chance(0.2)) f.maxTokenBudget = Math.max(f.minTokenBudget ?? 0, bound("tokenUsdPerYear"));
  if (rng.chance(0.3)) f.minSalary = bound("salaryMaxUsd");
  if (rng.chance(0.3)) f.workplace = subset(rng, WORKPLACES, 0.5) as Workplace[];
  if (rng.chance(0.3)) f.level = subset(rng, LEVELS, 0.3) as Level[];
  if (rng.chance(0.3)) f.tool = subset(rng, TOOLS, 0.2) as Tool[];
  if (rng.chance(0.15)) f.company = rng.chance(0.9) ? rng.pick(COMPANIES).slug : "no-such-company";
  return f;
}

function keyOf(doc: SearchDocument, sort: Sort): SortKey {
  return [dimensionValue(doc, SORT_ORDERS[sort].dimension), doc.id];
}

function checkQuery(index: SearchIndex, model: Model, rng: Rng): void {
  const filters = randomFilters(rng, model);
  const sort = rng.pick(SORTS);
  const tuning = rng.pick(TUNINGS);
  const expected = expectedOrder(model, filters, sort);
  const label = JSON.stringify({ filters, sort, tuning, now: model.now });

  expect(index.aggregates(filters, model.now), label).toEqual(expectedAggregates(model, filters));

  // A page from a random place in the order (or the first page).
  const start = expected.length && rng.chance(0.7) ? rng.int(expected.length) : -1;
  const after = start >= 0 ? keyOf(expected[start]!, sort) : null;
  const limit = rng.pick([1, 2, 7, 20, 100]);
  const page = index.page({ filters, sort, after, limit }, model.now, tuning);
  const want = expected.slice(start + 1, start + 1 + limit);
  expect(page.ids, `${label} after ${JSON.stringify(after)} limit ${limit} (${page.strategy})`).toEqual(want.map((d) => d.id));
  const more = expected.length > start + 1 + limit;
  expect(page.nextKey, label).toEqual(more ? keyOf(want[want.length - 1]!, sort) : null);

  // Every page, by cursor: each matching role exactly once, in order.
  if (rng.chance(0.3)) {
    const seen: number[] = [];
    let cursor: SortKey | null = null;
    const pageSize = rng.pick([13, 50, 100]);
    for (let pages = 0; pages <= expected.length / pageSize + 1; pages++) {
      const next = index.page({ filters, sort, after: cursor, limit: pageSize }, model.now, rng.pick(TUNINGS));
      seen.push(...next.ids);
      cursor = next.nextKey;
      if (!cursor) break;
    }
    expect(cursor, label).toBeNull();
    expect(seen, label).toEqual(expected.map((d) => d.id));
  }
}

function applyChange(index: SearchIndex, model: Model, rng: Rng, closed: Map<number, SearchDocument>, nextId: { value: number }): void {
  const ids = [...model.docs.keys()];
  switch (rng.int(6)) {
    case 0: {
      const doc = randomDocument(rng, nextId.value++, model.now);
      setDoc(model, doc);
      index.upsert(doc, model.now);
      break;
    }
    case 1:
    case 2: {
      const doc = edited(rng, model.docs.get(rng.pick(ids))!, model.now);
      setDoc(model, doc);
      index.upsert(doc, model.now);
      break;
    }
    case 3: {
      const id = rng.pick(ids);
      closed.set(id, model.docs.get(id)!);
      model.docs.delete(id);
      model.terms.delete(id);
      index.remove(id);
      break;
    }
    case 4: {
      // Reopened, perhaps with other words (the keyword index's stale path).
      const [id, doc] = [...closed.entries()][rng.int(closed.size)] ?? [];
      if (id === undefined || !doc) break;
      closed.delete(id);
      const reopened = rng.chance(0.5) ? edited(rng, doc, model.now) : { ...doc, expiresAt: model.now + 30 * DAY };
      setDoc(model, reopened);
      index.upsert(reopened, model.now);
      break;
    }
    default:
      // Time passes: roles expire without any write.
      model.now += rng.int(3 * DAY);
  }
}

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
