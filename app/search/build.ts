/**
 * The start-up build in blocks. A BlockBuilder turns documents (ascending ids) into blocks of
 * at most 65,536 ids (one roaring container's range): typed arrays of each role's codes and
 * values, and its keyword postings grouped by term. Blocks hold only typed arrays and strings,
 * so they can be built in worker threads and transferred; SearchIndex.assembler() puts them
 * together in any order. `SearchIndex.build` runs both in one thread.
 */
import { countryKey, DIMENSIONS, dimensionValue, DISCIPLINE_CODE, EMPLOYMENT_CODE, LEVEL_CODE, toolMask, WORKPLACE_CODE, type SearchDocument } from "./document";
import { TermScanner, type BlockPostings } from "./keyword-scan";

const BLOCK = 65_536;

export interface DocumentBlock {
  ids: Uint32Array;
  workplace: Uint8Array;
  level: Uint8Array;
  discipline: Uint8Array;
  employment: Uint8Array;
  /** Each role's countries as an index into `countryKeys` (this block's own list). */
  countries: Int32Array;
  countryKeys: string[];
  tools: Uint16Array;
  company: Int32Array;
  expiresAt: Float64Array;
  /** One row per DIMENSIONS entry: values[d * ids.length + i] (NaN when missing). */
  values: Float64Array;
  fingerprintA: Uint32Array;
  fingerprintB: Uint32Array;
  /** Companies first seen in this block: [id, slug]. */
  companySlugs: [number, string][];
  postings: BlockPostings;
}

/** The buffers a block can hand over to another thread without copying. */
export function transferables(block: DocumentBlock): ArrayBuffer[] {
  const arrays = [
    block.ids,
    block.workplace,
    block.level,
    block.discipline,
    block.employment,
    block.countries,
    block.tools,
    block.company,
    block.expiresAt,
    block.values,
    block.fingerprintA,
    block.fingerprintB,
    block.postings.terms,
    block.postings.offsets,
    block.postings.ids,
  ];
  return arrays.map((array) => array.buffer as ArrayBuffer);
}

export class BlockBuilder {
  private readonly scanner = new TermScanner();
  private block = -1;
  private n = 0;
  private ids = new Uint32Array(BLOCK);
  private workplace = new Uint8Array(BLOCK);
  private level = new Uint8Array(BLOCK);
  private discipline = new Uint8Array(BLOCK);
  private employment = new Uint8Array(BLOCK);
  private countries = new Int32Array(BLOCK);
  private countryKeys = new Map<string, number>();
  private tools = new Uint16Array(BLOCK);
  private company = new Int32Array(BLOCK);
  private expiresAt = new Float64Array(BLOCK);
  private values = new Float64Array(BLOCK * DIMENSIONS.length);
  private fingerprintA = new Uint32Array(BLOCK);
  private fingerprintB = new Uint32Array(BLOCK);
  private companySlugs: [number, string][] = [];
  private knownCompanies = new Map<number, string>();
  private lastId = -1;

  /** `now`: roles whose time has passed are left out. */
  constructor(private readonly now: number) {}

  /** Adds a document; returns the previous block when this one starts a new block. */
  add(doc: SearchDocument): DocumentBlock | null {
    if (!(doc.expiresAt > this.now)) return null;
    const id = doc.id;
    if (id <= this.lastId) throw new Error("BlockBuilder: documents must come in ascending id order");
    this.lastId = id;
    const workplace = WORKPLACE_CODE.get(doc.workplace);
    const level = LEVEL_CODE.get(doc.level);
    const discipline = DISCIPLINE_CODE.get(doc.discipline);
    const employment = EMPLOYMENT_CODE.get(doc.employmentType);
    if (workplace === undefined || level === undefined || discipline === undefined || employment === undefined) {
      throw new Error(`BlockBuilder: role ${id} has an unknown workplace, level, discipline or employment type`);
    }
    const block = id >>> 16;
    const done = block !== this.block && this.n > 0 ? this.take() : null;
    this.block = block;
    const i = this.n++;
    this.ids[i] = id;
    this.workplace[i] = workplace;
    this.level[i] = level;
    this.discipline[i] = discipline;
    this.employment[i] = employment;
    const key = countryKey(doc.countries);
    let code = this.countryKeys.get(key);
    if (code === undefined) this.countryKeys.set(key, (code = this.countryKeys.size));
    this.countries[i] = code;
    this.tools[i] = toolMask(doc.tools);
    this.company[i] = doc.companyId;
    this.expiresAt[i] = doc.expiresAt;
    for (let d = 0; d < DIMENSIONS.length; d++) this.values[d * BLOCK + i] = dimensionValue(doc, DIMENSIONS[d]!) ?? Number.NaN;
    if (this.knownCompanies.get(doc.companyId) !== doc.companySlug) {
      this.knownCompanies.set(doc.companyId, doc.companySlug);
      this.companySlugs.push([doc.companyId, doc.companySlug]);
    }
    const [a, b] = this.scanner.scan(id, doc.companyId, doc.keywords);
    this.fingerprintA[i] = a;
    this.fingerprintB[i] = b;
    return done;
  }

  /** The last, partial block (null when there is none). */
  finish(): DocumentBlock | null {
    return this.n > 0 ? this.take() : null;
  }

  private take(): DocumentBlock {
    const n = this.n;
    const values = new Float64Array(n * DIMENSIONS.length);
    for (let d = 0; d < DIMENSIONS.length; d++) values.set(this.values.subarray(d * BLOCK, d * BLOCK + n), d * n);
    const block: DocumentBlock = {
      ids: this.ids.slice(0, n),
      workplace: this.workplace.slice(0, n),
      level: this.level.slice(0, n),
      discipline: this.discipline.slice(0, n),
      employment: this.employment.slice(0, n),
      countries: this.countries.slice(0, n),
      countryKeys: [...this.countryKeys.keys()],
      tools: this.tools.slice(0, n),
      company: this.company.slice(0, n),
      expiresAt: this.expiresAt.slice(0, n),
      values,
      fingerprintA: this.fingerprintA.slice(0, n),
      fingerprintB: this.fingerprintB.slice(0, n),
      companySlugs: this.companySlugs,
      postings: this.scanner.takePostings(),
    };
    this.n = 0;
    this.companySlugs = [];
    this.countryKeys = new Map();
    return block;
  }
}
