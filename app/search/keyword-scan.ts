/**
 * The keyword half of the start-up build, per role. Kept apart from the bitmaps (no roaring
 * import), so worker threads can run it.
 */
import { withCapacity } from "./growable";
import { termHashA, termHashB, tokenize, TermsFingerprint, type KeywordSource } from "./tokenize";

/** One block's postings, grouped by term: ids of term k are ids[offsets[k], offsets[k + 1]). */
export interface BlockPostings {
  /** Terms first seen in this block, in the order of their (scanner-local) ids. */
  newTerms: string[];
  terms: Uint32Array;
  offsets: Uint32Array;
  ids: Uint32Array;
}

const SEPARATOR = 1;
const NOT_SEPARATOR = 2;
/** Per UTF-16 code unit: 0 not yet known, SEPARATOR, NOT_SEPARATOR. */
const separatorKinds = new Uint8Array(65536);

/** Whether a non-ASCII code unit only separates words, exactly as `tokenize` would treat it. */
function separatorKind(code: number): number {
  let kind = separatorKinds[code]!;
  if (kind === 0) {
    const char = String.fromCharCode(code);
    const plain =
      !(code >= 0xd800 && code <= 0xdfff) &&
      char.normalize("NFKC") === char &&
      char.toLowerCase() === char &&
      !/[\p{L}\p{N}\p{M}\p{Extended_Pictographic}\p{Emoji_Component}]/u.test(char);
    kind = plain ? SEPARATOR : NOT_SEPARATOR;
    separatorKinds[code] = kind;
  }
  return kind;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * The start-up build's keyword half, per document: a million descriptions are half a
 * gigabyte of text, so this is the build's hot loop. ASCII text (nearly all of it) is cut by
 * a scanner that looks each word up in an open-addressing table by hash without making a
 * string for it; any field with other characters goes through `tokenize`, so both give
 * exactly the terms and term order of `documentTerms` (and so the same fingerprint). Each
 * (term, role) pair goes into one flat buffer; `takePostings` groups a block's pairs by term
 * with a counting sort. Term ids are local to the scanner; blocks carry the new terms' text.
 */
export class TermScanner {
  private terms: string[] = [];
  private hashA: Uint32Array = new Uint32Array(1024);
  private hashB: Uint32Array = new Uint32Array(1024);
  private slots: Int32Array = new Int32Array(1 << 16);
  private stampOf: Int32Array = new Int32Array(1024);
  private stamp = 0;
  private currentId = 0;
  private pairTerms: Uint32Array = new Uint32Array(1 << 16);
  private pairIds: Uint32Array = new Uint32Array(1 << 16);
  private pairCount = 0;
  private termsSent = 0;
  private companyTerms = new Map<number, Int32Array>();
  private toolTerms = new Map<string, Int32Array>();

  /** Scans one role's words; returns its fingerprint. */
  scan(id: number, companyId: number, source: KeywordSource): [a: number, b: number] {
    this.stamp++;
    this.currentId = id;
    const first = this.pairCount;
    this.addText(source.title);
    let company = this.companyTerms.get(companyId);
    if (!company || this.companyNames.get(companyId) !== source.companyName) {
      company = this.termIdsOf(source.companyName);
      this.companyTerms.set(companyId, company);
      this.companyNames.set(companyId, source.companyName);
    }
    for (const term of company) this.addTerm(term);
    this.addText(source.description);
    for (const tool of source.tools) {
      let ids = this.toolTerms.get(tool);
      if (!ids) this.toolTerms.set(tool, (ids = this.termIdsOf(tool)));
      for (const term of ids) this.addTerm(term);
    }
    if (source.otherTools) this.addText(source.otherTools);
    // The role's terms are its pairs since `first`, in order of first appearance.
    const fingerprint = new TermsFingerprint();
    for (let k = first; k < this.pairCount; k++) {
      const term = this.pairTerms[k]!;
      fingerprint.add(this.hashA[term]!, this.hashB[term]!);
    }
    return [fingerprint.a, fingerprint.b];
  }

  private companyNames = new Map<number, string>();

  private termIdsOf(text: string): Int32Array {
    return Int32Array.from(tokenize(text).map((term) => this.internString(term)));
  }

  private growPairs(): void {
    const n = this.pairTerms.length;
    const terms = new Uint32Array(n * 2);
    terms.set(this.pairTerms);
    this.pairTerms = terms;
    const ids = new Uint32Array(n * 2);
    ids.set(this.pairIds);
    this.pairIds = ids;
  }

  private addTerm(term: number): void {
    if (this.stampOf[term] === this.stamp) return;
    this.stampOf[term] = this.stamp;
    const n = this.pairCount;
    if (n === this.pairTerms.length) this.growPairs();
    this.pairTerms[n] = term;
    this.pairIds[n] = this.currentId;
    this.pairCount = n + 1;
  }

  /**
   * Scans text in place, word by word, each looked up in the table by its hash (no string is
   * made for a word already known). ASCII letters and digits make words; other ASCII, and
   * non-ASCII characters that NFKC leaves alone and that are neither letters, digits, marks
   * nor emoji (like "×" or "—"), separate them; at any other character the whole field goes
   * through `tokenize` instead (the words already taken are the first words `tokenize`
   * finds, since normalization only changes text around such a character).
   * The table, stamps and pair buffers are read into locals: this loop runs for every
   * character of every description.
   */
  private addText(text: string): void {
    const n = text.length;
    let slots = this.slots;
    let mask = slots.length - 1;
    let hashes = this.hashA;
    const terms = this.terms;
    const stamp = this.stamp;
    const current = this.currentId;
    let stampOf = this.stampOf;
    let pairTerms = this.pairTerms;
    let pairIds = this.pairIds;
    let pairCount = this.pairCount;
    let start = -1;
    let h = FNV_OFFSET;
    for (let i = 0; i <= n; i++) {
      let c = i < n ? text.charCodeAt(i) : 32;
      if (c >= 128) {
        if (separatorKind(c) !== SEPARATOR) {
          this.pairCount = pairCount;
          for (const term of tokenize(text)) this.addTerm(this.internString(term));
          return;
        }
        c = 32;
      } else if (c >= 65 && c <= 90) c += 32;
      if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
        if (start < 0) {
          start = i;
          h = FNV_OFFSET;
        }
        h = Math.imul(h ^ c, FNV_PRIME);
        continue;
      }
      if (start < 0) continue;
      // A word ended: find its term.
      const hash = h >>> 0;
      const length = i - start;
      let id = -1;
      for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
        const entry = slots[slot]!;
        if (entry === 0) {
          id = this.insertTerm(text.slice(start, i).toLowerCase(), hash, slot);
          slots = this.slots;
          mask = slots.length - 1;
          hashes = this.hashA;
          stampOf = this.stampOf;
          break;
        }
        const candidate = entry - 1;
        if (hashes[candidate] !== hash) continue;
        const term = terms[candidate]!;
        if (term.length !== length) continue;
        let k = 0;
        for (; k < length; k++) {
          let d = text.charCodeAt(start + k);
          if (d >= 65 && d <= 90) d += 32;
          if (term.charCodeAt(k) !== d) break;
        }
        if (k === length) {
          id = candidate;
          break;
        }
      }
      start = -1;
      if (stampOf[id] !== stamp) {
        stampOf[id] = stamp;
        if (pairCount === pairTerms.length) {
          this.pairCount = pairCount;
          this.growPairs();
          pairTerms = this.pairTerms;
          pairIds = this.pairIds;
        }
        pairTerms[pairCount] = id;
        pairIds[pairCount++] = current;
      }
    }
    this.pairCount = pairCount;
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
    this.hashA[id] = h;
    this.hashB[id] = termHashB(term);
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

  /** The pairs gathered since the last call, grouped by term (ids stay ascending within a term). */
  takePostings(): BlockPostings {
    const termCount = this.terms.length;
    const counts = new Uint32Array(termCount + 1);
    const n = this.pairCount;
    for (let i = 0; i < n; i++) counts[this.pairTerms[i]! + 1]!++;
    const present: number[] = [];
    for (let t = 0; t < termCount; t++) if (counts[t + 1]! > 0) present.push(t);
    const terms = Uint32Array.from(present);
    const offsets = new Uint32Array(terms.length + 1);
    const cursor = new Uint32Array(termCount);
    let sum = 0;
    for (let k = 0; k < terms.length; k++) {
      offsets[k] = sum;
      cursor[terms[k]!] = sum;
      sum += counts[terms[k]! + 1]!;
    }
    offsets[terms.length] = sum;
    const ids = new Uint32Array(n);
    for (let i = 0; i < n; i++) ids[cursor[this.pairTerms[i]!]!++] = this.pairIds[i]!;
    this.pairCount = 0;
    const newTerms = this.terms.slice(this.termsSent);
    this.termsSent = this.terms.length;
    return { newTerms, terms, offsets, ids };
  }
}

