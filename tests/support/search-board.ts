/**
 * A random board and a brute-force reading of it, shared by the search index's property tests
 * (tests/unit/search-index.test.ts, search-snapshot.test.ts, search-market.test.ts): random documents and
 * edits, random filters, sorts and cursors, and the checks of a page, its cursor and the
 * counts against filtering and sorting every document by hand.
 */
import { expect } from "vitest";
import { BUDGET_BUCKETS, POSTED_WITHIN_DAYS, SORTS, type SearchFilters, type Sort } from "~/lib/search-params";
import { DISCIPLINES, EMPLOYMENT_TYPES, LEVELS, TOOLS, WORKPLACES, type Discipline, type EmploymentType, type Level, type Tool, type Workplace } from "~/lib/vocabulary";
import { dimensionValue, queryWords, SearchIndex, SORT_ORDERS, tokenize, TOP_COMPANIES, type SearchDocument, type SearchTuning, type SortKey } from "~/search";

export const BOARD = 10_000;
export const DAY = 86_400_000;
export const START = Date.UTC(2026, 10, 1);

/** Words that share prefixes, differ only by case or width, or are not ASCII. */
export const WORDS = [
  "engineer", "engineering", "engine", "Rust", "rusty", "go", "golang", "kubernetes", "kube", "agent", "agents",
  "claude", "🤖", "café", "CAFÉ", "straße", "ｆｕｌｌ", "full", "data", "dat", "ml", "AI", "élan", "naïve", "x1", "2x",
  "platform", "payments", "Ünïcode", "日本語", "senior", "staff",
];
export const QUERY_WORDS = ["e", "en", "eng", "engineer", "engineers", "ru", "RUST", "kube", "🤖", "caf", "café", "straß", "full", "ｆｕ", "zz", "a", "ai", "dat", "日本", "ü", "2", "x1"];
export const SEPARATORS = [" ", " ", " ", "-", ", ", "/", "**", "\n", "(", "'s ", "×", " — ", "’s ", "·", "€"];
export const FIGURES = [0, 0.005, 0.01, 999.99, 1000, 4999, 5000, 12_000, 25_000, 50_000, 99_999, 100_000, 250_000, 300_000];
export const COUNTRIES = ["US", "CA", "GB", "DE", "NL", "FR", "IN", "JP"];
export const COMPANIES = Array.from({ length: 30 }, (_, i) => ({ id: i + 1, slug: `company-${i + 1}`, name: `${WORDS[i % WORDS.length]} Labs ${i + 1}` }));

/** A small deterministic generator, so a failing run can be replayed from its seed. */
export class Rng {
  constructor(private state: number) {}
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

export function text(rng: Rng, words: number): string {
  let out = "";
  for (let i = 0; i < words; i++) out += (i ? rng.pick(SEPARATORS) : "") + rng.pick(WORDS);
  return out;
}

export function figure(rng: Rng): number | null {
  if (rng.chance(0.04)) return null;
  return rng.chance(0.5) ? rng.pick(FIGURES) : rng.int(400_000);
}

export function randomDocument(rng: Rng, id: number, now: number): SearchDocument {
  const company = rng.pick(COMPANIES);
  const tools = TOOLS.filter(() => rng.chance(0.3));
  // Hours, so many roles share a publication time (ties are broken by id).
  const publishedAt = now - rng.int(55 * 24) * 3_600_000;
  return {
    id,
    companyId: company.id,
    companySlug: company.slug,
    workplace: rng.pick(WORKPLACES),
    level: rng.pick(LEVELS),
    tools,
    publishedAt,
    expiresAt: publishedAt + (rng.chance(0.2) ? rng.int(10) * DAY : 60 * DAY),
    tokenUsdPerYear: figure(rng),
    salaryMaxUsd: figure(rng),
    totalMaxUsd: figure(rng),
    inferenceShare: rng.chance(0.04) ? null : rng.pick([0, 0.1, 0.25, 0.5, 1, rng.next()]),
    keywords: { title: text(rng, 3), companyName: company.name, description: text(rng, 2 + rng.int(12)), tools, otherTools: rng.chance(0.1) ? text(rng, 1) : "" },
    discipline: rng.pick(DISCIPLINES),
    employmentType: rng.chance(0.7) ? "FULL_TIME" : rng.pick(EMPLOYMENT_TYPES),
    // None (anywhere), one, or a few, sometimes repeated or out of order.
    countries: Array.from({ length: rng.pick([0, 1, 1, 1, 2, 3]) }, () => rng.pick(COUNTRIES)),
  };
}

/** A changed copy: one to three fields redrawn (the words, the company, figures, dates, facets). */
export function edited(rng: Rng, doc: SearchDocument, now: number): SearchDocument {
  const fresh = randomDocument(rng, doc.id, now);
  const next: SearchDocument = { ...doc, keywords: { ...doc.keywords } };
  for (let i = 1 + rng.int(3); i > 0; i--) {
    switch (rng.int(9)) {
      case 0:
        next.keywords = { ...next.keywords, title: fresh.keywords.title, description: fresh.keywords.description };
        break;
      case 1:
        Object.assign(next, { companyId: fresh.companyId, companySlug: fresh.companySlug });
        next.keywords = { ...next.keywords, companyName: fresh.keywords.companyName };
        break;
      case 2:
        next.tools = fresh.tools;
        next.keywords = { ...next.keywords, tools: fresh.tools };
        break;
      case 3:
        Object.assign(next, { tokenUsdPerYear: fresh.tokenUsdPerYear, salaryMaxUsd: fresh.salaryMaxUsd });
        break;
      case 4:
        Object.assign(next, { totalMaxUsd: fresh.totalMaxUsd, inferenceShare: fresh.inferenceShare });
        break;
      case 5:
        Object.assign(next, { workplace: fresh.workplace, level: fresh.level });
        break;
      case 7:
        Object.assign(next, { discipline: fresh.discipline, employmentType: fresh.employmentType, countries: fresh.countries });
        break;
      case 6:
        // Renewed (or shortened).
        next.expiresAt = now + rng.int(20) * DAY + 1;
        break;
      default:
        Object.assign(next, { publishedAt: fresh.publishedAt, expiresAt: fresh.expiresAt });
    }
  }
  return next;
}

// ---------------------------------------------------------------------------------------
// The brute-force reading

export interface Model {
  docs: Map<number, SearchDocument>;
  terms: Map<number, string[]>;
  now: number;
}

export function setDoc(model: Model, doc: SearchDocument): void {
  model.docs.set(doc.id, doc);
  const k = doc.keywords;
  model.terms.set(doc.id, [k.title, k.companyName, k.description, ...k.tools, k.otherTools].flatMap(tokenize));
}

/** The facets whose counts ignore their own choice. */
export type ChoiceFacet = "workplace" | "level" | "discipline" | "employmentType" | "country" | "company" | "postedWithin";

export function matches(model: Model, doc: SearchDocument, f: SearchFilters, ignore: { [facet in ChoiceFacet]?: boolean } = {}): boolean {
  if (!(doc.expiresAt > model.now)) return false;
  const inRange = (value: number | null, min?: number, max?: number) =>
    (min === undefined || (value !== null && value >= min)) && (max === undefined || (value !== null && value <= max));
  if (!inRange(doc.tokenUsdPerYear, f.minTokenBudget, f.maxTokenBudget)) return false;
  if (!inRange(doc.salaryMaxUsd, f.minSalary)) return false;
  if (!ignore.workplace && f.workplace.length && !f.workplace.includes(doc.workplace)) return false;
  if (!ignore.level && f.level.length && !f.level.includes(doc.level)) return false;
  if (!f.tool.every((t) => doc.tools.includes(t))) return false;
  if (!ignore.discipline && f.discipline?.length && !f.discipline.includes(doc.discipline)) return false;
  if (!ignore.employmentType && f.employmentType?.length && !f.employmentType.includes(doc.employmentType)) return false;
  if (!ignore.country && f.country?.length && !f.country.some((code) => doc.countries.includes(code))) return false;
  if (!ignore.postedWithin && f.postedWithin !== undefined && !(doc.publishedAt >= model.now - f.postedWithin * DAY)) return false;
  if (!ignore.company && f.company !== undefined && doc.companySlug !== f.company) return false;
  const terms = model.terms.get(doc.id)!;
  return queryWords(f.q).every((word) => terms.some((term) => term.startsWith(word)));
}

export function expectedOrder(model: Model, f: SearchFilters, sort: Sort): SearchDocument[] {
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

export function expectedAggregates(model: Model, f: SearchFilters) {
  const listed = [...model.docs.values()];
  const results = listed.filter((d) => matches(model, d, f));
  // Each choice facet counts the roles matching every other filter.
  const without = (facet: ChoiceFacet) => listed.filter((d) => matches(model, d, f, { [facet]: true }));
  const tally = <T extends string>(values: readonly T[], docs: SearchDocument[], has: (d: SearchDocument, v: T) => boolean) =>
    Object.fromEntries(values.map((v) => [v, docs.filter((d) => has(d, v)).length]));
  const byCountry = without("country");
  const countries = [...new Set([...byCountry.flatMap((d) => d.countries), ...(f.country ?? [])])]
    .map((code) => ({ code, count: byCountry.filter((d) => d.countries.includes(code)).length }))
    .filter(({ code, count }) => count > 0 || f.country?.includes(code))
    .sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1));
  const byCompany = without("company");
  const companies = COMPANIES.map(({ slug }) => ({ slug, count: byCompany.filter((d) => d.companySlug === slug).length }))
    .filter(({ count }) => count > 0)
    .sort((a, b) => b.count - a.count || (a.slug < b.slug ? -1 : 1))
    .slice(0, TOP_COMPANIES);
  if (f.company !== undefined && !companies.some((c) => c.slug === f.company)) {
    companies.push({ slug: f.company, count: byCompany.filter((d) => d.companySlug === f.company).length });
  }
  const byPosted = without("postedWithin");
  return {
    total: results.length,
    workplace: tally(WORKPLACES, without("workplace"), (d, w) => d.workplace === w),
    level: tally(LEVELS, without("level"), (d, l) => d.level === l),
    discipline: tally(DISCIPLINES, without("discipline"), (d, v) => d.discipline === v),
    employmentType: tally(EMPLOYMENT_TYPES, without("employmentType"), (d, v) => d.employmentType === v),
    country: countries,
    postedWithin: Object.fromEntries(POSTED_WITHIN_DAYS.map((days) => [String(days), byPosted.filter((d) => d.publishedAt >= model.now - days * DAY).length])),
    company: companies,
    tool: tally(TOOLS, results, (d, t) => d.tools.includes(t)),
    budgetHistogram: BUDGET_BUCKETS.map((b) => results.filter((d) => d.tokenUsdPerYear !== null && d.tokenUsdPerYear >= b.from && d.tokenUsdPerYear < b.to).length),
  };
}

// ---------------------------------------------------------------------------------------
// Random queries and changes

export const TUNINGS: SearchTuning[] = [
  { smallResult: 2048, walkBudget: 4096 },
  { smallResult: 0, walkBudget: 1_000_000 },
  { smallResult: 0, walkBudget: 0 },
  { smallResult: 0, walkBudget: 40 },
  { smallResult: 1_000_000, walkBudget: 0 },
];

export function subset<T>(rng: Rng, list: readonly T[], p: number): T[] {
  return list.filter(() => rng.chance(p));
}

export function randomFilters(rng: Rng, model: Model): SearchFilters {
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
  if (rng.chance(0.25)) f.discipline = subset(rng, DISCIPLINES, 0.25) as Discipline[];
  if (rng.chance(0.2)) f.employmentType = subset(rng, EMPLOYMENT_TYPES, 0.4) as EmploymentType[];
  // Sometimes a country no role names.
  if (rng.chance(0.25)) f.country = subset(rng, [...COUNTRIES, "ZZ"], 0.25);
  if (rng.chance(0.25)) f.postedWithin = rng.pick(POSTED_WITHIN_DAYS);
  return f;
}

export function keyOf(doc: SearchDocument, sort: Sort): SortKey {
  return [dimensionValue(doc, SORT_ORDERS[sort].dimension), doc.id];
}

export function checkQuery(index: SearchIndex, model: Model, rng: Rng): void {
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

  // The page before a random role (a Previous link): the roles just before it, in order.
  if (expected.length && rng.chance(0.5)) {
    const at = rng.int(expected.length);
    const back = index.pageBefore({ filters, sort, before: keyOf(expected[at]!, sort), limit }, model.now, tuning);
    const from = Math.max(0, at - limit);
    expect(back.ids, `${label} before ${at} limit ${limit}`).toEqual(expected.slice(from, at).map((d) => d.id));
    expect(back.previousKey, label).toEqual(from > 0 ? keyOf(expected[from]!, sort) : null);
  }

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

/** One random change to the board and the index alike; `publish` makes a new role (default randomDocument). */
export function applyChange(
  index: SearchIndex,
  model: Model,
  rng: Rng,
  closed: Map<number, SearchDocument>,
  nextId: { value: number },
  publish: (rng: Rng, id: number, now: number) => SearchDocument = randomDocument,
): void {
  const ids = [...model.docs.keys()];
  switch (rng.int(6)) {
    case 0: {
      const doc = publish(rng, nextId.value++, model.now);
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

