/**
 * One numeric field of the listed roles (published at, token budget, salary, total, inference
 * share): its value per role, the roles presorted by it, and bitmaps of its value buckets.
 *
 * - **Order.** The roles sorted by (value, id) in a main run (typed arrays) plus a small sorted
 *   delta of the changes since the main run was last rebuilt, merged on read (LSM-style). A
 *   role that changed or left has its main entry shadowed (a flag per id), so a walk skips it;
 *   when the delta passes COMPACT_DELTA entries both are merged into a new main run.
 * - **Buckets.** Quantile boundaries chosen from the values (BUCKETS of about equal size) and a
 *   bitmap per bucket; for fields that filter (`rangeFilter`), also a bitmap per boundary of
 *   the roles at or above it. A bound is then one bitmap operation plus a check, by value, of
 *   the roles of the one bucket the bound falls into: cost bounded by a bucket, not the board.
 *   The same buckets give the k-th smallest value in any set (quantiles) and let a page be
 *   selected from a few buckets instead of every match.
 * - **Missing values** (SQL NULL) sit in `nulls`: they fail every bound and sort after every
 *   number, by id.
 *
 * Values are compared exactly as stored (doubles), like the database compared them.
 */
import { Bitmap, type ReadonlyBitmap } from "./bitmap";
import { withCapacity } from "./growable";
import { num, SnapshotError, type SnapshotIn, type SnapshotOut } from "./snapshot";

/** A sort key: the value (null when missing) and the role id that breaks ties. */
export type SortKey = readonly [value: number | null, id: number];

export const BUCKETS = 128;
/** Delta entries that trigger merging the delta into the main run. */
const COMPACT_DELTA = 4096;

export interface DimensionOptions {
  /** Keep "at or above boundary i" bitmaps, for min/max filters on this field. */
  rangeFilter: boolean;
  buckets?: number;
  /** Delta entries that trigger a merge (tests make it small). */
  deltaLimit?: number;
  /** Sets up to this size are bounded by checking each value (default: a bucket's size, at least 256). */
  smallSet?: number;
}

/** (v1, id1) compared with (v2, id2), ascending. */
function compareKeys(v1: number, id1: number, v2: number, id2: number): number {
  return v1 < v2 ? -1 : v1 > v2 ? 1 : id1 - id2;
}

/**
 * Ids (ascending) ordered by value, ties by id: a stable LSD radix sort on the doubles' bits
 * made order-preserving, 11 bits a pass (a pass where every key has the same digit, like the
 * low bits of whole numbers, is skipped), the keys moving with the ids so every pass reads
 * in order. Sorting a million pairs with a comparator took most of a second per field.
 */
export function sortByValue(ids: Uint32Array, values: Float64Array): Uint32Array {
  const n = ids.length;
  const bits = new Float64Array(1);
  const words = new Uint32Array(bits.buffer);
  let low = new Uint32Array(n);
  let high = new Uint32Array(n);
  let order = new Uint32Array(ids);
  for (let i = 0; i < n; i++) {
    bits[0] = values[ids[i]!]!;
    // Little-endian: words[1] holds the sign and exponent. Negative numbers have all bits
    // flipped, positive ones only the sign bit, so unsigned order equals numeric order.
    if (words[1]! >>> 31) {
      low[i] = ~words[0]! >>> 0;
      high[i] = ~words[1]! >>> 0;
    } else {
      low[i] = words[0]!;
      high[i] = (words[1]! | 0x80000000) >>> 0;
    }
  }
  let spareLow = new Uint32Array(n);
  let spareHigh = new Uint32Array(n);
  let spareOrder = new Uint32Array(n);
  const counts = new Uint32Array(2048);
  // Digits of the 64-bit key from the least significant: (word, shift, width).
  const digits: [0 | 1, number, number][] = [
    [0, 0, 11],
    [0, 11, 11],
    [0, 22, 10],
    [1, 0, 11],
    [1, 11, 11],
    [1, 22, 10],
  ];
  for (const [word, shift, width] of digits) {
    const keys = word === 0 ? low : high;
    const mask = (1 << width) - 1;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(keys[i]! >>> shift) & mask]!++;
    if (n === 0 || counts[(keys[0]! >>> shift) & mask] === n) continue;
    let sum = 0;
    for (let d = 0; d <= mask; d++) {
      const c = counts[d]!;
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const at = counts[(keys[i]! >>> shift) & mask]!++;
      spareLow[at] = low[i]!;
      spareHigh[at] = high[i]!;
      spareOrder[at] = order[i]!;
    }
    [low, spareLow] = [spareLow, low];
    [high, spareHigh] = [spareHigh, high];
    [order, spareOrder] = [spareOrder, order];
  }
  return order;
}

export class Dimension {
  private values: Float64Array = new Float64Array(0);
  private present: Uint8Array = new Uint8Array(0);
  private shadowed: Uint8Array = new Uint8Array(0);
  private count = 0;

  private mainIds: Uint32Array = new Uint32Array(0);
  private mainValues: Float64Array = new Float64Array(0);
  private mainLength = 0;
  private deltaIds: number[] = [];
  private deltaValues: number[] = [];

  /** Roles in the dimension without a value. */
  readonly nulls = new Bitmap();
  /** lower[i] is the smallest value of bucket i; lower[0] is -Infinity. */
  private lower: Float64Array = new Float64Array([Number.NEGATIVE_INFINITY]);
  /**
   * highest[i] is at least the largest value in bucket i (exact when the buckets were made,
   * raised by additions, never lowered): a bound beyond it needs no check by value. A bucket
   * of one repeated value (a budget of 0 for a third of the board) is never checked.
   */
  private highest: Float64Array = new Float64Array([Number.NEGATIVE_INFINITY]);
  private buckets: Bitmap[] = [new Bitmap()];
  /** atLeast[i]: roles with value >= lower[i] (i >= 1; index 0 unused). */
  private atLeastBoundary: Bitmap[] | null;
  private bucketedCount = 0;
  private sizesWhenBucketed: number[] = [];
  private readonly bucketTarget: number;

  constructor(private readonly options: DimensionOptions) {
    this.atLeastBoundary = options.rangeFilter ? [new Bitmap()] : null;
    this.bucketTarget = options.buckets ?? BUCKETS;
  }

  get size(): number {
    return this.count;
  }

  has(id: number): boolean {
    return id < this.present.length && this.present[id] === 1;
  }

  /** The role's value; null when it has none or is not in the dimension. */
  valueOf(id: number): number | null {
    if (!this.has(id)) return null;
    const value = this.values[id]!;
    return Number.isNaN(value) ? null : value;
  }

  /** Raw value for hot loops: NaN when missing. Only for roles in the dimension. */
  rawValue(id: number): number {
    return this.values[id]!;
  }

  // -------------------------------------------------------------------------------------
  // Building and changing

  /**
   * Loads every role at once (the start-up build): ascending ids, and their values indexed
   * by id (NaN for none). Replaces whatever the dimension held.
   */
  load(ids: Uint32Array, valuesById: Float64Array): void {
    let maxId = 0;
    let ascending = true;
    for (let i = 0; i < ids.length; i++) {
      if (ids[i]! > maxId) maxId = ids[i]!;
      else if (i > 0) ascending = false;
    }
    this.values = new Float64Array(maxId + 1);
    this.present = new Uint8Array(maxId + 1);
    this.shadowed = new Uint8Array(maxId + 1);
    this.nulls.clear();
    let byId = new Uint32Array(ids.length);
    let withValue = 0;
    const nulls: number[] = [];
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      const value = valuesById[id]!;
      this.values[id] = value === 0 ? 0 : value;
      this.present[id] = 1;
      if (Number.isNaN(value)) nulls.push(id);
      else byId[withValue++] = id;
    }
    this.nulls.addMany(nulls);
    this.count = ids.length;
    byId = byId.subarray(0, withValue);
    if (!ascending) byId.sort();
    const sortedIds = sortByValue(byId, this.values);
    const sortedValues = new Float64Array(sortedIds.length);
    for (let i = 0; i < sortedIds.length; i++) sortedValues[i] = this.values[sortedIds[i]!]!;
    this.mainIds = sortedIds;
    this.mainValues = sortedValues;
    this.mainLength = sortedIds.length;
    this.deltaIds = [];
    this.deltaValues = [];
    this.rebucket();
  }

  /** Adds a role that is not in the dimension. */
  add(id: number, value: number | null): void {
    if (this.has(id)) this.remove(id);
    this.values = withCapacity(this.values, id);
    this.present = withCapacity(this.present, id);
    this.shadowed = withCapacity(this.shadowed, id);
    // -0 is stored as 0: equal values must also have equal bits (the start-up sort reads bits).
    const v = value === null ? Number.NaN : value === 0 ? 0 : value;
    this.values[id] = v;
    this.present[id] = 1;
    this.count++;
    if (Number.isNaN(v)) {
      this.nulls.add(id);
      return;
    }
    const bucket = this.bucketOf(v);
    this.buckets[bucket]!.add(id);
    if (v > this.highest[bucket]!) this.highest[bucket] = v;
    if (this.atLeastBoundary) for (let i = 1; i <= bucket; i++) this.atLeastBoundary[i]!.add(id);
    this.bucketedCount++;
    this.insertDelta(v, id);
    if (this.deltaIds.length >= (this.options.deltaLimit ?? COMPACT_DELTA)) this.compact();
  }

  remove(id: number): void {
    if (!this.has(id)) return;
    const v = this.values[id]!;
    this.present[id] = 0;
    this.count--;
    if (Number.isNaN(v)) {
      this.nulls.remove(id);
      return;
    }
    const bucket = this.bucketOf(v);
    this.buckets[bucket]!.remove(id);
    if (this.atLeastBoundary) for (let i = 1; i <= bucket; i++) this.atLeastBoundary[i]!.remove(id);
    this.bucketedCount--;
    // Its live entry is in the delta if it changed since the last merge, else in the main run.
    if (!this.removeDelta(v, id)) this.shadowed[id] = 1;
  }

  /** Sets a role's value (adding the role if needed); nothing happens when it is unchanged. */
  set(id: number, value: number | null): void {
    if (this.has(id)) {
      const old = this.values[id]!;
      const v = value ?? Number.NaN;
      if (old === v || (Number.isNaN(old) && Number.isNaN(v))) return;
    }
    this.add(id, value);
  }

  private deltaSearch(v: number, id: number): number {
    // First delta position whose key is >= (v, id).
    let lo = 0;
    let hi = this.deltaIds.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareKeys(this.deltaValues[mid]!, this.deltaIds[mid]!, v, id) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private insertDelta(v: number, id: number): void {
    const at = this.deltaSearch(v, id);
    this.deltaIds.splice(at, 0, id);
    this.deltaValues.splice(at, 0, v);
  }

  private removeDelta(v: number, id: number): boolean {
    const at = this.deltaSearch(v, id);
    if (at < this.deltaIds.length && this.deltaIds[at] === id && this.deltaValues[at] === v) {
      this.deltaIds.splice(at, 1);
      this.deltaValues.splice(at, 1);
      return true;
    }
    return false;
  }

  /** Merges the delta into the main run, dropping shadowed entries; rebuckets when lopsided. */
  compact(): void {
    this.mergeRuns();
    if (this.bucketsLopsided()) this.rebucket();
  }

  private mergeRuns(): void {
    const total = this.bucketedCount;
    const ids = new Uint32Array(total);
    const values = new Float64Array(total);
    let out = 0;
    let d = 0;
    const deltaLength = this.deltaIds.length;
    for (let m = 0; m < this.mainLength; m++) {
      const id = this.mainIds[m]!;
      if (this.shadowed[id] === 1) {
        this.shadowed[id] = 0;
        continue;
      }
      const v = this.mainValues[m]!;
      while (d < deltaLength && compareKeys(this.deltaValues[d]!, this.deltaIds[d]!, v, id) < 0) {
        ids[out] = this.deltaIds[d]!;
        values[out++] = this.deltaValues[d++]!;
      }
      ids[out] = id;
      values[out++] = v;
    }
    while (d < deltaLength) {
      ids[out] = this.deltaIds[d]!;
      values[out++] = this.deltaValues[d++]!;
    }
    if (out !== total) throw new Error(`search index: order of ${out} entries for ${total} roles`);
    this.mainIds = ids;
    this.mainValues = values;
    this.mainLength = out;
    this.deltaIds = [];
    this.deltaValues = [];
  }

  // -------------------------------------------------------------------------------------
  // Buckets

  private bucketOf(v: number): number {
    // The last bucket whose lower bound is <= v.
    let lo = 0;
    let hi = this.lower.length;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (this.lower[mid]! <= v) lo = mid;
      else hi = mid;
    }
    return lo;
  }

  /**
   * True when a bucket has more than doubled since the boundaries were chosen (new roles
   * all land in the newest bucket of `published`, for one), so bounds and selections would
   * check more roles than they should.
   */
  private bucketsLopsided(): boolean {
    const fair = this.bucketedCount / this.bucketTarget;
    return this.buckets.some((bucket, i) => bucket.size > 2 * Math.max(this.sizesWhenBucketed[i] ?? 0, fair) + 64);
  }

  /** New quantile boundaries and bucket bitmaps from the (merged) main run. */
  private rebucket(): void {
    if (this.deltaIds.length > 0) this.mergeRuns();
    const n = this.mainLength;
    const lower = [Number.NEGATIVE_INFINITY];
    for (let i = 1; i < this.bucketTarget; i++) {
      const at = Math.floor((i * n) / this.bucketTarget);
      if (at >= n) break;
      const v = this.mainValues[at]!;
      if (v > lower[lower.length - 1]!) lower.push(v);
    }
    this.lower = Float64Array.from(lower);
    this.highest = new Float64Array(lower.length).fill(Number.NEGATIVE_INFINITY);
    this.buckets = [];
    let start = 0;
    for (let b = 0; b < lower.length; b++) {
      const upper = b + 1 < lower.length ? lower[b + 1]! : Number.POSITIVE_INFINITY;
      let end = start;
      while (end < n && this.mainValues[end]! < upper) end++;
      const members = this.mainIds.slice(start, end).sort();
      this.buckets.push(new Bitmap(members));
      if (end > start) this.highest[b] = this.mainValues[end - 1]!;
      start = end;
    }
    this.bucketedCount = n;
    this.sizesWhenBucketed = this.buckets.map((bucket) => bucket.size);
    if (this.atLeastBoundary) {
      const atLeast: Bitmap[] = new Array(lower.length);
      let running = new Bitmap();
      for (let b = lower.length - 1; b >= 1; b--) {
        running = Bitmap.or(running, this.buckets[b]!);
        running.runOptimize();
        atLeast[b] = running;
      }
      atLeast[0] = new Bitmap();
      this.atLeastBoundary = atLeast;
    }
  }

  /** The bucket a value falls in. */
  bucketIndexOf(value: number): number {
    return this.bucketOf(value);
  }

  /** Bucket boundaries: bucket i holds values in [bounds[i], bounds[i + 1]). */
  bucketBounds(): number[] {
    return [...this.lower];
  }

  bucketBitmap(i: number): ReadonlyBitmap {
    return this.buckets[i]!;
  }

  get bucketCount(): number {
    return this.buckets.length;
  }

  /** How many roles of `set` fall in each bucket (nulls not counted). */
  bucketCardinalities(set: ReadonlyBitmap): number[] {
    return this.buckets.map((bucket) => set.andCardinality(bucket));
  }

  /**
   * The k-th smallest value (k from 0) among the roles of `set` that have a value; null when
   * there are not that many. Counts bucket by bucket, then sorts the one bucket it lands in.
   */
  kthSmallest(set: ReadonlyBitmap, k: number): number | null {
    if (k < 0 || !Number.isInteger(k)) return null;
    let seen = 0;
    for (let b = 0; b < this.buckets.length; b++) {
      const bucket = this.buckets[b]!;
      const here = set.andCardinality(bucket);
      if (seen + here > k) {
        if (this.lower[b] === this.highest[b]) return this.lower[b]!;
        const matching = Bitmap.and(set, bucket);
        const members = matching.toUint32Array();
        matching.dispose();
        const values = new Float64Array(members.length);
        for (let i = 0; i < members.length; i++) values[i] = this.values[members[i]!]!;
        values.sort();
        return values[k - seen]!;
      }
      seen += here;
    }
    return null;
  }

  /**
   * Several order statistics of `set` at once (each k from 0; null when out of range): one
   * count per bucket, then each bucket that holds a wanted k is read and sorted once, and a
   * bucket of one repeated value (a budget of 0) not at all.
   */
  orderStatistics(set: ReadonlyBitmap, ks: readonly number[]): (number | null)[] {
    const result: (number | null)[] = ks.map(() => null);
    const wanted = ks
      .map((k, at) => ({ k, at }))
      .filter(({ k }) => k >= 0 && Number.isInteger(k))
      .sort((a, b) => a.k - b.k);
    if (wanted.length === 0) return result;
    const counts = this.bucketCardinalities(set);
    let w = 0;
    let seen = 0;
    for (let b = 0; b < this.buckets.length && w < wanted.length; b++) {
      const here = counts[b]!;
      let sorted: Float64Array | null = null;
      for (; w < wanted.length && wanted[w]!.k < seen + here; w++) {
        if (this.lower[b] === this.highest[b]) {
          result[wanted[w]!.at] = this.lower[b]!;
          continue;
        }
        if (!sorted) {
          const matching = Bitmap.and(set, this.buckets[b]!);
          const members = matching.toUint32Array();
          matching.dispose();
          sorted = new Float64Array(members.length);
          for (let i = 0; i < members.length; i++) sorted[i] = this.values[members[i]!]!;
          sorted.sort();
        }
        result[wanted[w]!.at] = sorted[wanted[w]!.k - seen]!;
      }
      seen += here;
    }
    return result;
  }

  // -------------------------------------------------------------------------------------
  // Bounds

  /** Roles of `set` with a value >= min. */
  atLeast(set: ReadonlyBitmap, min: number): Bitmap {
    if (set.size <= this.smallSetSize()) return this.filterByValue(set, (v) => v >= min);
    // Every bucket above the one min falls in qualifies whole; that one is checked by value,
    // unless min is its lower bound.
    const b = this.bucketOf(min);
    const whole = this.lower[b] === min ? b : b + 1;
    const result = this.rolesFromBucket(set, whole);
    if (whole > b && this.highest[b]! >= min) {
      result.addMany(this.idsWhere(set, b, (v) => v >= min));
    }
    return result;
  }

  /** Roles of `set` with a value <= max. */
  atMost(set: ReadonlyBitmap, max: number): Bitmap {
    if (set.size <= this.smallSetSize()) return this.filterByValue(set, (v) => v <= max);
    // j: the first boundary above max; everything from it on fails.
    let j = this.bucketOf(max) + 1;
    const result = Bitmap.andNot(set, this.nulls);
    if (j < this.lower.length) {
      if (this.atLeastBoundary) result.andNotInPlace(this.atLeastBoundary[j]!);
      else for (let b = j; b < this.buckets.length; b++) result.andNotInPlace(this.buckets[b]!);
    }
    j--;
    if (this.highest[j]! > max) {
      result.removeMany(this.idsWhere(result, j, (v) => v > max));
    }
    return result;
  }

  /** The roles of `set` in bucket `b` whose value passes `test` (one native call, not one per role). */
  private idsWhere(set: ReadonlyBitmap, b: number, test: (v: number) => boolean): Uint32Array {
    const inBucket = Bitmap.and(set, this.buckets[b]!);
    const ids = inBucket.toUint32Array();
    inBucket.dispose();
    let n = 0;
    for (let i = 0; i < ids.length; i++) if (test(this.values[ids[i]!]!)) ids[n++] = ids[i]!;
    return ids.subarray(0, n);
  }

  /** Roles of `set` in bucket `from` or above. */
  private rolesFromBucket(set: ReadonlyBitmap, from: number): Bitmap {
    if (from >= this.buckets.length) return new Bitmap();
    if (this.atLeastBoundary && from >= 1) return Bitmap.and(set, this.atLeastBoundary[from]!);
    const result = new Bitmap();
    for (let b = from; b < this.buckets.length; b++) {
      const part = Bitmap.and(set, this.buckets[b]!);
      result.orInPlace(part);
      part.dispose();
    }
    return result;
  }

  private smallSetSize(): number {
    return this.options.smallSet ?? Math.max(256, this.bucketedCount / Math.max(1, this.buckets.length));
  }

  private filterByValue(set: ReadonlyBitmap, keep: (v: number) => boolean): Bitmap {
    const ids = set.toUint32Array();
    const kept = new Uint32Array(ids.length);
    let n = 0;
    for (const id of ids) {
      if (!this.has(id)) continue;
      const v = this.values[id]!;
      if (!Number.isNaN(v) && keep(v)) kept[n++] = id;
    }
    return new Bitmap(kept.subarray(0, n));
  }

  // -------------------------------------------------------------------------------------
  // Walking the order

  /**
   * Entries of the order (numbers only, no nulls) after `from` in the given direction,
   * within [min, max] when given; calls `visit` for each until it returns false or `maxSteps`
   * entries were visited. Returns the number of entries visited and whether the order ran out.
   */
  walk(
    descending: boolean,
    from: SortKey | null,
    bounds: { min?: number; max?: number },
    maxSteps: number,
    visit: (id: number, value: number) => boolean,
  ): { steps: number; exhausted: boolean } {
    // Start: strictly after `from`, and not before the bound on the side we start from.
    let startV: number;
    let startId: number;
    if (!descending) {
      startV = Number.NEGATIVE_INFINITY;
      startId = -1;
      if (bounds.min !== undefined) [startV, startId] = [bounds.min, -1];
      if (from && from[0] !== null && compareKeys(from[0], from[1], startV, startId) > 0) [startV, startId] = [from[0], from[1]];
    } else {
      startV = Number.POSITIVE_INFINITY;
      startId = Number.MAX_SAFE_INTEGER;
      if (bounds.max !== undefined) [startV, startId] = [bounds.max, Number.MAX_SAFE_INTEGER];
      if (from && from[0] !== null && compareKeys(from[0], from[1], startV, startId) < 0) [startV, startId] = [from[0], from[1]];
    }
    const stopBelow = bounds.min ?? Number.NEGATIVE_INFINITY;
    const stopAbove = bounds.max ?? Number.POSITIVE_INFINITY;
    const mainIds = this.mainIds;
    const mainValues = this.mainValues;
    const deltaIds = this.deltaIds;
    const deltaValues = this.deltaValues;
    const shadowed = this.shadowed;
    let steps = 0;

    if (!descending) {
      let m = this.mainSearch(startV, startId, true);
      let d = this.deltaSearch(startV, startId);
      if (d < deltaIds.length && deltaIds[d] === startId && deltaValues[d] === startV) d++;
      for (;;) {
        while (m < this.mainLength && shadowed[mainIds[m]!] === 1) m++;
        const hasM = m < this.mainLength;
        const hasD = d < deltaIds.length;
        if (!hasM && !hasD) return { steps, exhausted: true };
        let id: number;
        let v: number;
        if (hasM && (!hasD || compareKeys(mainValues[m]!, mainIds[m]!, deltaValues[d]!, deltaIds[d]!) < 0)) {
          id = mainIds[m]!;
          v = mainValues[m++]!;
        } else {
          id = deltaIds[d]!;
          v = deltaValues[d++]!;
        }
        if (v > stopAbove) return { steps, exhausted: true };
        if (steps >= maxSteps) return { steps, exhausted: false };
        steps++;
        if (!visit(id, v)) return { steps, exhausted: false };
      }
    }
    let m = this.mainSearch(startV, startId, false);
    let d = this.deltaSearch(startV, startId) - 1;
    for (;;) {
      while (m >= 0 && shadowed[mainIds[m]!] === 1) m--;
      const hasM = m >= 0;
      const hasD = d >= 0;
      if (!hasM && !hasD) return { steps, exhausted: true };
      let id: number;
      let v: number;
      if (hasM && (!hasD || compareKeys(mainValues[m]!, mainIds[m]!, deltaValues[d]!, deltaIds[d]!) > 0)) {
        id = mainIds[m]!;
        v = mainValues[m--]!;
      } else {
        id = deltaIds[d]!;
        v = deltaValues[d--]!;
      }
      if (v < stopBelow) return { steps, exhausted: true };
      if (steps >= maxSteps) return { steps, exhausted: false };
      steps++;
      if (!visit(id, v)) return { steps, exhausted: false };
    }
  }

  /**
   * Ascending: the first main position with key > (v, id). Descending: the last main position
   * with key < (v, id).
   */
  private mainSearch(v: number, id: number, ascending: boolean): number {
    let lo = 0;
    let hi = this.mainLength;
    if (ascending) {
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (compareKeys(this.mainValues[mid]!, this.mainIds[mid]!, v, id) <= 0) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    }
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareKeys(this.mainValues[mid]!, this.mainIds[mid]!, v, id) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /** About how many entries of the order lie within [min, max] (shadowed ones included). */
  spanBetween(min: number | undefined, max: number | undefined): number {
    const lo = min === undefined ? 0 : this.mainSearch(min, -1, true);
    const hi = max === undefined ? this.mainLength : this.mainSearch(max, Number.MAX_SAFE_INTEGER, false) + 1;
    const dLo = min === undefined ? 0 : this.deltaSearch(min, -1);
    const dHi = max === undefined ? this.deltaIds.length : this.deltaSearch(max, Number.MAX_SAFE_INTEGER);
    return Math.max(0, hi - lo) + Math.max(0, dHi - dLo);
  }

  /** Hands everything over to a snapshot (app/search/snapshot.ts); the big parts as sections. */
  saveTo(out: SnapshotOut): unknown {
    return {
      count: this.count,
      values: out.array(this.values),
      present: out.array(this.present),
      shadowed: out.array(this.shadowed),
      mainIds: out.array(this.mainIds.subarray(0, this.mainLength)),
      mainValues: out.array(this.mainValues.subarray(0, this.mainLength)),
      deltaIds: out.array(Uint32Array.from(this.deltaIds)),
      deltaValues: out.array(Float64Array.from(this.deltaValues)),
      nulls: out.bitmap(this.nulls),
      lower: out.array(this.lower),
      highest: out.array(this.highest),
      buckets: out.bitmaps(this.buckets),
      atLeast: this.atLeastBoundary ? out.bitmaps(this.atLeastBoundary) : null,
      bucketedCount: this.bucketedCount,
      sizesWhenBucketed: this.sizesWhenBucketed,
    };
  }

  /** The inverse of saveTo. */
  restoreFrom(saved: unknown, input: SnapshotIn): void {
    const s = saved as Record<string, unknown>;
    this.count = num(s.count, "dimension count");
    this.values = input.array(s.values, "f64");
    this.present = input.array(s.present, "u8");
    this.shadowed = input.array(s.shadowed, "u8");
    this.mainIds = input.array(s.mainIds, "u32");
    this.mainValues = input.array(s.mainValues, "f64");
    this.mainLength = this.mainIds.length;
    this.deltaIds = Array.from(input.array(s.deltaIds, "u32"));
    this.deltaValues = Array.from(input.array(s.deltaValues, "f64"));
    const nulls = input.bitmap(s.nulls);
    this.nulls.clear();
    this.nulls.orInPlace(nulls);
    nulls.dispose();
    this.lower = input.array(s.lower, "f64");
    this.highest = input.array(s.highest, "f64");
    this.buckets = input.bitmaps(s.buckets);
    const rangeSaved = s.atLeast !== null;
    if (rangeSaved !== Boolean(this.options.rangeFilter)) throw new SnapshotError("a dimension's range bitmaps do not match its kind");
    this.atLeastBoundary = rangeSaved ? input.bitmaps(s.atLeast) : null;
    this.bucketedCount = num(s.bucketedCount, "bucketed count");
    if (!Array.isArray(s.sizesWhenBucketed)) throw new SnapshotError("bucket sizes missing");
    this.sizesWhenBucketed = s.sizesWhenBucketed as number[];
    const lengths = [this.present.length, this.shadowed.length];
    if (
      lengths.some((length) => length !== this.values.length) ||
      this.mainValues.length !== this.mainLength ||
      this.deltaIds.length !== this.deltaValues.length ||
      this.lower.length !== this.buckets.length ||
      this.highest.length !== this.buckets.length ||
      (this.atLeastBoundary && this.atLeastBoundary.length !== this.buckets.length)
    ) {
      throw new SnapshotError("a dimension's parts disagree in size");
    }
  }

  /** Heap bytes of the typed arrays and delta (bitmaps are counted by roaring). */
  arrayBytes(): number {
    return (
      this.values.byteLength +
      this.present.byteLength +
      this.shadowed.byteLength +
      this.mainIds.byteLength +
      this.mainValues.byteLength +
      this.deltaIds.length * 16
    );
  }
}
