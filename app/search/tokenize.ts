/**
 * Words for keyword search. A document's text and a visitor's query are cut the same way:
 * NFKC-normalized, lower-cased, into runs of letters and digits, and each emoji on its own
 * (so "🤖" finds roles that say 🤖). Everything else (punctuation, FTS-like syntax such as
 * `"`, `*`, `NEAR(`) separates words and never means anything.
 */

const WORD = /[\p{L}\p{N}]+|\p{Extended_Pictographic}/gu;

/** At most this many query words are searched for; more are ignored (as before the index). */
export const MAX_QUERY_WORDS = 8;

/** The distinct words of a text, in order of first appearance. */
export function tokenize(text: string): string[] {
  const words = text.normalize("NFKC").toLowerCase().match(WORD);
  return words ? [...new Set(words)] : [];
}

/** The words of a keyword query: distinct, at most MAX_QUERY_WORDS. */
export function queryWords(q: string | undefined): string[] {
  if (!q) return [];
  return tokenize(q).slice(0, MAX_QUERY_WORDS);
}

/** The fields of a role that keyword search reads. */
export interface KeywordSource {
  title: string;
  companyName: string;
  description: string;
  /** Tool slugs ("claude-code" gives "claude" and "code"). */
  tools: readonly string[];
  otherTools: string;
}

/** A role's distinct words over all its keyword fields, in order of first appearance. */
export function documentTerms(source: KeywordSource): string[] {
  const terms = new Set<string>();
  for (const text of [source.title, source.companyName, source.description, ...source.tools, source.otherTools]) {
    for (const term of tokenize(text)) terms.add(term);
  }
  return [...terms];
}

/** FNV-1a over a string's UTF-16 code units. */
export function termHashA(term: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) h = Math.imul(h ^ term.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A second, independent hash (multiply-xorshift), so two differ only with odds of 2^-64. */
export function termHashB(term: string): number {
  let h = 0x9e3779b9 ^ term.length;
  for (let i = 0; i < term.length; i++) {
    h = Math.imul(h ^ term.charCodeAt(i), 0x5bd1e995);
    h ^= h >>> 13;
  }
  return h >>> 0;
}

/**
 * A fingerprint of a role's term sequence: when it is unchanged, so are its keyword postings
 * and an edit costs the keyword index nothing. Folds each term's two hashes in order.
 */
export class TermsFingerprint {
  a = 0x2545f491;
  b = 0x6c8e9cf5;
  add(hashA: number, hashB: number): void {
    this.a = Math.imul(this.a ^ hashA, 0x01000193) >>> 0;
    this.b = Math.imul((this.b ^ hashB) + 0x7f4a7c15, 0x5bd1e995) >>> 0;
  }
}

export function fingerprintOf(terms: readonly string[]): TermsFingerprint {
  const fingerprint = new TermsFingerprint();
  for (const term of terms) fingerprint.add(termHashA(term), termHashB(term));
  return fingerprint;
}
