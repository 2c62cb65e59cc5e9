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
import { documentTerms, fingerprintOf, termHashA, termHashB, tokenize, TermsFingerprint, type KeywordSource } from "./tokenize";

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
  private wordCache = new Map<string, Bitmap>();
  private cachedAt = -1;
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
      this.gone.remove(id);
      if (this.fingerprintA[id] === fingerprint.a && this.fingerprintB[id] === fingerprint.b) return;
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
    this.compactIfDue();
  }

  /** A role left the listing: its postings go at the next pass. */
  forget(id: number): void {
    if (id >= this.indexed.length || this.indexed[id] !== 1) return;
    this.gone.add(id);
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
   * The bitmap is shared: do not change it.
   */
  match(word: string): ReadonlyBitmap {
    // Evicted bitmaps are left to the garbage collector: a caller may still hold one.
    if (this.cachedAt !== this.version) {
      this.wordCache.clear();
      this.cachedAt = this.version;
    }
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
      this.wordCache.delete(this.wordCache.keys().next().value as string);
    }
    return result;
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

  /** Bytes held in typed arrays and term strings (bitmaps are counted by roaring). */
  arrayBytes(): number {
    let strings = 0;
    for (const term of this.vocabulary) strings += 2 * term.length + 32;
    return this.indexed.byteLength + this.fingerprintA.byteLength + this.fingerprintB.byteLength + 2 * strings;
  }
}

export interface BuiltKeywords {
  postings: Map<string, Bitmap>;
  vocabulary: string[];
  indexed: Uint8Array;
  fingerprintA: Uint32Array;
  fingerprintB: Uint32Array;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * The start-up build of the keyword index: a million descriptions are half a gigabyte of
 * text, so this is the build's hot loop. ASCII text (nearly all of it) is cut by a scanner that
 * looks each word up in an open-addressing table by hash without making a string for it; any
 * field with other characters goes through `tokenize`, so both give exactly the terms and
 * term order of `documentTerms`. Roles must come in ascending id order: postings are gathered
 * per block of 65,536 ids (one roaring container) and appended to the bitmaps block by block.
 */
export class KeywordBuilder {
  private terms: string[] = [];
  private hashA: Uint32Array = new Uint32Array(1024);
  private hashB: Uint32Array = new Uint32Array(1024);
  private slots: Int32Array = new Int32Array(1 << 16);
  private stampOf: Int32Array = new Int32Array(1024);
  private stamp = 0;
  private fingerprint = new TermsFingerprint();

  private pending: Uint32Array[] = [];
  private pendingLength: Int32Array = new Int32Array(1024);
  private touched: number[] = [];
  private block = -1;
  private bitmaps: Bitmap[] = [];

  private companyTerms = new Map<number, Int32Array>();
  private toolTerms = new Map<string, Int32Array>();
  private indexed: Uint8Array = new Uint8Array(0);
  private fingerprintA: Uint32Array = new Uint32Array(0);
  private fingerprintB: Uint32Array = new Uint32Array(0);
  private lastId = -1;

  addDocument(id: number, companyId: number, source: KeywordSource): void {
    if (id <= this.lastId) throw new Error("KeywordBuilder: documents must come in ascending id order");
    this.lastId = id;
    const block = id >>> 16;
    if (block !== this.block) {
      this.flush();
      this.block = block;
    }
    this.stamp++;
    this.fingerprint = new TermsFingerprint();
    this.currentId = id;
    this.addText(source.title);
    let company = this.companyTerms.get(companyId);
    if (!company) this.companyTerms.set(companyId, (company = this.termIdsOf(source.companyName)));
    for (const term of company) this.addTerm(term);
    this.addText(source.description);
    for (const tool of source.tools) {
      let ids = this.toolTerms.get(tool);
      if (!ids) this.toolTerms.set(tool, (ids = this.termIdsOf(tool)));
      for (const term of ids) this.addTerm(term);
    }
    if (source.otherTools) this.addText(source.otherTools);
    this.indexed = withCapacity(this.indexed, id);
    this.fingerprintA = withCapacity(this.fingerprintA, id);
    this.fingerprintB = withCapacity(this.fingerprintB, id);
    this.indexed[id] = 1;
    this.fingerprintA[id] = this.fingerprint.a;
    this.fingerprintB[id] = this.fingerprint.b;
  }

  private currentId = 0;

  private termIdsOf(text: string): Int32Array {
    return Int32Array.from(tokenize(text).map((term) => this.internString(term)));
  }

  private addTerm(term: number): void {
    if (this.stampOf[term] === this.stamp) return;
    this.stampOf[term] = this.stamp;
    this.fingerprint.add(this.hashA[term]!, this.hashB[term]!);
    let list = this.pending[term];
    const length = this.pendingLength[term]!;
    if (!list || length === list.length) {
      const grown = new Uint32Array(Math.max(16, length * 2));
      if (list) grown.set(list);
      this.pending[term] = list = grown;
    }
    if (length === 0) this.touched.push(term);
    list[length] = this.currentId;
    this.pendingLength[term] = length + 1;
  }

  /** Scans ASCII text in place; falls back to `tokenize` at the first other character. */
  private addText(text: string): void {
    const n = text.length;
    let start = -1;
    let h = FNV_OFFSET;
    for (let i = 0; i < n; i++) {
      let c = text.charCodeAt(i);
      if (c >= 128) {
        for (const term of tokenize(text)) this.addTerm(this.internString(term));
        return;
      }
      if (c >= 65 && c <= 90) c += 32;
      if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
        if (start < 0) {
          start = i;
          h = FNV_OFFSET;
        }
        h = Math.imul(h ^ c, FNV_PRIME);
      } else if (start >= 0) {
        this.addTerm(this.internRange(text, start, i, h >>> 0));
        start = -1;
      }
    }
    if (start >= 0) this.addTerm(this.internRange(text, start, n, h >>> 0));
  }

  /** The id of the lower-cased ASCII word text[start, end), whose FNV-1a hash is h. */
  private internRange(text: string, start: number, end: number, h: number): number {
    const length = end - start;
    const mask = this.slots.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]!;
      if (entry === 0) return this.insertTerm(text.slice(start, end).toLowerCase(), h, slot);
      const id = entry - 1;
      if (this.hashA[id] !== h) continue;
      const term = this.terms[id]!;
      if (term.length !== length) continue;
      let same = true;
      for (let k = 0; k < length; k++) {
        let c = text.charCodeAt(start + k);
        if (c >= 65 && c <= 90) c += 32;
        if (term.charCodeAt(k) !== c) {
          same = false;
          break;
        }
      }
      if (same) return id;
    }
  }

  private internString(term: string): number {
    const h = termHashA(term);
    const mask = this.slots.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]!;
      if (entry === 0) return this.insertTerm(term, h, slot);
      if (this.terms[entry - 1] === term) return entry - 1;
    }
  }

  private insertTerm(term: string, h: number, slot: number): number {
    const id = this.terms.length;
    this.terms.push(term);
    this.hashA = withCapacity(this.hashA, id);
    this.hashB = withCapacity(this.hashB, id);
    this.stampOf = withCapacity(this.stampOf, id);
    this.pendingLength = withCapacity(this.pendingLength, id);
    this.hashA[id] = h;
    this.hashB[id] = termHashB(term);
    this.bitmaps.push(new Bitmap());
    this.slots[slot] = id + 1;
    if (this.terms.length * 2 > this.slots.length) this.growTable();
    return id;
  }

  private growTable(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 0; id < this.terms.length; id++) {
      let slot = this.hashA[id]! & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    }
    this.slots = slots;
  }

  private flush(): void {
    for (const term of this.touched) {
      this.bitmaps[term]!.addMany(this.pending[term]!.subarray(0, this.pendingLength[term]!));
      this.pendingLength[term] = 0;
    }
    this.touched = [];
  }

  finish(): BuiltKeywords {
    this.flush();
    this.pending = [];
    const postings = new Map<string, Bitmap>();
    for (let id = 0; id < this.terms.length; id++) {
      const bitmap = this.bitmaps[id]!;
      bitmap.runOptimize();
      bitmap.shrinkToFit();
      postings.set(this.terms[id]!, bitmap);
    }
    const vocabulary = [...this.terms].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return { postings, vocabulary, indexed: this.indexed, fingerprintA: this.fingerprintA, fingerprintB: this.fingerprintB };
  }
}
