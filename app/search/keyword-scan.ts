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

/** Trie symbols: 0 separates words, 1-26 are a-z (either case), 27-36 are 0-9. */
const SYMBOLS = 37;
const SYMBOL = new Uint8Array(128);
for (let c = 0; c < 26; c++) SYMBOL[97 + c] = SYMBOL[65 + c] = 1 + c;
for (let c = 0; c < 10; c++) SYMBOL[48 + c] = 27 + c;
/** Trie nodes at most (37 transitions of 4 bytes each: about 38 MB); longer tails of rare words are looked up by their text. */
const MAX_TRIE_NODES = 262_144;

/**
 * The start-up build's keyword half, per document: a million descriptions are half a
 * gigabyte of text, so this is the build's hot loop. ASCII words are walked through a trie
 * of the words seen so far, one array read per character and no string made for a word
 * already known (hashing each word and comparing it with its table entry cost about twice
 * as much). ASCII letters and digits make words; other ASCII, and non-ASCII characters that
 * NFKC leaves alone and that are neither letters, digits, marks nor emoji (like "×" or "—"),
 * separate them; at any other character the whole field goes through `tokenize` instead (the
 * words already taken are the first words `tokenize` finds, since normalization only changes
 * text around such a character). Both give exactly the terms and term order of
 * `documentTerms` (and so the same fingerprint). Each (term, role) pair goes into one flat
 * buffer; `takePostings` groups a block's pairs by term with a counting sort. Term ids are
 * local to the scanner; blocks carry the new terms' text.
 */
export class TermScanner {
  private terms: string[] = [];
  private termIndex = new Map<string, number>();
  private hashA: Uint32Array = new Uint32Array(1024);
  private hashB: Uint32Array = new Uint32Array(1024);
  private transitions: Int32Array = new Int32Array(SYMBOLS * 4096);
  private termOfNode: Int32Array = new Int32Array(4096).fill(-1);
  private nodes = 1;
  private stampOf: Int32Array = new Int32Array(1024);
  private stamp = 0;
  private currentId = 0;
  private pairTerms: Uint32Array = new Uint32Array(1 << 16);
  private pairIds: Uint32Array = new Uint32Array(1 << 16);
  private pairCount = 0;
  private termsSent = 0;
  private companyTerms = new Map<number, Int32Array>();
  private companyNames = new Map<number, string>();
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

  /** A new trie node under `node` for `symbol` (or 0 when the trie is full). */
  private growTrie(node: number, symbol: number): number {
    if (this.nodes >= MAX_TRIE_NODES) return 0;
    const next = this.nodes++;
    if (this.nodes * SYMBOLS > this.transitions.length) {
      const transitions = new Int32Array(this.transitions.length * 2);
      transitions.set(this.transitions);
      this.transitions = transitions;
      const termOfNode = new Int32Array(this.termOfNode.length * 2).fill(-1);
      termOfNode.set(this.termOfNode);
      this.termOfNode = termOfNode;
    }
    this.transitions[node * SYMBOLS + symbol] = next;
    return next;
  }

  /** Adds a text's terms to the current role (the trie, stamps and pairs read into locals: this runs per character). */
  private addText(text: string): void {
    const n = text.length;
    let transitions = this.transitions;
    let termOfNode = this.termOfNode;
    const stamp = this.stamp;
    let node = 0;
    // Where the current word started (-1: between words), and whether it left the (full) trie.
    let start = -1;
    let offTrie = false;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      let symbol = 0;
      if (c < 128) symbol = SYMBOL[c]!;
      else if (separatorKind(c) !== SEPARATOR) {
        for (const term of tokenize(text)) this.addTerm(this.internString(term));
        return;
      }
      if (symbol !== 0) {
        if (start < 0) {
          start = i;
          node = 0;
          offTrie = false;
        } else if (offTrie) continue;
        let next = transitions[node * SYMBOLS + symbol]!;
        if (next === 0) {
          next = this.growTrie(node, symbol);
          transitions = this.transitions;
          termOfNode = this.termOfNode;
          if (next === 0) offTrie = true;
        }
        node = next;
      } else if (start >= 0) {
        const term = offTrie || termOfNode[node]! < 0 ? this.termOfWord(text, start, i, offTrie ? -1 : node) : termOfNode[node]!;
        start = -1;
        if (this.stampOf[term] !== stamp) this.addTerm(term);
      }
    }
    if (start >= 0) {
      const term = offTrie || termOfNode[node]! < 0 ? this.termOfWord(text, start, n, offTrie ? -1 : node) : termOfNode[node]!;
      if (this.stampOf[term] !== stamp) this.addTerm(term);
    }
  }

  /** The term of text[start, end), by its text (a word new to the trie node, or off the trie). */
  private termOfWord(text: string, start: number, end: number, node: number): number {
    const term = this.internString(text.slice(start, end).toLowerCase());
    if (node >= 0) this.termOfNode[node] = term;
    return term;
  }

  private internString(term: string): number {
    let id = this.termIndex.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(term);
      this.termIndex.set(term, id);
      this.hashA = withCapacity(this.hashA, id);
      this.hashB = withCapacity(this.hashB, id);
      this.stampOf = withCapacity(this.stampOf, id);
      this.hashA[id] = termHashA(term);
      this.hashB[id] = termHashB(term);
    }
    return id;
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

