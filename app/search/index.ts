/**
 * The search index: every listed role's search fields held in memory, answering any filter
 * set, sort and page with a cost bounded by the page and a few bitmap operations, never by
 * a pass over the board. Pure TypeScript over roaring bitmaps: no SQL, no database; whoever
 * owns the data feeds it documents (app/models/search-feed.server.ts reads them from the
 * change log). docs/decisions/002-search-index.md gives the design and its measurements.
 *
 * - A role is *listed* while it is published and `expiresAt > now`. Roles expire by time: an
 *   expiry heap drops them before every answer, so no expired role is ever listed, without
 *   any write. The index's clock only moves forward (a request dated earlier than one already
 *   answered is answered as of the later time).
 * - Filters are bitmaps ANDed together (listed roles, each tool, each keyword word, and for
 *   each choice facet the OR of its chosen values: workplaces, levels, disciplines, employment
 *   types, countries, the company) and numeric bounds (Dimension.atLeast/atMost, "posted
 *   within" among them); counts, facet counts and the histogram are cardinalities of
 *   intersections, so they are exact.
 * - Pages come from the sort's presorted order: see `page` for the three strategies.
 */
import type { PostedWithin, SearchFilters, Sort } from "~/lib/search-params";
import { BUDGET_BUCKETS, POSTED_WITHIN_DAYS } from "~/lib/search-params";
import {
  DISCIPLINES,
  EMPLOYMENT_TYPES,
  LEVELS,
  TOOLS,
  WORKPLACES,
  type Discipline,
  type EmploymentType,
  type Level,
  type Tool,
  type Workplace,
} from "~/lib/vocabulary";
import { Bitmap, intersectAll, type ReadonlyBitmap } from "./bitmap";
import { Dimension, type SortKey } from "./dimension";
import { ExpiryHeap } from "./expiry-heap";
import { withCapacity } from "./growable";
import { BlockBuilder, type DocumentBlock } from "./build";
import { KeywordIndex, PostingsAssembler } from "./keywords";
import { num, SnapshotError, SnapshotReader, writeSnapshot, type SnapshotIn, type SnapshotOut, type WriteResult } from "./snapshot";
import { queryWords } from "./tokenize";
import {
  countryKey,
  DIMENSIONS,
  dimensionValue,
  DISCIPLINE_CODE,
  EMPLOYMENT_CODE,
  LEVEL_CODE,
  SORT_ORDERS,
  toolMask,
  WORKPLACE_CODE,
  type DimensionName,
  type SearchDocument,
} from "./document";

export type { SortKey } from "./dimension";
export { queryWords, tokenize, MAX_QUERY_WORDS, type KeywordSource } from "./tokenize";
export type { ReadonlyBitmap } from "./bitmap";
export { BlockBuilder, transferables, type DocumentBlock } from "./build";
export { DIMENSIONS, dimensionValue, SORT_ORDERS, type DimensionName, type SearchDocument } from "./document";
export { FORMAT_VERSION as SNAPSHOT_FORMAT_VERSION, SnapshotError, SnapshotReader, type WriteResult as SnapshotWriteResult } from "./snapshot";

export interface SearchTuning {
  /** Results up to this size are materialized and the page selected from them. */
  smallResult: number;
  /** Most entries of the sort order a page may walk before switching to bucket selection. */
  walkBudget: number;
}

export const DEFAULT_TUNING: SearchTuning = { smallResult: 2048, walkBudget: 4096 };

export type PageStrategy = "empty" | "materialize" | "walk" | "buckets" | "walk+buckets";

export interface PageQuery {
  filters: SearchFilters;
  sort: Sort;
  /** The last role of the previous page (its sort value and id), or null for the first page. */
  after: SortKey | null;
  limit: number;
}

export interface PageBeforeQuery {
  filters: SearchFilters;
  sort: Sort;
  /** The first role of the page the visitor is on: the answer is the page that ends just before it. */
  before: SortKey;
  limit: number;
}

export interface PageBeforeResult {
  /** Role ids of the page, in page order. */
  ids: number[];
  /** The key of the page's first role when more roles come before it, else null (it is the first page). */
  previousKey: SortKey | null;
  steps: number;
}

export interface PageResult {
  /** Role ids of the page, in order. */
  ids: number[];
  /** The key of the page's last role when another page follows, else null. */
  nextKey: SortKey | null;
  /** How the page was found, and how many order entries or candidates it looked at. */
  strategy: PageStrategy;
  steps: number;
}

export interface SearchAggregates {
  total: number;
  /** Roles per workplace with every other filter applied (a facet ignores its own selection). */
  workplace: Record<Workplace, number>;
  level: Record<Level, number>;
  discipline: Record<Discipline, number>;
  employmentType: Record<EmploymentType, number>;
  /** Countries named by the roles (each ignoring the country choice), most roles first; chosen ones always listed. */
  country: { code: string; count: number }[];
  /** Roles published within each choice of days (ignoring the postedWithin choice). */
  postedWithin: Record<PostedWithin, number>;
  /**
   * The companies with the most roles among the results (ignoring the company choice), most
   * first, at most TOP_COMPANIES; the chosen company is always listed (0 when it has none). Each count is exact.
   */
  company: { slug: string; count: number }[];
  /** Roles in the results that provide each tool. */
  tool: Record<Tool, number>;
  /** Results per BUDGET_BUCKETS entry. */
  budgetHistogram: number[];
}

export interface IndexStats {
  listed: number;
  terms: number;
  staleKeywordRoles: number;
  /** Bytes held by roaring (all bitmaps of the process) and by the index's typed arrays. */
  bitmapBytes: number;
  arrayBytes: number;
}

/** Sizes of the index's internal batches; the defaults suit a large board, tests make them small. */
export interface IndexOptions {
  /** Quantile buckets per numeric field. */
  buckets?: number;
  /** Changed roles kept in a sort order's delta before it is merged. */
  deltaLimit?: number;
  /** Roles with changed words (or gone) before the keyword postings are rewritten. */
  staleLimit?: number;
}

const HISTOGRAM_FROM = BUDGET_BUCKETS.map((bucket) => bucket.from);

/** The BUDGET_BUCKETS entry a token budget falls in (buckets are contiguous), -1 for none. */
function histogramBucket(value: number | null): number {
  if (value === null || !(value >= HISTOGRAM_FROM[0]!)) return -1;
  let bucket = HISTOGRAM_FROM.length - 1;
  while (value < HISTOGRAM_FROM[bucket]!) bucket--;
  return bucket;
}

/** Collects blocks of a start-up build (see SearchIndex.assembler). */
export interface IndexAssembler {
  add(block: DocumentBlock, source?: number): void;
  finish(): SearchIndex;
}

const RESULT_CACHE_SIZE = 32;
const DAY_MS = 86_400_000;
/** Companies listed with counts in the filter panel. */
export const TOP_COMPANIES = 30;
/**
 * The company counts' cost bound: a result of at most this many roles is read out and its
 * companies counted exactly; a larger one is intersected with the COMPANY_CANDIDATES largest
 * companies of the board only (their counts exact; a company outside them is not listed).
 */
const COMPANY_SCAN = 4096;
const COMPANY_CANDIDATES = 256;
/** The board's companies are ranked by size again after this many changes. */
const COMPANY_RERANK = 1024;

/** The facets a visitor picks values of; each one's counts ignore its own choice. */
const CHOICE_FACETS = ["workplace", "level", "discipline", "employmentType", "country", "company", "postedWithin"] as const;
type ChoiceFacet = (typeof CHOICE_FACETS)[number];

/** Adds each id to the bitmap of its code (ids ascending; a negative code adds it nowhere). */
function addGrouped(sets: Bitmap[], ids: Uint32Array, codeOf: (i: number) => number): void {
  const lists = sets.map(() => new Uint32Array(ids.length));
  const counts = new Int32Array(sets.length);
  for (let i = 0; i < ids.length; i++) {
    const code = codeOf(i);
    if (code >= 0) lists[code]![counts[code]!++] = ids[i]!;
  }
  sets.forEach((set, code) => {
    if (counts[code]! > 0) set.addMany(lists[code]!.subarray(0, counts[code]!));
  });
}

/** Adds each id to the bitmap of every bit set in its mask (ids ascending). */
function addByBits(sets: Bitmap[], ids: Uint32Array, masks: Uint16Array): void {
  const lists = sets.map(() => new Uint32Array(ids.length));
  const counts = new Int32Array(sets.length);
  for (let i = 0; i < ids.length; i++) {
    for (let mask = masks[i]!, bit = 0; mask !== 0; mask >>>= 1, bit++) if (mask & 1) lists[bit]![counts[bit]!++] = ids[i]!;
  }
  sets.forEach((set, code) => {
    if (counts[code]! > 0) set.addMany(lists[code]!.subarray(0, counts[code]!));
  });
}
/** Page order: by value in the sort's direction, missing values last, ties by id the same way. */
function comparePage(v1: number, id1: number, v2: number, id2: number, descending: boolean): number {
  const null1 = Number.isNaN(v1);
  const null2 = Number.isNaN(v2);
  if (null1 !== null2) return null1 ? 1 : -1;
  const byValue = null1 || v1 === v2 ? 0 : v1 < v2 ? -1 : 1;
  const order = byValue !== 0 ? byValue : id1 - id2;
  return descending ? -order : order;
}

/** The `limit` first entries in page order among those offered. */
class TopK {
  readonly ids: number[] = [];
  readonly values: number[] = [];
  constructor(
    private readonly k: number,
    private readonly compare: (v1: number, id1: number, v2: number, id2: number) => number,
  ) {}

  get full(): boolean {
    return this.ids.length >= this.k;
  }

  offer(id: number, value: number): void {
    const n = this.ids.length;
    if (n === this.k && this.compare(value, id, this.values[n - 1]!, this.ids[n - 1]!) >= 0) return;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(this.values[mid]!, this.ids[mid]!, value, id) < 0) lo = mid + 1;
      else hi = mid;
    }
    this.ids.splice(lo, 0, id);
    this.values.splice(lo, 0, value);
    if (this.ids.length > this.k) {
      this.ids.pop();
      this.values.pop();
    }
  }
}

export class SearchIndex {
  private now = Number.NEGATIVE_INFINITY;
  private listedCount = 0;
  private readonly listed = new Bitmap();
  private isListed: Uint8Array = new Uint8Array(0);
  private workplaceOf: Uint8Array = new Uint8Array(0);
  private levelOf: Uint8Array = new Uint8Array(0);
  private disciplineOf: Uint8Array = new Uint8Array(0);
  private employmentOf: Uint8Array = new Uint8Array(0);
  /** Each role's countries, as an index into countryKeys. */
  private countryKeyOf: Int32Array = new Int32Array(0);
  private toolsOf: Uint16Array = new Uint16Array(0);
  private companyOf: Int32Array = new Int32Array(0);
  private expiresAt: Float64Array = new Float64Array(0);
  private readonly workplaceSets = WORKPLACES.map(() => new Bitmap());
  private readonly levelSets = LEVELS.map(() => new Bitmap());
  private readonly disciplineSets = DISCIPLINES.map(() => new Bitmap());
  private readonly employmentSets = EMPLOYMENT_TYPES.map(() => new Bitmap());
  private readonly toolSets = TOOLS.map(() => new Bitmap());
  /** Country code → its roles. */
  private readonly countrySets = new Map<string, Bitmap>();
  /** The distinct country lists of the roles ("DE,US"), interned; entry 0 is "" (none). */
  private countryKeys: string[] = [""];
  private countryCodesOfKey: string[][] = [[]];
  private readonly countryKeyIds = new Map<string, number>([["", 0]]);
  private companyRanking: { ids: number[]; at: number } | null = null;
  private readonly histogramSets = BUDGET_BUCKETS.map(() => new Bitmap());
  private readonly companySets = new Map<number, Bitmap>();
  private readonly companyBySlug = new Map<string, number>();
  private readonly slugOfCompany = new Map<number, string>();
  private readonly dimensions: Record<DimensionName, Dimension>;
  private keywords: KeywordIndex;
  private readonly expiry = new ExpiryHeap();
  private changes = 0;
  private resultCache = new Map<string, Bitmap>();
  private cachedAt = -1;

  constructor(private readonly options: IndexOptions = {}) {
    const dimension = (rangeFilter: boolean) => new Dimension({ rangeFilter, buckets: options.buckets, deltaLimit: options.deltaLimit });
    this.dimensions = {
      published: dimension(true),
      tokens: dimension(true),
      salary: dimension(true),
      total: dimension(false),
      share: dimension(false),
    };
    this.keywords = new KeywordIndex(options.staleLimit);
  }

  /**
   * Builds the index from every published role at once (ascending id order), much faster
   * than adding them one by one. Roles whose time has passed at `now` are left out.
   */
  static build(documents: Iterable<SearchDocument>, now: number, options: IndexOptions = {}): SearchIndex {
    const builder = new BlockBuilder(now);
    const assembler = SearchIndex.assembler(now, options);
    for (const doc of documents) {
      const block = builder.add(doc);
      if (block) assembler.add(block);
    }
    const last = builder.finish();
    if (last) assembler.add(last);
    return assembler.finish();
  }

  /**
   * Puts an index together from blocks (BlockBuilder), in any order, from one or more
   * builders (`source` numbers them: their keyword term ids are their own).
   */
  static assembler(now: number, options: IndexOptions = {}): IndexAssembler {
    const index = new SearchIndex(options);
    index.now = now;
    const postings = new PostingsAssembler();
    let values = DIMENSIONS.map(() => new Float64Array(0));
    let fingerprintA: Uint32Array = new Uint32Array(0);
    let fingerprintB: Uint32Array = new Uint32Array(0);
    let indexed: Uint8Array = new Uint8Array(0);
    const blockIds: Uint32Array[] = [];
    return {
      add(block: DocumentBlock, source = 0) {
        const n = block.ids.length;
        if (n === 0) return;
        const top = block.ids[n - 1]!;
        index.growTo(top);
        values = values.map((array) => withCapacity(array, top));
        fingerprintA = withCapacity(fingerprintA, top);
        fingerprintB = withCapacity(fingerprintB, top);
        indexed = withCapacity(indexed, top);
        const { ids, workplace, level, tools, company, expiresAt } = block;
        const blockFingerprintA = block.fingerprintA;
        const blockFingerprintB = block.fingerprintB;
        const { isListed, workplaceOf, levelOf, disciplineOf, employmentOf, countryKeyOf, toolsOf, companyOf } = index;
        const { discipline, employment } = block;
        const countryKeys = block.countryKeys.map((key) => index.countryKeyId(key));
        const countries = block.countries;
        const expiresAtOf = index.expiresAt;
        const allFingerprintA = fingerprintA;
        const allFingerprintB = fingerprintB;
        const allIndexed = indexed;
        for (let i = 0; i < n; i++) {
          const id = ids[i]!;
          isListed[id] = 1;
          workplaceOf[id] = workplace[i]!;
          levelOf[id] = level[i]!;
          disciplineOf[id] = discipline[i]!;
          employmentOf[id] = employment[i]!;
          countryKeyOf[id] = countryKeys[countries[i]!]!;
          toolsOf[id] = tools[i]!;
          companyOf[id] = company[i]!;
          expiresAtOf[id] = expiresAt[i]!;
          allFingerprintA[id] = blockFingerprintA[i]!;
          allFingerprintB[id] = blockFingerprintB[i]!;
          allIndexed[id] = 1;
        }
        for (let d = 0; d < DIMENSIONS.length; d++) {
          const column = values[d]!;
          const from = d * n;
          for (let i = 0; i < n; i++) column[ids[i]!] = block.values[from + i]!;
        }
        for (const [companyId, slug] of block.companySlugs) index.noteCompany(companyId, slug);
        postings.add(source, block.postings);
        // Facets block by block (ids ascend within a block), while the other blocks are read.
        index.listed.addMany(ids);
        addGrouped(index.workplaceSets, ids, (i) => workplace[i]!);
        addGrouped(index.levelSets, ids, (i) => level[i]!);
        addGrouped(index.disciplineSets, ids, (i) => discipline[i]!);
        addGrouped(index.employmentSets, ids, (i) => employment[i]!);
        const byCountry = new Map<string, number[]>();
        for (let i = 0; i < n; i++) {
          for (const code of index.countryCodesOfKey[countryKeys[countries[i]!]!]!) {
            let list = byCountry.get(code);
            if (!list) byCountry.set(code, (list = []));
            list.push(ids[i]!);
          }
        }
        for (const [code, list] of byCountry) index.countrySet(code).addMany(list);
        const tokens = DIMENSIONS.indexOf("tokens") * n;
        addGrouped(index.histogramSets, ids, (i) => histogramBucket(block.values[tokens + i]!));
        addByBits(index.toolSets, ids, tools);
        const byCompany = new Map<number, number[]>();
        for (let i = 0; i < n; i++) {
          let list = byCompany.get(company[i]!);
          if (!list) byCompany.set(company[i]!, (list = []));
          list.push(ids[i]!);
        }
        for (const [companyId, list] of byCompany) index.companySet(companyId).addMany(list);
        blockIds.push(ids);
      },
      finish() {
        // Blocks cover disjoint id ranges: in order of their first id, they list every role once, ascending.
        blockIds.sort((a, b) => a[0]! - b[0]!);
        const ids = new Uint32Array(blockIds.reduce((sum, list) => sum + list.length, 0));
        let at = 0;
        for (const list of blockIds) {
          ids.set(list, at);
          at += list.length;
        }
        index.listedCount = ids.length;
        DIMENSIONS.forEach((d, k) => index.dimensions[d].load(ids, values[k]!));
        index.keywords = KeywordIndex.fromBuilt(postings.finish(indexed, fingerprintA, fingerprintB), options.staleLimit);
        const times = new Float64Array(ids.length);
        for (let i = 0; i < ids.length; i++) times[i] = index.expiresAt[ids[i]!]!;
        index.expiry.reset(times, ids);
        for (const bitmap of [index.listed, ...index.workplaceSets, ...index.levelSets, ...index.disciplineSets, ...index.employmentSets, ...index.toolSets, ...index.histogramSets]) bitmap.runOptimize();
        return index;
      },
    };
  }

  private growTo(id: number): void {
    if (id < this.isListed.length) return;
    this.isListed = withCapacity(this.isListed, id);
    this.workplaceOf = withCapacity(this.workplaceOf, id);
    this.levelOf = withCapacity(this.levelOf, id);
    this.disciplineOf = withCapacity(this.disciplineOf, id);
    this.employmentOf = withCapacity(this.employmentOf, id);
    this.countryKeyOf = withCapacity(this.countryKeyOf, id);
    this.toolsOf = withCapacity(this.toolsOf, id);
    this.companyOf = withCapacity(this.companyOf, id);
    this.expiresAt = withCapacity(this.expiresAt, id);
  }

  private noteCompany(companyId: number, slug: string): void {
    const previous = this.slugOfCompany.get(companyId);
    if (previous === slug) return;
    if (previous !== undefined && this.companyBySlug.get(previous) === companyId) this.companyBySlug.delete(previous);
    this.slugOfCompany.set(companyId, slug);
    this.companyBySlug.set(slug, companyId);
  }

  /** The interned id of a country list ("DE,US"), added when new. */
  private countryKeyId(key: string): number {
    let id = this.countryKeyIds.get(key);
    if (id === undefined) {
      id = this.countryKeys.length;
      this.countryKeys.push(key);
      this.countryCodesOfKey.push(key === "" ? [] : key.split(","));
      this.countryKeyIds.set(key, id);
    }
    return id;
  }

  private countrySet(code: string): Bitmap {
    let set = this.countrySets.get(code);
    if (!set) this.countrySets.set(code, (set = new Bitmap()));
    return set;
  }

  private companySet(companyId: number): Bitmap {
    let set = this.companySets.get(companyId);
    if (!set) this.companySets.set(companyId, (set = new Bitmap()));
    return set;
  }

  // -------------------------------------------------------------------------------------
  // Snapshots (app/search/snapshot.ts)

  /**
   * Saves the index to `file` with `header` (the owner's identity of the data and position in
   * its change log). Resolves with null, writing nothing, when the index changed before the
   * file was complete (the caller tries again later): a snapshot is always one state.
   */
  saveSnapshot(file: string, header: Record<string, unknown>): Promise<WriteResult | null> {
    const version = this.version;
    return writeSnapshot(file, header, (out) => this.saveTo(out), () => this.version === version);
  }

  /**
   * An index from a snapshot whose header the caller has judged (SnapshotReader.open); throws
   * SnapshotError when the file is truncated, corrupt or inconsistent.
   */
  static loadSnapshot(reader: SnapshotReader, options: IndexOptions = {}): SearchIndex {
    return reader.restore((state, input) => SearchIndex.restoreFrom(state, input, options));
  }

  private saveTo(out: SnapshotOut): unknown {
    const heap = this.expiry.entries();
    return {
      now: this.now,
      listedCount: this.listedCount,
      changes: this.changes,
      listed: out.bitmap(this.listed),
      isListed: out.array(this.isListed),
      workplaceOf: out.array(this.workplaceOf),
      levelOf: out.array(this.levelOf),
      disciplineOf: out.array(this.disciplineOf),
      employmentOf: out.array(this.employmentOf),
      countryKeyOf: out.array(this.countryKeyOf),
      countryKeys: this.countryKeys,
      toolsOf: out.array(this.toolsOf),
      companyOf: out.array(this.companyOf),
      expiresAt: out.array(this.expiresAt),
      workplaceSets: out.bitmaps(this.workplaceSets),
      levelSets: out.bitmaps(this.levelSets),
      disciplineSets: out.bitmaps(this.disciplineSets),
      employmentSets: out.bitmaps(this.employmentSets),
      countrySets: [...this.countrySets].map(([code, set]) => [code, out.bitmap(set)]),
      toolSets: out.bitmaps(this.toolSets),
      histogramSets: out.bitmaps(this.histogramSets),
      companySets: [...this.companySets].map(([companyId, set]) => [companyId, out.bitmap(set)]),
      slugs: [...this.slugOfCompany],
      bySlug: [...this.companyBySlug],
      dimensions: Object.fromEntries(DIMENSIONS.map((d) => [d, this.dimensions[d].saveTo(out)])),
      keywords: this.keywords.saveTo(out),
      expiryTimes: out.array(heap.times),
      expiryIds: out.array(heap.ids),
    };
  }

  private static restoreFrom(saved: unknown, input: SnapshotIn, options: IndexOptions): SearchIndex {
    const s = saved as Record<string, unknown>;
    const index = new SearchIndex(options);
    index.now = num(s.now, "clock");
    index.listedCount = num(s.listedCount, "listed count");
    index.changes = num(s.changes, "changes");
    const listed = input.bitmap(s.listed);
    index.listed.orInPlace(listed);
    listed.dispose();
    index.isListed = input.array(s.isListed, "u8");
    index.workplaceOf = input.array(s.workplaceOf, "u8");
    index.levelOf = input.array(s.levelOf, "u8");
    index.disciplineOf = input.array(s.disciplineOf, "u8");
    index.employmentOf = input.array(s.employmentOf, "u8");
    index.countryKeyOf = input.array(s.countryKeyOf, "i32");
    const countryKeys = s.countryKeys;
    if (!Array.isArray(countryKeys) || countryKeys[0] !== "" || !countryKeys.every((key) => typeof key === "string")) throw new SnapshotError("country lists are missing");
    for (const key of countryKeys as string[]) index.countryKeyId(key);
    index.toolsOf = input.array(s.toolsOf, "u16");
    index.companyOf = input.array(s.companyOf, "i32");
    index.expiresAt = input.array(s.expiresAt, "f64");
    const byId = [index.workplaceOf, index.levelOf, index.disciplineOf, index.employmentOf, index.countryKeyOf, index.toolsOf, index.companyOf, index.expiresAt];
    if (byId.some((array) => array.length !== index.isListed.length)) throw new SnapshotError("per-role arrays disagree in size");
    if (index.listed.size !== index.listedCount) throw new SnapshotError("listed roles and their count disagree");
    const fill = (target: Bitmap[], from: unknown, what: string) => {
      const sets = input.bitmaps(from);
      if (sets.length !== target.length) throw new SnapshotError(`${what}: ${sets.length} sets for ${target.length} values`);
      sets.forEach((set, i) => {
        target[i]!.orInPlace(set);
        set.dispose();
      });
    };
    fill(index.workplaceSets, s.workplaceSets, "workplaces");
    fill(index.levelSets, s.levelSets, "levels");
    fill(index.disciplineSets, s.disciplineSets, "disciplines");
    fill(index.employmentSets, s.employmentSets, "employment types");
    for (const [code, section] of s.countrySets as [string, number][]) index.countrySets.set(code, input.bitmap(section));
    fill(index.toolSets, s.toolSets, "tools");
    fill(index.histogramSets, s.histogramSets, "budget buckets");
    for (const [companyId, section] of s.companySets as [number, number][]) index.companySets.set(companyId, input.bitmap(section));
    for (const [companyId, slug] of s.slugs as [number, string][]) index.slugOfCompany.set(companyId, slug);
    for (const [slug, companyId] of s.bySlug as [string, number][]) index.companyBySlug.set(slug, companyId);
    const dimensions = s.dimensions as Record<string, unknown>;
    for (const d of DIMENSIONS) index.dimensions[d].restoreFrom(dimensions[d], input);
    index.keywords = KeywordIndex.restoreFrom(s.keywords, input, options.staleLimit);
    const times = input.array(s.expiryTimes, "f64");
    const ids = input.array(s.expiryIds, "u32");
    if (times.length !== ids.length) throw new SnapshotError("expiry times and roles disagree");
    index.expiry.restore(times, ids);
    return index;
  }

  /** A counter that moves with every change to what the index would answer. */
  get version(): number {
    return this.changes + this.keywords.version;
  }

  // -------------------------------------------------------------------------------------
  // Changes

  /** Adds or updates a published role (a role whose time has passed is removed instead). */
  upsert(doc: SearchDocument, now: number): void {
    this.advance(now);
    if (!(doc.expiresAt > this.now)) {
      this.remove(doc.id);
      return;
    }
    const id = doc.id;
    this.growTo(id);
    this.changes++;
    const wasListed = this.isListed[id] === 1;
    const workplace = WORKPLACE_CODE.get(doc.workplace)!;
    const level = LEVEL_CODE.get(doc.level)!;
    const discipline = DISCIPLINE_CODE.get(doc.discipline)!;
    const employment = EMPLOYMENT_CODE.get(doc.employmentType)!;
    const countries = this.countryKeyId(countryKey(doc.countries));
    const tools = toolMask(doc.tools);
    if (!wasListed) {
      this.isListed[id] = 1;
      this.listed.add(id);
      this.listedCount++;
      this.workplaceSets[workplace]!.add(id);
      this.levelSets[level]!.add(id);
      this.disciplineSets[discipline]!.add(id);
      this.employmentSets[employment]!.add(id);
      for (const code of this.countryCodesOfKey[countries]!) this.countrySet(code).add(id);
      for (let t = 0; t < TOOLS.length; t++) if (tools & (1 << t)) this.toolSets[t]!.add(id);
      this.companySet(doc.companyId).add(id);
      const bucket = histogramBucket(doc.tokenUsdPerYear);
      if (bucket >= 0) this.histogramSets[bucket]!.add(id);
      for (const d of DIMENSIONS) this.dimensions[d].add(id, dimensionValue(doc, d));
      this.expiry.push(doc.expiresAt, id);
    } else {
      if (this.workplaceOf[id] !== workplace) {
        this.workplaceSets[this.workplaceOf[id]!]!.remove(id);
        this.workplaceSets[workplace]!.add(id);
      }
      if (this.levelOf[id] !== level) {
        this.levelSets[this.levelOf[id]!]!.remove(id);
        this.levelSets[level]!.add(id);
      }
      if (this.disciplineOf[id] !== discipline) {
        this.disciplineSets[this.disciplineOf[id]!]!.remove(id);
        this.disciplineSets[discipline]!.add(id);
      }
      if (this.employmentOf[id] !== employment) {
        this.employmentSets[this.employmentOf[id]!]!.remove(id);
        this.employmentSets[employment]!.add(id);
      }
      if (this.countryKeyOf[id] !== countries) {
        for (const code of this.countryCodesOfKey[this.countryKeyOf[id]!]!) this.countrySets.get(code)?.remove(id);
        for (const code of this.countryCodesOfKey[countries]!) this.countrySet(code).add(id);
      }
      const changedTools = this.toolsOf[id]! ^ tools;
      for (let t = 0; t < TOOLS.length; t++) {
        if (!(changedTools & (1 << t))) continue;
        if (tools & (1 << t)) this.toolSets[t]!.add(id);
        else this.toolSets[t]!.remove(id);
      }
      if (this.companyOf[id] !== doc.companyId) {
        this.companySets.get(this.companyOf[id]!)?.remove(id);
        this.companySet(doc.companyId).add(id);
      }
      const oldBucket = histogramBucket(this.dimensions.tokens.valueOf(id));
      const newBucket = histogramBucket(doc.tokenUsdPerYear);
      if (oldBucket !== newBucket) {
        if (oldBucket >= 0) this.histogramSets[oldBucket]!.remove(id);
        if (newBucket >= 0) this.histogramSets[newBucket]!.add(id);
      }
      for (const d of DIMENSIONS) this.dimensions[d].set(id, dimensionValue(doc, d));
      if (this.expiresAt[id] !== doc.expiresAt) this.expiry.push(doc.expiresAt, id);
    }
    this.workplaceOf[id] = workplace;
    this.levelOf[id] = level;
    this.disciplineOf[id] = discipline;
    this.employmentOf[id] = employment;
    this.countryKeyOf[id] = countries;
    this.toolsOf[id] = tools;
    this.companyOf[id] = doc.companyId;
    this.expiresAt[id] = doc.expiresAt;
    this.noteCompany(doc.companyId, doc.companySlug);
    this.keywords.setDocument(id, doc.keywords);
    this.tidyExpiry();
  }

  /** A role that is no longer published (closed, back to draft, deleted). */
  remove(id: number): void {
    if (id >= this.isListed.length || this.isListed[id] !== 1) return;
    this.changes++;
    this.isListed[id] = 0;
    this.listed.remove(id);
    this.listedCount--;
    this.workplaceSets[this.workplaceOf[id]!]!.remove(id);
    this.levelSets[this.levelOf[id]!]!.remove(id);
    this.disciplineSets[this.disciplineOf[id]!]!.remove(id);
    this.employmentSets[this.employmentOf[id]!]!.remove(id);
    for (const code of this.countryCodesOfKey[this.countryKeyOf[id]!]!) this.countrySets.get(code)?.remove(id);
    const tools = this.toolsOf[id]!;
    for (let t = 0; t < TOOLS.length; t++) if (tools & (1 << t)) this.toolSets[t]!.remove(id);
    this.companySets.get(this.companyOf[id]!)?.remove(id);
    const bucket = histogramBucket(this.dimensions.tokens.valueOf(id));
    if (bucket >= 0) this.histogramSets[bucket]!.remove(id);
    for (const d of DIMENSIONS) this.dimensions[d].remove(id);
    this.keywords.forget(id);
  }

  /** Moves the clock to `now` (never back) and drops the roles whose time has passed. */
  advance(now: number): void {
    if (now > this.now) this.now = now;
    while (this.expiry.peekTime() <= this.now) {
      const time = this.expiry.peekTime();
      const id = this.expiry.pop();
      if (this.isListed[id] === 1 && this.expiresAt[id] === time) this.remove(id);
    }
  }

  /** Renewals leave old heap entries behind; rebuild the heap when they outnumber live ones. */
  private tidyExpiry(): void {
    if (this.expiry.size <= 2 * this.listedCount + 1024) return;
    const ids = this.listed.toUint32Array();
    const times = new Float64Array(ids.length);
    for (let i = 0; i < ids.length; i++) times[i] = this.expiresAt[ids[i]!]!;
    this.expiry.reset(times, ids);
  }

  // -------------------------------------------------------------------------------------
  // Reading

  /** The number of listed roles at `now`. */
  count(now: number): number {
    this.advance(now);
    return this.listedCount;
  }

  isListedAt(id: number, now: number): boolean {
    this.advance(now);
    return id < this.isListed.length && this.isListed[id] === 1;
  }

  /** The listed roles matching every filter except the choice facets. */
  private baseSet(filters: SearchFilters): Bitmap {
    const parts: ReadonlyBitmap[] = [this.listed];
    for (const tool of new Set(filters.tool)) parts.push(this.toolSets[TOOLS.indexOf(tool)]!);
    for (const word of queryWords(filters.q)) parts.push(this.keywords.match(word));
    let result = intersectAll(parts);
    const narrow = (next: Bitmap) => {
      result.dispose();
      result = next;
    };
    if (filters.minTokenBudget !== undefined) narrow(this.dimensions.tokens.atLeast(result, filters.minTokenBudget));
    if (filters.maxTokenBudget !== undefined) narrow(this.dimensions.tokens.atMost(result, filters.maxTokenBudget));
    if (filters.minSalary !== undefined) narrow(this.dimensions.salary.atLeast(result, filters.minSalary));
    return result;
  }

  /** The earliest publication time "posted within" admits at the index's clock. */
  private postedSince(days: number): number {
    return this.now - days * DAY_MS;
  }

  /** What a choice facet's selection is, as a cache key part; null when it does not narrow anything. */
  private choiceKey(filters: SearchFilters, facet: ChoiceFacet): string | null {
    const distinct = (chosen: readonly string[], all?: readonly string[]) => {
      const values = [...new Set(chosen)].sort();
      return values.length === 0 || (all && values.length === all.length) ? null : values.join(",");
    };
    switch (facet) {
      case "workplace":
        return distinct(filters.workplace, WORKPLACES);
      case "level":
        return distinct(filters.level, LEVELS);
      case "discipline":
        return distinct(filters.discipline ?? [], DISCIPLINES);
      case "employmentType":
        return distinct(filters.employmentType ?? [], EMPLOYMENT_TYPES);
      case "country":
        return distinct(filters.country ?? []);
      case "company":
        return filters.company ?? null;
      case "postedWithin":
        return filters.postedWithin === undefined ? null : String(this.postedSince(filters.postedWithin));
    }
  }

  /** `set` narrowed by one facet's selection (a new bitmap). */
  private narrowBy(set: ReadonlyBitmap, facet: ChoiceFacet, filters: SearchFilters): Bitmap {
    const any = (sets: (Bitmap | undefined)[]) => {
      const present = sets.filter((x): x is Bitmap => x !== undefined);
      if (present.length === 0) return new Bitmap();
      const union = present.length === 1 ? present[0]!.clone() : Bitmap.orMany(present);
      union.andInPlace(set);
      return union;
    };
    const pick = <T extends string>(chosen: readonly T[], all: readonly T[], sets: Bitmap[]) => any([...new Set(chosen)].map((v) => sets[all.indexOf(v)]));
    switch (facet) {
      case "workplace":
        return pick(filters.workplace, WORKPLACES, this.workplaceSets);
      case "level":
        return pick(filters.level, LEVELS, this.levelSets);
      case "discipline":
        return pick(filters.discipline ?? [], DISCIPLINES, this.disciplineSets);
      case "employmentType":
        return pick(filters.employmentType ?? [], EMPLOYMENT_TYPES, this.employmentSets);
      case "country":
        return any([...new Set(filters.country ?? [])].map((code) => this.countrySets.get(code)));
      case "company": {
        const companyId = filters.company === undefined ? undefined : this.companyBySlug.get(filters.company);
        return any([companyId === undefined ? undefined : this.companySets.get(companyId)]);
      }
      case "postedWithin":
        return this.dimensions.published.atLeast(set, this.postedSince(filters.postedWithin ?? 0));
    }
  }

  /**
   * Cached sets are the index's own (callers get copies, see resultFor), so an evicted one is
   * freed at once instead of waiting for the garbage collector: searches that are all
   * different churn through them fast.
   */
  private cached(key: string, compute: () => Bitmap): Bitmap {
    if (this.cachedAt !== this.version) {
      this.dropResults();
      this.cachedAt = this.version;
    }
    const hit = this.resultCache.get(key);
    if (hit) {
      this.resultCache.delete(key);
      this.resultCache.set(key, hit);
      return hit;
    }
    const value = compute();
    this.resultCache.set(key, value);
    if (this.resultCache.size > RESULT_CACHE_SIZE) {
      const oldest = this.resultCache.keys().next().value as string;
      this.resultCache.get(oldest)!.dispose();
      this.resultCache.delete(oldest);
    }
    return value;
  }

  private dropResults(): void {
    for (const bitmap of this.resultCache.values()) bitmap.dispose();
    this.resultCache.clear();
  }

  private baseKey(filters: SearchFilters): string {
    return JSON.stringify([
      queryWords(filters.q),
      filters.minTokenBudget ?? null,
      filters.maxTokenBudget ?? null,
      filters.minSalary ?? null,
      [...new Set(filters.tool)].sort(),
    ]);
  }

  /**
   * The result, and for counting a facet the result without that facet's own choice (only a
   * facet with a selection needs a set of its own; the others count within the result).
   */
  private sets(filters: SearchFilters) {
    const baseKey = this.baseKey(filters);
    const base = this.cached(`base:${baseKey}`, () => this.baseSet(filters));
    const active = CHOICE_FACETS.flatMap((facet) => {
      const key = this.choiceKey(filters, facet);
      return key === null ? [] : [{ facet, key }];
    });
    const narrowed = (facets: typeof active) =>
      this.cached(`r:${JSON.stringify(facets)}:${baseKey}`, () => {
        let set = base.clone();
        for (const { facet } of facets) {
          const next = this.narrowBy(set, facet, filters);
          set.dispose();
          set = next;
        }
        return set;
      });
    const result = narrowed(active);
    const without = (facet: ChoiceFacet): Bitmap => {
      const others = active.filter((choice) => choice.facet !== facet);
      return others.length === active.length ? result : narrowed(others);
    };
    return { result, without };
  }

  /** The listed roles matching the filters (a copy: the caller's to keep, change or dispose). */
  resultFor(filters: SearchFilters, now: number): Bitmap {
    this.advance(now);
    return this.sets(filters).result.clone();
  }

  /** Total, facet counts (each choice facet ignoring its own selection) and the budget histogram. */
  aggregates(filters: SearchFilters, now: number): SearchAggregates {
    this.advance(now);
    const { result, without } = this.sets(filters);
    const counts = <T extends string>(all: readonly T[], sets: Bitmap[], within: Bitmap) =>
      Object.fromEntries(all.map((value, i) => [value, within.andCardinality(sets[i]!)])) as Record<T, number>;
    const byPosted = without("postedWithin");
    return {
      total: result.size,
      workplace: counts(WORKPLACES, this.workplaceSets, without("workplace")),
      level: counts(LEVELS, this.levelSets, without("level")),
      discipline: counts(DISCIPLINES, this.disciplineSets, without("discipline")),
      employmentType: counts(EMPLOYMENT_TYPES, this.employmentSets, without("employmentType")),
      country: this.countryCounts(without("country"), filters.country ?? []),
      postedWithin: Object.fromEntries(
        POSTED_WITHIN_DAYS.map((days) => {
          const posted = this.dimensions.published.atLeast(byPosted, this.postedSince(days));
          const count = posted.size;
          posted.dispose();
          return [String(days), count];
        }),
      ) as Record<PostedWithin, number>,
      company: this.companyCounts(without("company"), filters.company),
      tool: counts(TOOLS, this.toolSets, result),
      budgetHistogram: this.histogramSets.map((set) => result.andCardinality(set)),
    };
  }

  /** Countries of `set` with their counts (at most every ISO code: bounded), most first; chosen ones always. */
  private countryCounts(set: ReadonlyBitmap, chosen: readonly string[]): { code: string; count: number }[] {
    const out: { code: string; count: number }[] = [];
    for (const [code, members] of this.countrySets) {
      const count = set.andCardinality(members);
      if (count > 0 || chosen.includes(code)) out.push({ code, count });
    }
    for (const code of new Set(chosen)) if (!this.countrySets.has(code)) out.push({ code, count: 0 });
    return out.sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1));
  }

  /** The largest companies of the board, by listed roles (re-ranked every COMPANY_RERANK changes). */
  private largestCompanies(): number[] {
    if (!this.companyRanking || this.changes - this.companyRanking.at >= COMPANY_RERANK) {
      const ids = [...this.companySets.keys()].sort(
        (a, b) => this.companySets.get(b)!.size - this.companySets.get(a)!.size || a - b,
      );
      this.companyRanking = { ids: ids.slice(0, COMPANY_CANDIDATES), at: this.changes };
    }
    return this.companyRanking.ids;
  }

  /** The companies with the most roles in `set` (see SearchAggregates.company). */
  private companyCounts(set: ReadonlyBitmap, chosen: string | undefined): { slug: string; count: number }[] {
    const counts = new Map<number, number>();
    if (set.size <= COMPANY_SCAN) {
      for (const id of set.toUint32Array()) counts.set(this.companyOf[id]!, (counts.get(this.companyOf[id]!) ?? 0) + 1);
    } else {
      for (const companyId of this.largestCompanies()) {
        const count = set.andCardinality(this.companySets.get(companyId)!);
        if (count > 0) counts.set(companyId, count);
      }
    }
    const out = [...counts]
      .flatMap(([companyId, count]) => {
        const slug = this.slugOfCompany.get(companyId);
        return slug === undefined ? [] : [{ slug, count }];
      })
      .sort((a, b) => b.count - a.count || (a.slug < b.slug ? -1 : 1))
      .slice(0, TOP_COMPANIES);
    // The chosen company is always listed (with 0 when it has no roles here or is unknown),
    // whatever the index once knew of it, so the answer depends on the listed roles only.
    if (chosen !== undefined && !out.some((c) => c.slug === chosen)) {
      const chosenId = this.companyBySlug.get(chosen);
      const members = chosenId === undefined ? undefined : this.companySets.get(chosenId);
      out.push({ slug: chosen, count: members ? set.andCardinality(members) : 0 });
    }
    return out;
  }

  // -------------------------------------------------------------------------------------
  // Pages

  /**
   * One page in the sort's order after `after`. Three strategies, each bounded:
   * - **materialize**: a result of at most `smallResult` roles is read out and the page
   *   selected from it;
   * - **walk**: otherwise the sort's order is walked from the cursor (and from the bound of a
   *   budget or salary filter on the sorted field), testing each role against the result;
   *   about (limit + 1) × span / matches steps, chosen only when that is within `walkBudget`;
   * - **buckets**: otherwise (or when a walk uses up its budget, as when the matches cluster
   *   at the far end of the order) the sort field's buckets are taken in order, each
   *   intersected with the result, until they hold a page; the page is selected from those.
   * Roles without a value for the sort field come after all others, by id.
   */
  page(query: PageQuery, now: number, tuning: SearchTuning = DEFAULT_TUNING): PageResult {
    this.advance(now);
    const result = this.sets(query.filters).result;
    const { dimension: name, descending } = SORT_ORDERS[query.sort];
    const dimension = this.dimensions[name];
    const need = query.limit + 1;
    const after = query.after;
    const afterValue = after ? (after[0] ?? Number.NaN) : Number.NaN;
    const afterId = after ? after[1] : 0;
    const isAfter = (value: number, id: number) => !after || comparePage(value, id, afterValue, afterId, descending) > 0;
    const inOrder = (v1: number, id1: number, v2: number, id2: number) => comparePage(v1, id1, v2, id2, descending);
    let top = new TopK(need, inOrder);
    const size = result.size;
    let strategy: PageStrategy;
    let steps = 0;

    const takeNulls = () => {
      if (top.full) return;
      const withoutValue = Bitmap.and(result, dimension.nulls);
      const nulls = withoutValue.toUint32Array();
      withoutValue.dispose();
      if (descending) nulls.reverse();
      for (const id of nulls) {
        if (top.full) break;
        if (isAfter(Number.NaN, id)) top.offer(id, Number.NaN);
      }
    };
    const fromBuckets = () => {
      const count = dimension.bucketCount;
      let bucket = after && after[0] !== null ? dimension.bucketIndexOf(after[0]) : descending ? count - 1 : 0;
      if (!(after && after[0] === null)) {
        for (; bucket >= 0 && bucket < count && !top.full; bucket += descending ? -1 : 1) {
          if (result.andCardinality(dimension.bucketBitmap(bucket)) === 0) continue;
          const inBucket = Bitmap.and(result, dimension.bucketBitmap(bucket));
          const members = inBucket.toUint32Array();
          inBucket.dispose();
          steps += members.length;
          for (const id of members) {
            const value = dimension.rawValue(id);
            if (isAfter(value, id)) top.offer(id, value);
          }
        }
      }
      takeNulls();
    };

    if (size === 0) {
      strategy = "empty";
    } else if (size <= tuning.smallResult) {
      strategy = "materialize";
      const members = result.toUint32Array();
      steps = members.length;
      for (const id of members) {
        const value = dimension.rawValue(id);
        if (isAfter(value, id)) top.offer(id, value);
      }
    } else if (after && after[0] === null) {
      // Past every role with a value: only the ones without remain.
      strategy = "buckets";
      takeNulls();
    } else {
      const bounds = this.walkBounds(name, query.filters);
      const withValue = size - result.andCardinality(dimension.nulls);
      const span = dimension.spanBetween(bounds.min, bounds.max);
      const estimate = (need * span) / Math.max(1, withValue);
      if (estimate <= tuning.walkBudget) {
        strategy = "walk";
        const walk = dimension.walk(descending, after, bounds, tuning.walkBudget, (id, value) => {
          if (result.has(id)) top.offer(id, value);
          return !top.full;
        });
        steps = walk.steps;
        if (walk.exhausted) takeNulls();
        else if (!top.full) {
          // The matches lie further along than their number suggested: select by buckets.
          strategy = "walk+buckets";
          top = new TopK(need, inOrder);
          fromBuckets();
        }
      } else {
        strategy = "buckets";
        fromBuckets();
      }
    }

    const ids = top.ids.slice(0, query.limit);
    const last = ids.length - 1;
    const nextKey: SortKey | null =
      top.ids.length > query.limit ? [Number.isNaN(top.values[last]!) ? null : top.values[last]!, ids[last]!] : null;
    return { ids, nextKey, strategy, steps };
  }

  /** Bounds on the sorted field that the filters already impose (a walk starts and stops at them). */
  private walkBounds(dimension: DimensionName, filters: SearchFilters): { min?: number; max?: number } {
    if (dimension === "tokens") return { min: filters.minTokenBudget, max: filters.maxTokenBudget };
    if (dimension === "salary") return { min: filters.minSalary };
    if (dimension === "published" && filters.postedWithin !== undefined) return { min: this.postedSince(filters.postedWithin) };
    return {};
  }

  /**
   * The page that ends just before `before` in the sort's order (a Previous link): the
   * `limit` nearest roles before it, found like `page` finds its roles but walking the
   * buckets the other way (a small result is read out instead). Cost bounded like `page`'s
   * bucket strategy: the buckets between the cursor and a page's worth of matches.
   */
  pageBefore(query: PageBeforeQuery, now: number, tuning: SearchTuning = DEFAULT_TUNING): PageBeforeResult {
    this.advance(now);
    const result = this.sets(query.filters).result;
    const { dimension: name, descending } = SORT_ORDERS[query.sort];
    const dimension = this.dimensions[name];
    const [beforeValue, beforeId] = query.before;
    const bv = beforeValue ?? Number.NaN;
    const isBefore = (value: number, id: number) => comparePage(value, id, bv, beforeId, descending) < 0;
    // Nearest first: the reverse of page order.
    const top = new TopK(query.limit + 1, (v1, id1, v2, id2) => comparePage(v2, id2, v1, id1, descending));
    let steps = 0;
    const offerAll = (members: Uint32Array) => {
      steps += members.length;
      for (const id of members) {
        const value = dimension.rawValue(id);
        if (isBefore(value, id)) top.offer(id, value);
      }
    };
    if (result.size <= tuning.smallResult) {
      offerAll(result.toUint32Array());
    } else {
      if (beforeValue === null) {
        // Roles without a value come last: those before the cursor are the nearest.
        const withoutValue = Bitmap.and(result, dimension.nulls);
        offerAll(withoutValue.toUint32Array());
        withoutValue.dispose();
      }
      const count = dimension.bucketCount;
      let bucket = beforeValue !== null ? dimension.bucketIndexOf(beforeValue) : descending ? 0 : count - 1;
      for (; bucket >= 0 && bucket < count && !top.full; bucket += descending ? 1 : -1) {
        if (result.andCardinality(dimension.bucketBitmap(bucket)) === 0) continue;
        const inBucket = Bitmap.and(result, dimension.bucketBitmap(bucket));
        offerAll(inBucket.toUint32Array());
        inBucket.dispose();
      }
    }
    const ids = top.ids.slice(0, query.limit).reverse();
    const values = top.values.slice(0, query.limit).reverse();
    const previousKey: SortKey | null =
      top.ids.length > query.limit && ids.length > 0 ? [Number.isNaN(values[0]!) ? null : values[0]!, ids[0]!] : null;
    return { ids, previousKey, steps };
  }

  /** The sort key of a listed role (for cursors), or null when it is not listed. */
  sortKeyOf(id: number, sort: Sort): SortKey | null {
    if (id >= this.isListed.length || this.isListed[id] !== 1) return null;
    return [this.dimensions[SORT_ORDERS[sort].dimension].valueOf(id), id];
  }

  // -------------------------------------------------------------------------------------
  // For the market's charts: quantiles and shares over any filtered set

  /** The k-th smallest value (k from 0) of a field among the roles of `set` that have one. */
  kthSmallest(dimension: DimensionName, set: ReadonlyBitmap, k: number): number | null {
    return this.dimensions[dimension].kthSmallest(set, k);
  }

  /** Several order statistics of a field over `set` at once (k from 0; see Dimension.orderStatistics). */
  orderStatistics(dimension: DimensionName, set: ReadonlyBitmap, ks: readonly number[]): (number | null)[] {
    return this.dimensions[dimension].orderStatistics(set, ks);
  }

  /** The roles of `set` that have a value for the field (a new bitmap, the caller's). */
  withValue(dimension: DimensionName, set: ReadonlyBitmap): Bitmap {
    return Bitmap.andNot(set, this.dimensions[dimension].nulls);
  }

  /** The listed roles at a level as of the last `advance` (the index's own bitmap: read it, never change it). */
  levelSet(level: Level): ReadonlyBitmap {
    return this.levelSets[LEVELS.indexOf(level)]!;
  }

  /** A company's listed roles at `now` (a new bitmap, the caller's; empty for a company without roles). */
  companyRoles(companyId: number, now: number): Bitmap {
    this.advance(now);
    const set = this.companySets.get(companyId);
    return set ? Bitmap.and(set, this.listed) : new Bitmap();
  }

  /** How many roles of `set` have a value for the field. */
  countWithValue(dimension: DimensionName, set: ReadonlyBitmap): number {
    return set.size - set.andCardinality(this.dimensions[dimension].nulls);
  }

  /** The roles of `set` whose value lies within [min, max] (either bound optional). */
  restrict(dimension: DimensionName, set: ReadonlyBitmap, bounds: { min?: number; max?: number }): Bitmap {
    const d = this.dimensions[dimension];
    if (bounds.min === undefined) return bounds.max === undefined ? set.clone() : d.atMost(set, bounds.max);
    const atLeast = d.atLeast(set, bounds.min);
    return bounds.max === undefined ? atLeast : d.atMost(atLeast, bounds.max);
  }

  /** The field's bucket bounds and how many roles of `set` fall in each bucket. */
  bucketCardinalities(dimension: DimensionName, set: ReadonlyBitmap): { bounds: number[]; counts: number[] } {
    const d = this.dimensions[dimension];
    return { bounds: d.bucketBounds(), counts: d.bucketCardinalities(set) };
  }

  /** Roles of `set` per workplace, level and tool. */
  facetCardinalities(set: ReadonlyBitmap): { workplace: Record<Workplace, number>; level: Record<Level, number>; tool: Record<Tool, number> } {
    return {
      workplace: Object.fromEntries(WORKPLACES.map((w, i) => [w, set.andCardinality(this.workplaceSets[i]!)])) as Record<Workplace, number>,
      level: Object.fromEntries(LEVELS.map((l, i) => [l, set.andCardinality(this.levelSets[i]!)])) as Record<Level, number>,
      tool: Object.fromEntries(TOOLS.map((t, i) => [t, set.andCardinality(this.toolSets[i]!)])) as Record<Tool, number>,
    };
  }

  /** A role's value for a field (null when it has none or is not listed). */
  valueOf(dimension: DimensionName, id: number): number | null {
    return this.dimensions[dimension].valueOf(id);
  }

  /** Forgets cached result and keyword bitmaps (benchmarks: every search as if new). */
  dropCaches(): void {
    this.dropResults();
    this.keywords.dropCache();
  }

  stats(): IndexStats {
    const typed = [this.isListed, this.workplaceOf, this.levelOf, this.disciplineOf, this.employmentOf, this.countryKeyOf, this.toolsOf, this.companyOf, this.expiresAt].reduce((sum, a) => sum + a.byteLength, 0);
    return {
      listed: this.listedCount,
      terms: this.keywords.termCount,
      staleKeywordRoles: this.keywords.staleCount,
      bitmapBytes: Bitmap.getRoaringUsedMemory(),
      arrayBytes: typed + DIMENSIONS.reduce((sum, d) => sum + this.dimensions[d].arrayBytes(), 0) + this.keywords.arrayBytes() + this.expiry.size * 16,
    };
  }
}
