/**
 * A random board for the search index's property tests (tests/unit/search-index.test.ts,
 * tests/unit/search-market.test.ts): seeded documents with shared prefixes, repeated figures,
 * missing values, short and long lives, and edits that redraw one to three fields.
 */
import { LEVELS, TOOLS, WORKPLACES } from "~/lib/vocabulary";
import type { SearchDocument } from "~/search";

export const DAY = 86_400_000;
export const START = Date.UTC(2026, 10, 1);

/** Words that share prefixes, differ only by case or width, or are not ASCII. */
export const WORDS = [
  "engineer", "engineering", "engine", "Rust", "rusty", "go", "golang", "kubernetes", "kube", "agent", "agents",
  "claude", "🤖", "café", "CAFÉ", "straße", "ｆｕｌｌ", "full", "data", "dat", "ml", "AI", "élan", "naïve", "x1", "2x",
  "platform", "payments", "Ünïcode", "日本語", "senior", "staff",
];
export const SEPARATORS = [" ", " ", " ", "-", ", ", "/", "**", "\n", "(", "'s ", "×", " — ", "’s ", "·", "€"];
export const FIGURES = [0, 0.005, 0.01, 999.99, 1000, 4999, 5000, 12_000, 25_000, 50_000, 99_999, 100_000, 250_000, 300_000];
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
  };
}

/** A changed copy: one to three fields redrawn (the words, the company, figures, dates, facets). */
export function edited(rng: Rng, doc: SearchDocument, now: number): SearchDocument {
  const fresh = randomDocument(rng, doc.id, now);
  const next: SearchDocument = { ...doc, keywords: { ...doc.keywords } };
  for (let i = 1 + rng.int(3); i > 0; i--) {
    switch (rng.int(8)) {
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
