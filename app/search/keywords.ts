/**
 * Keyword terms to bitmaps of roles, with prefix lookup over the sorted vocabulary: a query
 * word matches every term it starts ("claud" gives "claude"), their bitmaps are ORed, and the
 * words of a query are ANDed by the caller.
 *
 * Changes stay cheap without keeping each role's terms (a million roles times ~70 terms):
 * each role keeps only a fingerprint of its term sequence. An edit that leaves the words alone
 * (most edits: figures, dates) costs nothing. A role whose words changed becomes *stale*: its
 * new terms are kept aside and overlaid on every lookup (the term bitmaps are read without
 * it, its own terms with it), and roles that left the listing are merely noted (every result
 * is ANDed with the listed roles anyway). Once STALE_LIMIT roles are stale or gone, one pass
 * over the vocabulary removes them from every term bitmap and adds the stale roles' new terms.
 */
import { Bitmap, type ReadonlyBitmap } from "./bitmap";
import { withCapacity } from "./growable";
import type { BlockPostings } from "./keyword-scan";
import { num, SnapshotError, type SnapshotIn, type SnapshotOut } from "./snapshot";
import { documentTerms, fingerprintOf, type KeywordSource } from "./tokenize";

/** Stale plus departed roles that trigger a pass over the vocabulary. */
export const STALE_LIMIT = 4096;
/** Recent word lookups kept (short prefixes union many terms). */
const WORD_CACHE_SIZE = 64;

export class KeywordIndex {
  private postings = new Map<string, Bitmap>();
  /** Every term with a postings bitmap, sorted (UTF-16 order, so a prefix is a contiguous run). */
  private vocabulary: string[] = [];
  private indexed: Uint8Array = new Uint8Array(0);
  private fingerprintA: Uint32Array = new Uint32Array(0);
  private fingerprintB: Uint32Array = new Uint32Array(0);
  private stale = new Bitmap();
  private staleTerms = new Map<number, string[]>();
  private staleByTerm = new Map<string, Set<number>>();
  private gone = new Bitmap();
  /** Recent lookups, kept current by every change (the bitmaps are the index's own). */
  private wordCache = new Map<string, Bitmap>();
  /** Moves whenever a lookup could answer differently. */
  version = 0;

  constructor(private readonly staleLimit = STALE_LIMIT) {}

  /** Takes over what a KeywordBuilder gathered (the start-up build). */
  static fromBuilt(built: BuiltKeywords, staleLimit = STALE_LIMIT): KeywordIndex {
    const index = new KeywordIndex(staleLimit);
    index.postings = built.postings;
    index.vocabulary = built.vocabulary;
    index.indexed = built.indexed;
    index.fingerprintA = built.fingerprintA;
    index.fingerprintB = built.fingerprintB;
    return index;
  }

  get termCount(): number {
    return this.vocabulary.length;
  }

  get staleCount(): number {
    return this.stale.size;
  }

  /** Indexes a listed role's words (new, unchanged or changed). */
  setDocument(id: number, source: KeywordSource): void {
    const terms = documentTerms(source);
    const fingerprint = fingerprintOf(terms);
    this.indexed = withCapacity(this.indexed, id);
    this.fingerprintA = withCapacity(this.fingerprintA, id);
    this.fingerprintB = withCapacity(this.fingerprintB, id);
    if (this.indexed[id] === 1) {
      const wasGone = this.gone.has(id);
      this.gone.remove(id);
      if (this.fingerprintA[id] === fingerprint.a && this.fingerprintB[id] === fingerprint.b) {
        // Back in the listing with the same words: the cached lookups dropped it when it left.
        if (wasGone) this.refreshCachedWords(id, terms);
        return;
      }
      this.version++;
      this.dropStaleTerms(id);
      this.stale.add(id);
      this.staleTerms.set(id, terms);
      for (const term of terms) {
        this.postingsOf(term);
        let holders = this.staleByTerm.get(term);
        if (!holders) this.staleByTerm.set(term, (holders = new Set()));
        holders.add(id);
      }
    } else {
      this.version++;
      for (const term of terms) this.postingsOf(term).add(id);
      this.indexed[id] = 1;
    }
    this.fingerprintA[id] = fingerprint.a;
    this.fingerprintB[id] = fingerprint.b;
    this.refreshCachedWords(id, terms);
    this.compactIfDue();
  }

  /**
   * Cached lookups are kept current rather than dropped: a board gets a new role every few
   * seconds, and a short prefix ("s") unions hundreds of term bitmaps (10 ms at a million
   * roles), so each change puts the one role in or out of each cached word's bitmap instead.
   */
  private refreshCachedWords(id: number, terms: readonly string[] | null): void {
    for (const [word, bitmap] of this.wordCache) {
      if (terms && terms.some((term) => term.startsWith(word))) bitmap.add(id);
      else bitmap.remove(id);
    }
  }

  /** A role left the listing: its postings go at the next pass. */
  forget(id: number): void {
    if (id >= this.indexed.length || this.indexed[id] !== 1) return;
    this.gone.add(id);
    this.refreshCachedWords(id, null);
    this.compactIfDue();
  }

  private dropStaleTerms(id: number): void {
    const old = this.staleTerms.get(id);
    if (!old) return;
    for (const term of old) this.staleByTerm.get(term)?.delete(id);
    this.staleTerms.delete(id);
  }

  private postingsOf(term: string): Bitmap {
    let bitmap = this.postings.get(term);
    if (!bitmap) {
      bitmap = new Bitmap();
      this.postings.set(term, bitmap);
      this.vocabulary.splice(this.lowerBound(term), 0, term);
    }
    return bitmap;
  }

  private lowerBound(word: string): number {
    let lo = 0;
    let hi = this.vocabulary.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.vocabulary[mid]! < word) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The vocabulary's terms that start with `word`. */
  termsStartingWith(word: string): string[] {
    const out: string[] = [];
    for (let i = this.lowerBound(word); i < this.vocabulary.length && this.vocabulary[i]!.startsWith(word); i++) out.push(this.vocabulary[i]!);
    return out;
  }

  /**
   * Roles (listed or not: AND with the listed roles) having a term that starts with `word`.
   * The bitmap is the index's own: read it during this call only, never change or keep it.
   */
  match(word: string): ReadonlyBitmap {
    const cached = this.wordCache.get(word);
    if (cached) {
      this.wordCache.delete(word);
      this.wordCache.set(word, cached);
      return cached;
    }
    const terms = this.termsStartingWith(word);
    const result = terms.length === 0 ? new Bitmap() : Bitmap.orMany(terms.map((term) => this.postings.get(term)!));
    if (this.stale.size > 0) {
      result.andNotInPlace(this.stale);
      for (const term of terms) for (const id of this.staleByTerm.get(term) ?? []) result.add(id);
    }
    this.wordCache.set(word, result);
    if (this.wordCache.size > WORD_CACHE_SIZE) {
      const oldest = this.wordCache.keys().next().value as string;
      this.wordCache.get(oldest)!.dispose();
      this.wordCache.delete(oldest);
    }
    return result;
  }

  dropCache(): void {
    for (const bitmap of this.wordCache.values()) bitmap.dispose();
    this.wordCache.clear();
  }

  private compactIfDue(): void {
    if (this.stale.size + this.gone.size >= this.staleLimit) this.compact();
  }

  /** One pass over the vocabulary: stale and departed roles out, stale roles' new terms in. */
  compact(): void {
    if (this.stale.size === 0 && this.gone.size === 0) return;
    const removal = Bitmap.or(this.stale, this.gone);
    for (const bitmap of this.postings.values()) bitmap.andNotInPlace(removal);
    for (const [id, terms] of this.staleTerms) {
      if (this.gone.has(id)) continue;
      for (const term of terms) this.postings.get(term)!.add(id);
    }
    for (const id of this.gone.toUint32Array()) this.indexed[id] = 0;
    const kept: string[] = [];
    for (const term of this.vocabulary) {
      const bitmap = this.postings.get(term)!;
      if (bitmap.size > 0) kept.push(term);
      else this.postings.delete(term);
    }
    this.vocabulary = kept;
    removal.dispose();
    this.stale.clear();
    this.gone.clear();
    this.staleTerms.clear();
    this.staleByTerm.clear();
    this.version++;
  }

  /** Hands everything but the lookup cache over to a snapshot (app/search/snapshot.ts). */
  saveTo(out: SnapshotOut): unknown {
    return {
      vocabulary: this.vocabulary,
      postings: out.bitmaps(this.vocabulary.map((term) => this.postings.get(term)!)),
      indexed: out.array(this.indexed),
      fingerprintA: out.array(this.fingerprintA),
      fingerprintB: out.array(this.fingerprintB),
      stale: out.bitmap(this.stale),
      staleTerms: [...this.staleTerms],
      gone: out.bitmap(this.gone),
      version: this.version,
    };
  }

  /** The inverse of saveTo. */
  static restoreFrom(saved: unknown, input: SnapshotIn, staleLimit = STALE_LIMIT): KeywordIndex {
    const s = saved as Record<string, unknown>;
    const index = new KeywordIndex(staleLimit);
    if (!Array.isArray(s.vocabulary) || !s.vocabulary.every((term) => typeof term === "string")) throw new SnapshotError("vocabulary missing");
    index.vocabulary = s.vocabulary as string[];
    const postings = input.bitmaps(s.postings);
    if (postings.length !== index.vocabulary.length) throw new SnapshotError("postings and vocabulary disagree");
    index.postings = new Map(index.vocabulary.map((term, i) => [term, postings[i]!]));
    index.indexed = input.array(s.indexed, "u8");
    index.fingerprintA = input.array(s.fingerprintA, "u32");
    index.fingerprintB = input.array(s.fingerprintB, "u32");
    if (index.fingerprintA.length !== index.indexed.length || index.fingerprintB.length !== index.indexed.length) throw new SnapshotError("fingerprints and roles disagree");
    index.stale = input.bitmap(s.stale);
    index.gone = input.bitmap(s.gone);
    if (!Array.isArray(s.staleTerms)) throw new SnapshotError("stale terms missing");
    index.staleTerms = new Map(s.staleTerms as [number, string[]][]);
    for (const [id, terms] of index.staleTerms) {
      for (const term of terms) {
        if (!index.postings.has(term)) throw new SnapshotError("a stale role's term is not in the vocabulary");
        let holders = index.staleByTerm.get(term);
        if (!holders) index.staleByTerm.set(term, (holders = new Set()));
        holders.add(id);
      }
    }
    index.version = num(s.version, "keyword version");
    return index;
  }

  /** Bytes held in typed arrays and term strings (bitmaps are counted by roaring). */
  arrayBytes(): number {
    let strings = 0;
    for (const term of this.vocabulary) strings += 2 * term.length + 32;
    return this.indexed.byteLength + this.fingerprintA.byteLength + this.fingerprintB.byteLength + 2 * strings;
  }
}

export type { BlockPostings } from "./keyword-scan";

export interface BuiltKeywords {
  postings: Map<string, Bitmap>;
  vocabulary: string[];
  indexed: Uint8Array;
  fingerprintA: Uint32Array;
  fingerprintB: Uint32Array;
}

/**
 * The main side of the build: term bitmaps for the whole board from blocks scanned by one or
 * more TermScanners (`source` tells them apart, since their term ids are their own).
 */
export class PostingsAssembler {
  private globalOf: number[][] = [];
  private termIndex = new Map<string, number>();
  private terms: string[] = [];
  private bitmaps: Bitmap[] = [];

  add(source: number, postings: BlockPostings): void {
    const map = (this.globalOf[source] ??= []);
    for (const term of postings.newTerms) {
      let global = this.termIndex.get(term);
      if (global === undefined) {
        global = this.terms.length;
        this.terms.push(term);
        this.bitmaps.push(new Bitmap());
        this.termIndex.set(term, global);
      }
      map.push(global);
    }
    const { terms, offsets, ids } = postings;
    for (let k = 0; k < terms.length; k++) {
      this.bitmaps[map[terms[k]!]!]!.addMany(ids.subarray(offsets[k]!, offsets[k + 1]!));
    }
  }

  finish(indexed: Uint8Array, fingerprintA: Uint32Array, fingerprintB: Uint32Array): BuiltKeywords {
    const postings = new Map<string, Bitmap>();
    for (let id = 0; id < this.terms.length; id++) {
      const bitmap = this.bitmaps[id]!;
      if (bitmap.size === 0) continue;
      bitmap.runOptimize();
      bitmap.shrinkToFit();
      postings.set(this.terms[id]!, bitmap);
    }
    const vocabulary = [...postings.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return { postings, vocabulary, indexed, fingerprintA, fingerprintB };
  }
}
