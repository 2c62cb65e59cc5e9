/**
 * Deterministic demo data for Tokenboard: a seeded PRNG, invented companies, roles with full
 * packages (salary, bonus, equity, token budget), pricing bases and exchange rates.
 *
 * Everything here is pure: no database, no clock, no Math.random. The same seed, reference
 * time and sizes always give the same values in the same order. `db/seed.ts` writes them.
 *
 * All company names are invented. Tool and model names are real products (they are what a
 * listing offers), employers never are.
 */
import type { StatedCompensation } from "../app/lib/normalize";
import { slugify } from "../app/lib/slug";
import {
  TOOL_LABELS,
  type Currency,
  type Discipline,
  type EmploymentType,
  type EquityKind,
  type Level,
  type SizeBand,
  type TokenCap,
  type TokenPeriod,
  type TokenScope,
  type TokenUnit,
  type Tool,
  type Workplace,
} from "../app/lib/vocabulary";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

// ---------------------------------------------------------------------------------------
// PRNG

/** 32-bit seed mixing (splitmix32 finalizer); also used to derive independent streams. */
export function mix32(value: number): number {
  let z = (value + 0x9e3779b9) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Seed of an independent stream for one purpose ("companies", "roles", ...). */
export function deriveSeed(seed: number, label: string): number {
  let h = mix32(seed >>> 0);
  for (let i = 0; i < label.length; i++) h = mix32(h ^ label.charCodeAt(i));
  return h;
}

/** sfc32: small, fast, well-distributed; state fully determined by the seed. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = mix32(seed);
    this.b = mix32(this.a ^ 0x5bd1e995);
    this.c = mix32(this.b ^ 0x27d4eb2f);
    this.d = 1;
    for (let i = 0; i < 15; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4_294_967_296;
  }

  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Uniform real in [min, max). */
  range(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)] as T;
  }
}

/** A weighted choice, cumulative weights precomputed. */
export class Weighted<T> {
  readonly values: readonly T[];
  private readonly cumulative: number[];
  readonly total: number;

  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    const values: T[] = [];
    const cumulative: number[] = [];
    let total = 0;
    for (const [value, weight] of entries) {
      if (!(weight > 0)) continue;
      total += weight;
      values.push(value);
      cumulative.push(total);
    }
    if (values.length === 0) throw new Error("Weighted: no entry with a positive weight");
    this.values = values;
    this.cumulative = cumulative;
    this.total = total;
  }

  pick(rng: Rng): T {
    const x = rng.next() * this.total;
    const cumulative = this.cumulative;
    for (let i = 0; i < cumulative.length; i++) {
      if (x < (cumulative[i] as number)) return this.values[i] as T;
    }
    return this.values[this.values.length - 1] as T;
  }
}

// ---------------------------------------------------------------------------------------
// Pricing bases and exchange rates

export interface PricingBasisSeed {
  slug: string;
  modelName: string;
  provider: string;
  usdPerMInput: number;
  usdPerMOutput: number;
  usdPerMCachedInput: number | null;
  inputShare: number;
  asOf: string;
  sourceUrl: string;
  isDefault: boolean;
}

export const PRICING_AS_OF = "2025-11-24";
/** Agentic coding reads far more context than it writes. */
const CODING_INPUT_SHARE = 0.75;
const ANTHROPIC_PRICING = "https://www.anthropic.com/pricing#api";
const OPENAI_PRICING = "https://openai.com/api/pricing/";
const GOOGLE_PRICING = "https://ai.google.dev/gemini-api/docs/pricing";

export const DEFAULT_PRICING_BASIS_SLUG = "claude-sonnet-4-5";

export const PRICING_BASES: readonly PricingBasisSeed[] = [
  basis("claude-sonnet-4-5", "Claude Sonnet 4.5", "Anthropic", 3, 15, 0.3, ANTHROPIC_PRICING, true),
  basis("claude-opus-4-5", "Claude Opus 4.5", "Anthropic", 5, 25, 0.5, ANTHROPIC_PRICING),
  basis("claude-haiku-4-5", "Claude Haiku 4.5", "Anthropic", 1, 5, 0.1, ANTHROPIC_PRICING),
  basis("gpt-5", "GPT-5", "OpenAI", 1.25, 10, 0.125, OPENAI_PRICING),
  basis("gpt-5-mini", "GPT-5 mini", "OpenAI", 0.25, 2, 0.025, OPENAI_PRICING),
  basis("gemini-2-5-pro", "Gemini 2.5 Pro", "Google", 1.25, 10, null, GOOGLE_PRICING),
  basis("gemini-2-5-flash", "Gemini 2.5 Flash", "Google", 0.3, 2.5, null, GOOGLE_PRICING),
];

function basis(
  slug: string,
  modelName: string,
  provider: string,
  usdPerMInput: number,
  usdPerMOutput: number,
  usdPerMCachedInput: number | null,
  sourceUrl: string,
  isDefault = false,
): PricingBasisSeed {
  return {
    slug,
    modelName,
    provider,
    usdPerMInput,
    usdPerMOutput,
    usdPerMCachedInput,
    inputShare: CODING_INPUT_SHARE,
    asOf: PRICING_AS_OF,
    sourceUrl,
    isDefault,
  };
}

export const EXCHANGE_RATES_AS_OF = "2026-11-01";
/** USD for one unit of each currency. */
export const EXCHANGE_RATES: Readonly<Record<Currency, number>> = {
  USD: 1,
  EUR: 1.16,
  GBP: 1.33,
  CAD: 0.72,
  CHF: 1.25,
  AUD: 0.66,
  SEK: 0.106,
  JPY: 0.0066,
  INR: 0.0113,
  SGD: 0.77,
};

/** Salaries are stated in round numbers of about $5k, in each currency's own magnitude. */
const SALARY_STEP: Readonly<Record<Currency, number>> = {
  USD: 5_000,
  EUR: 5_000,
  GBP: 5_000,
  CAD: 5_000,
  CHF: 5_000,
  AUD: 5_000,
  SGD: 5_000,
  SEK: 50_000,
  JPY: 500_000,
  INR: 100_000,
};

// ---------------------------------------------------------------------------------------
// Markets (where a role is, its currency and pay level relative to the US average)

interface Market {
  key: string;
  location: string;
  countryCodes: string;
  /** Country of a city (for headquarters and home markets); "" for remote regions. */
  country: string;
  currency: Currency;
  /** Pay in USD relative to a US-average market. */
  payFactor: number;
  remote: boolean;
  /** How common the market is among listings overall. */
  weight: number;
  /** Headquarters label for a company based here. */
  headquarters?: string;
}

const EU_COUNTRIES = "AT,BE,BG,CY,CZ,DE,DK,EE,ES,FI,FR,GR,HR,HU,IE,IT,LT,LU,LV,MT,NL,PL,PT,RO,SE,SI,SK";

const MARKETS: readonly Market[] = [
  city("sf", "San Francisco, CA", "US", "USD", 1.12, 14),
  city("nyc", "New York, NY", "US", "USD", 1.1, 12),
  city("sea", "Seattle, WA", "US", "USD", 1.05, 6),
  city("bos", "Boston, MA", "US", "USD", 1.0, 4),
  city("aus", "Austin, TX", "US", "USD", 0.93, 4),
  city("den", "Denver, CO", "US", "USD", 0.92, 3),
  city("chi", "Chicago, IL", "US", "USD", 0.9, 3),
  city("la", "Los Angeles, CA", "US", "USD", 1.0, 3),
  city("atl", "Atlanta, GA", "US", "USD", 0.86, 2),
  city("lon", "London, UK", "GB", "GBP", 0.62, 7, "London, United Kingdom"),
  city("man", "Manchester, UK", "GB", "GBP", 0.5, 2, "Manchester, United Kingdom"),
  city("ber", "Berlin, Germany", "DE", "EUR", 0.52, 5),
  city("ams", "Amsterdam, Netherlands", "NL", "EUR", 0.56, 3),
  city("par", "Paris, France", "FR", "EUR", 0.5, 3),
  city("dub", "Dublin, Ireland", "IE", "EUR", 0.58, 2),
  city("lis", "Lisbon, Portugal", "PT", "EUR", 0.34, 2),
  city("tor", "Toronto, ON", "CA", "CAD", 0.6, 3, "Toronto, Canada"),
  city("van", "Vancouver, BC", "CA", "CAD", 0.6, 2, "Vancouver, Canada"),
  city("zrh", "Zurich, Switzerland", "CH", "CHF", 0.86, 2),
  city("syd", "Sydney, Australia", "AU", "AUD", 0.6, 2),
  city("sto", "Stockholm, Sweden", "SE", "SEK", 0.45, 1.5),
  city("sin", "Singapore", "SG", "SGD", 0.62, 1.5),
  city("blr", "Bangalore, India", "IN", "INR", 0.23, 2),
  city("tyo", "Tokyo, Japan", "JP", "JPY", 0.45, 1.5),
  remote("r-us", "Remote (US)", "US", "USD", 0.95, 10),
  remote("r-usca", "Remote (US or Canada)", "US,CA", "USD", 0.92, 3),
  remote("r-ca", "Remote (Canada)", "CA", "CAD", 0.58, 1.5),
  remote("r-uk", "Remote (UK)", "GB", "GBP", 0.58, 3),
  remote("r-eu", "Remote (EU)", EU_COUNTRIES, "EUR", 0.48, 5),
  remote("r-europe", "Remote (Europe)", `${EU_COUNTRIES},CH,GB,NO`, "EUR", 0.5, 2),
  remote("r-ww", "Remote (worldwide)", "", "USD", 0.72, 4),
];

function city(
  key: string,
  location: string,
  country: string,
  currency: Currency,
  payFactor: number,
  weight: number,
  headquarters = location,
): Market {
  return { key, location, countryCodes: country, country, currency, payFactor, remote: false, weight, headquarters };
}

function remote(
  key: string,
  location: string,
  countryCodes: string,
  currency: Currency,
  payFactor: number,
  weight: number,
): Market {
  return { key, location, countryCodes, country: "", currency, payFactor, remote: true, weight };
}

const MARKET_BY_KEY = new Map(MARKETS.map((m) => [m.key, m]));
const CITY_MARKETS = MARKETS.filter((m) => !m.remote);

/** Remote regions a company based in a country hires into. */
function remoteMarketsFor(country: string): string[] {
  switch (country) {
    case "US":
      return ["r-us", "r-us", "r-usca", "r-ww"];
    case "CA":
      return ["r-ca", "r-usca", "r-ww"];
    case "GB":
      return ["r-uk", "r-europe", "r-ww"];
    case "DE":
    case "NL":
    case "FR":
    case "IE":
    case "PT":
    case "SE":
    case "CH":
      return ["r-eu", "r-eu", "r-europe", "r-ww"];
    default:
      return ["r-ww"];
  }
}

/** Where a company's listings are: mostly its home country, some remote, some elsewhere. */
function marketTableFor(hq: Market): Weighted<Market> {
  const entries: Array<[Market, number]> = [];
  const homeCities = CITY_MARKETS.filter((m) => m.country === hq.country);
  const remoteKeys = remoteMarketsFor(hq.country);
  const othersWeight = CITY_MARKETS.filter((m) => m.country !== hq.country).reduce((s, m) => s + m.weight, 0);
  for (const m of CITY_MARKETS) {
    if (m === hq) entries.push([m, 40]);
    else if (m.country === hq.country) entries.push([m, (18 * m.weight) / homeCities.reduce((s, c) => s + c.weight, 0)]);
    else entries.push([m, (15 * m.weight) / othersWeight]);
  }
  for (const key of remoteKeys) {
    const m = MARKET_BY_KEY.get(key);
    if (m) entries.push([m, 27 / remoteKeys.length]);
  }
  return new Weighted(entries);
}

// ---------------------------------------------------------------------------------------
// Companies

export type AiTier = 0 | 1 | 2 | 3;

export interface CompanySeed {
  slug: string;
  name: string;
  website: string;
  description: string;
  sizeBand: SizeBand;
  headquarters: string;
  createdAt: number;
  updatedAt: number;
  /** Generation traits, not stored as such. */
  traits: {
    hqMarket: string;
    sector: string;
    /** 0 conservative ... 3 frontier: how generous its token budgets are. */
    aiTier: AiTier;
    /** Pay relative to the market. */
    payFactor: number;
    sizeBand: SizeBand;
  };
}

/** The demo's hand-written employers (invented names). */
const CURATED_COMPANY_NAMES = [
  "Northwind Labs",
  "Quillstone",
  "Amberline Systems",
  "Cobalt Harbor",
  "Driftwood Analytics",
  "Emberquay",
  "Fernbrook Health",
  "Petrel Robotics",
  "Ironfern Data",
  "Sorrel Loop",
  "Kestrel Freight",
  "Lanternfish",
  "Marblehead Security",
  "Nimbus Orchard",
  "Oakmere Ledger",
  "Pebblebeam",
  "Quarry Logic",
  "Rivermint",
  "Saltmarsh Bio",
  "Brinewater Compute",
  "Umberfield",
  "Vellum Loom",
  "Willowcrest",
  "Yarrow Works",
  "Zephyr Kiln",
  "Brightmoss",
  "Copperwren Finance",
  "Duskline",
  "Everfold",
  "Foxmoor Studio",
  "Glassmoth",
  "Heronfield",
  "Inkwell Legal",
  "Jadeport",
  "Kelpworks",
  "Lumen Drift",
  "Mosswood",
  "Orchid Relay",
  "Paperkite",
  "Redcedar Logistics",
  "Silverthread",
  "Underbough Climate",
  "Waystone Learning",
  "Ashgrove Insurance",
  "Bramblegate",
  "Cinderpath Games",
  "Dovecote Clinical",
  "Tinderbox Mobility",
  "Larkspur Payments",
  "Hollowreed",
  "Spindle & Sparrow",
  "Gullwing Maps",
] as const;

const NAME_HEADS = [
  "North", "Quill", "Amber", "Cobalt", "Drift", "Ember", "Fern", "Petrel", "Iron", "Sorrel",
  "Kestrel", "Lantern", "Marble", "Nimbus", "Oak", "Pebble", "Quarry", "River", "Salt", "Brine",
  "Umber", "Vellum", "Willow", "Yarrow", "Zephyr", "Moss", "Copper", "Dusk", "Fox", "Glass",
  "Heron", "Ink", "Jade", "Kelp", "Lumen", "Orchid", "Paper", "Cedar", "Silver", "Ash",
  "Bramble", "Cinder", "Dove", "Tinder", "Lark", "Hollow", "Spindle", "Gull", "Alder", "Birch",
  "Clover", "Dune", "Elm", "Flint", "Garnet", "Hazel", "Indigo", "Juniper", "Kiln", "Linden",
  "Maple", "Nettle", "Onyx", "Pine", "Quartz", "Rowan", "Sable", "Thistle", "Tundra", "Vale",
  "Wren", "Yew", "Basalt", "Coral", "Ferro", "Harbor", "Meadow", "Otter", "Plover", "Slate",
] as const;

const NAME_TAILS = [
  "wind", "stone", "line", "harbor", "wood", "quay", "brook", "field", "loop", "gate",
  "light", "fish", "head", "mere", "beam", "mint", "marsh", "water", "crest", "works",
  "moss", "wren", "fold", "moor", "moth", "port", "drift", "kite", "thread", "path",
  "cote", "box", "spur", "reed", "wing", "bank", "fern", "ridge", "vale", "hollow",
  "forge", "haven", "lark", "shore", "well", "glen", "weave", "peak", "tide", "cairn",
] as const;

const NAME_SUFFIXES = [
  "", "", "", "", "Labs", "Systems", "Software", "Analytics", "Health", "Robotics", "Compute",
  "Data", "Bio", "Energy", "Logistics", "Finance", "Studio", "Security", "Cloud", "Learning",
  "Mobility", "Payments", "Networks", "Materials", "Research",
] as const;

/** Names that are (or are too close to) well-known real companies or products. */
const RESERVED_SLUGS = new Set([
  "redwood", "pinewood", "silverline", "bluestone", "cedarwood", "oakwood",
  "ironwood", "flintstone", "silverstone", "copperfield", "goldfield", "ashfield",
  "birchbox", "linden-lab", "junipernetworks", "harborfreight", "coralreef", "saltwater",
  "lightfield", "moonpay", "sandstone", "glassdoor", "silverwood",
  "greenhouse", "tideline", "maplewood", "elmwood", "cloverfield", "slateworks",
]);

const SECTORS = [
  { sector: "developer tools", builds: "tools that help software teams ship", audience: "engineering teams" },
  { sector: "fintech", builds: "payment and treasury infrastructure", audience: "finance teams at growing companies" },
  { sector: "healthcare", builds: "clinical workflow software", audience: "hospitals and clinics" },
  { sector: "logistics", builds: "routing and fleet software", audience: "freight carriers and shippers" },
  { sector: "climate", builds: "carbon accounting and grid analytics", audience: "utilities and manufacturers" },
  { sector: "security", builds: "detection and response tooling", audience: "security teams" },
  { sector: "data infrastructure", builds: "a managed data platform", audience: "analytics and ML teams" },
  { sector: "e-commerce", builds: "storefront and checkout software", audience: "independent retailers" },
  { sector: "education", builds: "adaptive learning products", audience: "schools and universities" },
  { sector: "biotech", builds: "lab automation and assay analysis software", audience: "research labs" },
  { sector: "robotics", builds: "perception and control software for warehouse robots", audience: "fulfilment operators" },
  { sector: "media", builds: "publishing and audience tools", audience: "newsrooms and creators" },
  { sector: "legal tech", builds: "contract review and matter management", audience: "in-house legal teams" },
  { sector: "insurance", builds: "underwriting and claims platforms", audience: "insurers and brokers" },
  { sector: "gaming", builds: "multiplayer games and the backend that runs them", audience: "players on every platform" },
  { sector: "mobility", builds: "software for shared and electric fleets", audience: "cities and fleet operators" },
  { sector: "AI infrastructure", builds: "inference and evaluation infrastructure", audience: "teams putting models in production" },
  { sector: "HR tech", builds: "payroll and people software", audience: "distributed companies" },
] as const;

const SIZE_BAND_WEIGHTS = new Weighted<SizeBand>([
  ["1-10", 6],
  ["11-50", 24],
  ["51-200", 30],
  ["201-1000", 22],
  ["1001-5000", 12],
  ["5000+", 6],
]);

const AI_TIER_WEIGHTS = new Weighted<AiTier>([
  [0, 20],
  [1, 40],
  [2, 28],
  [3, 12],
]);

const HQ_WEIGHTS = new Weighted<Market>(
  CITY_MARKETS.map((m) => [m, m.country === "US" ? m.weight * 1.3 : m.weight] as const),
);

const STAGE_BY_SIZE: Record<SizeBand, readonly string[]> = {
  "1-10": ["Pre-seed", "Seed"],
  "11-50": ["Seed", "Series A"],
  "51-200": ["Series A", "Series B"],
  "201-1000": ["Series B", "Series C", "Profitable and independent"],
  "1001-5000": ["Series D", "Publicly listed", "Profitable and independent"],
  "5000+": ["Publicly listed"],
};

const AI_TIER_LINES: Record<AiTier, readonly string[]> = {
  0: ["We give everyone a coding assistant seat and are careful with spend.", "AI tools are available to everyone; budgets are modest and capped."],
  1: ["Every engineer has a real inference budget and the tools to use it.", "We budget for AI the way we budget for laptops: properly."],
  2: ["Agents write a large share of our code; budgets are generous and reviewed quarterly.", "We expect engineers to automate aggressively and fund it accordingly."],
  3: ["Inference is our second-largest line after salaries, on purpose.", "We run fleets of agents and give people budgets to match."],
};

export interface GenerateCompaniesOptions {
  seed: number;
  count: number;
  /** Reference time (ms); creation dates are before it. */
  now: number;
  /** Slugs already in the database, never generated. */
  takenSlugs?: ReadonlySet<string>;
}


/** Invented company names: the curated list first, then combinations of word parts. */
export function companyNames(count: number, seed: number, takenSlugs: ReadonlySet<string> = new Set()): string[] {
  const names: string[] = [];
  const used = new Set<string>();
  const accept = (name: string): boolean => {
    const slug = slugify(name);
    const bare = slug.replace(/-(labs|systems|software|analytics|health|robotics|compute|data|bio|energy|logistics|finance|studio|security|cloud|learning|mobility|payments|networks|materials|research)$/, "");
    if (used.has(slug) || takenSlugs.has(slug) || RESERVED_SLUGS.has(bare) || RESERVED_SLUGS.has(slug)) return false;
    used.add(slug);
    names.push(name);
    return true;
  };
  for (const name of CURATED_COMPANY_NAMES) {
    if (names.length >= count) return names;
    accept(name);
  }
  // Walk the space of head x tail x suffix in a seeded pseudo-random order (an affine
  // permutation), so large runs get varied names and no name twice.
  const space = NAME_HEADS.length * NAME_TAILS.length * NAME_SUFFIXES.length;
  const step = coprimeStep(space, seed);
  const offset = mix32(seed ^ 0x1234567) % space;
  for (let j = 0; j < space && names.length < count; j++) {
    const k = (j * step + offset) % space;
    const head = NAME_HEADS[k % NAME_HEADS.length] as string;
    const tail = NAME_TAILS[Math.floor(k / NAME_HEADS.length) % NAME_TAILS.length] as string;
    const suffix = NAME_SUFFIXES[Math.floor(k / (NAME_HEADS.length * NAME_TAILS.length))] as string;
    const word = head + tail;
    // Skip awkward joins ("Glassstone") and doubled words ("Fernfern").
    if (/(.)\1\1/i.test(word) || head.toLowerCase() === tail) continue;
    accept(suffix ? `${word} ${suffix}` : word);
  }
  // Beyond the space (hundreds of thousands of companies): numbered divisions.
  for (let n = 2; names.length < count; n++) {
    const base = names[(n - 2) % Math.max(1, names.length)] ?? "Demo Company";
    accept(`${base} ${n}`);
  }
  return names;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** A step coprime with `modulus`, so i -> (i * step + offset) % modulus is a bijection. */
function coprimeStep(modulus: number, seed: number): number {
  if (modulus <= 2) return 1;
  let step = (Math.floor(modulus * 0.6180339887) + (mix32(seed) % 97)) % modulus || 1;
  while (gcd(step, modulus) !== 1) step = (step + 1) % modulus || 1;
  return step;
}

export function generateCompanies(options: GenerateCompaniesOptions): CompanySeed[] {
  const rng = new Rng(deriveSeed(options.seed, "companies"));
  const names = companyNames(options.count, options.seed, options.takenSlugs);
  return names.map((name) => {
    const slug = slugify(name);
    const sizeBand = SIZE_BAND_WEIGHTS.pick(rng);
    const hq = HQ_WEIGHTS.pick(rng);
    const sector = rng.pick(SECTORS);
    const aiTier = sector.sector === "AI infrastructure" ? (rng.chance(0.5) ? 3 : 2) : AI_TIER_WEIGHTS.pick(rng);
    const payFactor = round2(rng.range(0.9, 1.15) + (sizeBand === "5000+" || sizeBand === "1001-5000" ? 0.05 : 0));
    const stage = rng.pick(STAGE_BY_SIZE[sizeBand]);
    const founded = rng.int(2009, 2024);
    const createdAt = floorTo(options.now - rng.int(200, 1500) * DAY_MS - rng.int(0, 23) * HOUR_MS, MINUTE_MS);
    const updatedAt = Math.min(options.now, createdAt + rng.int(0, 90) * DAY_MS);
    const headquarters = hq.headquarters ?? hq.location;
    const description =
      `**${name}** builds ${sector.builds} for ${sector.audience}. ` +
      `Founded in ${founded}, headquartered in ${headquarters}.\n\n` +
      `- **Team:** ${sizeBand} people\n` +
      `- **Stage:** ${stage}\n` +
      `- **Sector:** ${sector.sector}\n\n` +
      rng.pick(AI_TIER_LINES[aiTier]);
    return {
      slug,
      name,
      website: `https://${slug}.example`,
      description,
      sizeBand,
      headquarters,
      createdAt,
      updatedAt,
      traits: { hqMarket: hq.key, sector: sector.sector, aiTier, payFactor, sizeBand },
    };
  });
}

// ---------------------------------------------------------------------------------------
// Roles: counts and timeline

export interface RoleCounts {
  listed: number;
  closed: number;
  expired: number;
  draft: number;
  total: number;
}

export type RoleKind = "listed" | "closed" | "expired" | "draft";

/** Besides the listed roles, about 10% more that are not listed: closed, expired, drafts. */
export function planRoleCounts(listed: number): RoleCounts {
  const extra = Math.round(listed * 0.1);
  const closed = Math.round(extra * 0.4);
  const expired = Math.round(extra * 0.35);
  const draft = extra - closed - expired;
  return { listed, closed, expired, draft, total: listed + extra };
}

/** Listed roles were published over the 55 days before the reference time. */
export const LISTED_WINDOW_DAYS = 55;
/** A published role expires this long after publication. */
export const LISTING_LIFETIME_DAYS = 60;

// ---------------------------------------------------------------------------------------
// Roles: titles and descriptions

interface DisciplineSpec {
  ic: readonly string[];
  junior?: readonly string[];
  intern: readonly string[];
  areas: readonly string[];
  manager: readonly string[];
  director: readonly string[];
  payFactor: number;
  mission: readonly string[];
  does: readonly string[];
  needs: readonly string[];
}

const DISCIPLINES_SPEC: Record<Discipline, DisciplineSpec> = {
  backend: {
    ic: ["Backend Engineer", "Software Engineer, Backend", "Backend Engineer", "API Engineer"],
    intern: ["Backend Engineering Intern", "Software Engineering Intern"],
    areas: ["Platform", "Payments", "Core Services", "Billing", "APIs", "Integrations"],
    manager: ["Engineering Manager, {area}"],
    director: ["Director of Engineering, {area}", "Director of Engineering"],
    payFactor: 1,
    mission: ["own the services behind our core product", "scale the APIs our customers build on", "make our backend faster, cheaper and easier to change"],
    does: [
      "Design, build and operate the services behind our product",
      "Own features end to end, from schema design to on-call",
      "Make our Postgres and queueing layer faster and cheaper to run",
      "Turn slow batch jobs into reliable event-driven pipelines",
      "Pair with coding agents to migrate legacy endpoints safely",
      "Write design docs that other teams actually read",
      "Keep p99 latency honest with good instrumentation",
    ],
    needs: ["Fluency in at least one of TypeScript, Go, Python, Java or Rust", "Comfort with SQL, data modelling and migrations", "Experience running services in production"],
  },
  frontend: {
    ic: ["Frontend Engineer", "Software Engineer, Frontend", "UI Engineer"],
    intern: ["Frontend Engineering Intern"],
    areas: ["Web", "Design Systems", "Growth", "Editor"],
    manager: ["Engineering Manager, {area}"],
    director: ["Director of Engineering, {area}"],
    payFactor: 0.96,
    mission: ["build the interface thousands of people use every day", "make our web app fast, accessible and pleasant", "own our design system and the product built on it"],
    does: [
      "Build accessible, fast interfaces in React and TypeScript",
      "Own our design system together with the design team",
      "Cut bundle size and time to interactive, and keep them cut",
      "Write end-to-end tests that catch real regressions",
      "Prototype new features quickly with AI pair programming",
      "Turn rough product ideas into polished flows",
    ],
    needs: ["Deep knowledge of HTML, CSS and modern React", "An eye for detail and for accessibility", "Experience with browser performance work"],
  },
  fullstack: {
    ic: ["Full-Stack Engineer", "Product Engineer", "Software Engineer"],
    intern: ["Software Engineering Intern"],
    areas: ["Product", "Growth", "Onboarding", "Workflows"],
    manager: ["Engineering Manager, {area}"],
    director: ["Director of Engineering, {area}", "Head of Engineering"],
    payFactor: 0.99,
    mission: ["ship product end to end with a small, senior team", "build features from the database to the pixel", "turn customer problems into shipped product every week"],
    does: [
      "Ship features end to end, from the database to the UI",
      "Talk to customers and turn what you hear into product",
      "Keep our Remix and Node stack simple and well tested",
      "Run experiments and read the numbers honestly",
      "Drive agents through large refactors and review their work",
      "Improve our CI so that the main branch is always deployable",
    ],
    needs: ["Experience with TypeScript on both server and client", "Product sense and a bias to ship", "Comfort owning a feature from idea to metrics"],
  },
  mobile: {
    ic: ["iOS Engineer", "Android Engineer", "Mobile Engineer", "React Native Engineer"],
    intern: ["Mobile Engineering Intern"],
    areas: ["Mobile", "Mobile Platform", "Apps"],
    manager: ["Engineering Manager, {area}"],
    director: ["Director of Engineering, {area}"],
    payFactor: 0.98,
    mission: ["build our iOS and Android apps", "make our mobile apps fast and reliable on every device", "bring our product to people's pockets"],
    does: [
      "Build and ship features in our native apps",
      "Own app startup time, crash rate and battery use",
      "Work on offline sync that never loses data",
      "Automate release trains and store submissions",
      "Share components between platforms where it makes sense",
    ],
    needs: ["Shipped apps in Swift, Kotlin or React Native", "Understanding of mobile performance and release processes", "Care for small details of interaction"],
  },
  infrastructure: {
    ic: ["Site Reliability Engineer", "Infrastructure Engineer", "Platform Engineer", "DevOps Engineer"],
    intern: ["Infrastructure Engineering Intern"],
    areas: ["Infrastructure", "Reliability", "Developer Productivity", "Cloud Platform"],
    manager: ["Engineering Manager, {area}"],
    director: ["Director of Engineering, Infrastructure", "Director of Platform Engineering"],
    payFactor: 1.03,
    mission: ["keep our platform fast, reliable and affordable", "build the paved road every engineer deploys on", "run our Kubernetes and inference fleet"],
    does: [
      "Run Kubernetes clusters across several regions",
      "Own infrastructure as code with Terraform and good reviews",
      "Make deploys boring: fast, safe and reversible",
      "Lead incident response and write blameless reviews",
      "Build the internal platform our agents and engineers deploy through",
      "Track and cut cloud and inference spend",
    ],
    needs: ["Production experience with Kubernetes, Terraform and a major cloud", "Calm under pressure during incidents", "Strong Linux and networking fundamentals"],
  },
  data: {
    ic: ["Data Engineer", "Analytics Engineer", "Data Scientist"],
    intern: ["Data Science Intern", "Data Engineering Intern"],
    areas: ["Data Platform", "Analytics", "Data Science"],
    manager: ["Engineering Manager, {area}", "Data Science Manager"],
    director: ["Director of Data", "Head of Data"],
    payFactor: 0.99,
    mission: ["build the data platform the whole company decides with", "turn raw events into trustworthy metrics", "help every team answer its own questions with data"],
    does: [
      "Build and maintain pipelines in dbt, Airflow and Spark",
      "Model data so analysts and agents can query it safely",
      "Own data quality checks and the alerts behind them",
      "Partner with product on experiments and their analysis",
      "Build evaluation datasets for our AI features",
    ],
    needs: ["Strong SQL and Python", "Experience with a modern warehouse (BigQuery, Snowflake-style or DuckDB)", "Statistical judgement and clear writing"],
  },
  ml: {
    ic: ["Machine Learning Engineer", "Applied AI Engineer", "ML Research Engineer", "AI Engineer"],
    intern: ["Machine Learning Intern", "Applied AI Intern"],
    areas: ["Machine Learning", "Applied AI", "ML Platform", "Evaluations"],
    manager: ["Engineering Manager, {area}"],
    director: ["Director of Applied AI", "Director of Machine Learning"],
    payFactor: 1.12,
    mission: ["build the models and agents inside our product", "ship LLM features that users trust", "own training, evaluation and serving of our models"],
    does: [
      "Design, train and evaluate models for production use",
      "Build LLM-powered features with retrieval, tools and agents",
      "Own our evaluation harness and keep it honest",
      "Fine-tune open-weight models and serve them efficiently",
      "Work with product to pick problems where ML really helps",
      "Measure cost per task and bring it down",
    ],
    needs: ["Strong Python and a deep learning framework (PyTorch or JAX)", "Hands-on experience with LLMs in production", "Rigour about evaluation and data quality"],
  },
  security: {
    ic: ["Security Engineer", "Application Security Engineer", "Detection Engineer"],
    intern: ["Security Engineering Intern"],
    areas: ["Security", "Product Security", "Security Operations"],
    manager: ["Engineering Manager, {area}"],
    director: ["Director of Security Engineering", "Head of Security"],
    payFactor: 1.03,
    mission: ["keep our customers' data safe", "build security into how we ship", "find and fix vulnerabilities before anyone else does"],
    does: [
      "Review designs and code for security issues",
      "Build detections and automate triage with LLMs",
      "Run our bug bounty and vulnerability management",
      "Harden our cloud, CI and supply chain",
      "Threat-model agentic features and their tool access",
    ],
    needs: ["Experience in application or cloud security", "Ability to read and write code in several languages", "Clear, pragmatic communication about risk"],
  },
  product: {
    ic: ["Product Manager", "Technical Product Manager"],
    junior: ["Associate Product Manager"],
    intern: ["Product Management Intern"],
    areas: ["Platform", "Growth", "AI Features", "Developer Experience"],
    manager: ["Group Product Manager, {area}"],
    director: ["Director of Product, {area}", "Head of Product"],
    payFactor: 1,
    mission: ["decide what we build next and why", "lead a team from problem to shipped product", "own the roadmap for a product area"],
    does: [
      "Own the roadmap for a product area and its outcomes",
      "Talk to customers every week",
      "Write crisp specs and prototype with AI tools",
      "Work closely with engineering and design on scope",
      "Define metrics and read them honestly",
    ],
    needs: ["Experience shipping software products", "Strong written communication", "Comfort with data and with technical detail"],
  },
  design: {
    ic: ["Product Designer", "UX Designer", "Design Engineer"],
    intern: ["Product Design Intern"],
    areas: ["Design", "Design Systems", "Brand"],
    manager: ["Design Manager, {area}", "Design Manager"],
    director: ["Director of Design", "Head of Design"],
    payFactor: 0.9,
    mission: ["design the product end to end", "shape how people experience our product", "own our design system and interaction patterns"],
    does: [
      "Design flows from research to high-fidelity prototypes",
      "Prototype in code with AI tools when static mocks are not enough",
      "Run usability sessions and share what you learn",
      "Contribute to our design system",
      "Work with engineers through delivery, not just handoff",
    ],
    needs: ["A portfolio of shipped product work", "Strong interaction and visual design skills", "Comfort with Figma and with code prototypes"],
  },
  "developer-relations": {
    ic: ["Developer Advocate", "Developer Relations Engineer", "Developer Educator"],
    intern: ["Developer Relations Intern"],
    areas: ["Developer Relations", "Community", "Documentation"],
    manager: ["Developer Relations Manager"],
    director: ["Director of Developer Relations"],
    payFactor: 0.92,
    mission: ["help developers succeed with our platform", "be the voice of developers inside the company", "grow our developer community"],
    does: [
      "Write tutorials, sample apps and docs developers love",
      "Speak at meetups and conferences",
      "Bring developer feedback to product and engineering",
      "Build demos that show what agents can do with our API",
      "Run our community forum and office hours",
    ],
    needs: ["Experience building software and explaining it", "Strong writing and speaking", "Genuine enthusiasm for developer communities"],
  },
};

const LEVEL_NEEDS: Record<Level, readonly string[]> = {
  intern: ["Currently studying computer science or a related field, or a self-taught track record", "Eagerness to learn and to ask questions"],
  junior: ["One or two years of professional experience, or equivalent shipped projects", "Curiosity and a habit of asking good questions"],
  mid: ["Three or more years of professional experience", "You can take a well-scoped project from start to finish"],
  senior: ["Five or more years of professional experience", "You lead projects across teams and mentor others"],
  staff: ["Eight or more years of experience, including technical leadership", "You set technical direction across several teams"],
  principal: ["A track record of company-wide technical leadership", "You find the most important problems and solve them"],
  manager: ["Experience managing a team of five to ten people", "You hire well and grow people"],
  director: ["Experience leading managers and multi-team organisations", "You connect strategy, budget and execution"],
};

const BENEFITS = [
  "Private health cover for you and your dependants",
  "Five weeks of paid leave plus public holidays",
  "Sixteen weeks of paid parental leave",
  "An annual learning budget for books, courses and conferences",
  "A home office stipend",
  "A yearly team offsite",
  "Pension or retirement matching",
  "Flexible hours",
] as const;

const LEVEL_WEIGHTS = new Weighted<Level>([
  ["intern", 4],
  ["junior", 10],
  ["mid", 22],
  ["senior", 30],
  ["staff", 13],
  ["principal", 6],
  ["manager", 9],
  ["director", 6],
]);

const DISCIPLINE_WEIGHTS = new Weighted<Discipline>([
  ["backend", 18],
  ["frontend", 10],
  ["fullstack", 14],
  ["mobile", 6],
  ["infrastructure", 11],
  ["data", 9],
  ["ml", 13],
  ["security", 6],
  ["product", 6],
  ["design", 4],
  ["developer-relations", 3],
]);

const EMPLOYMENT_WEIGHTS = new Weighted<EmploymentType>([
  ["FULL_TIME", 85],
  ["CONTRACTOR", 8],
  ["PART_TIME", 4],
  ["TEMPORARY", 3],
]);

/** US-average salary bands (USD per year) by level. */
const SALARY_BANDS_USD: Record<Level, readonly [number, number]> = {
  intern: [70_000, 100_000],
  junior: [95_000, 125_000],
  mid: [125_000, 165_000],
  senior: [160_000, 210_000],
  staff: [200_000, 265_000],
  principal: [240_000, 320_000],
  manager: [190_000, 250_000],
  director: [240_000, 330_000],
};

const EMPLOYMENT_PAY: Record<EmploymentType, number> = {
  FULL_TIME: 1,
  INTERN: 1,
  CONTRACTOR: 1.12,
  TEMPORARY: 0.95,
  PART_TIME: 0.6,
};

const BONUS_CHANCE: Record<Level, number> = {
  intern: 0,
  junior: 0.2,
  mid: 0.3,
  senior: 0.4,
  staff: 0.5,
  principal: 0.55,
  manager: 0.55,
  director: 0.65,
};

/** Yearly equity value as a share of the salary minimum. */
const EQUITY_SHARE: Record<Level, readonly [number, number]> = {
  intern: [0, 0],
  junior: [0.03, 0.1],
  mid: [0.05, 0.15],
  senior: [0.1, 0.3],
  staff: [0.2, 0.5],
  principal: [0.3, 0.7],
  manager: [0.15, 0.4],
  director: [0.3, 0.8],
};

// ---------------------------------------------------------------------------------------
// Token budgets

type BudgetArchetype =
  | "zero"
  | "stipend"
  | "monthly"
  | "automation"
  | "mtok"
  | "daily"
  | "large"
  | "frontier"
  | "uncapped"
  | "pooled";

const BUDGET_WEIGHTS: Record<AiTier, Weighted<BudgetArchetype>> = {
  0: new Weighted<BudgetArchetype>([
    ["zero", 12], ["stipend", 40], ["monthly", 25], ["automation", 8], ["mtok", 5],
    ["pooled", 6], ["daily", 1], ["large", 2], ["uncapped", 1],
  ]),
  1: new Weighted<BudgetArchetype>([
    ["zero", 2], ["stipend", 15], ["monthly", 22], ["automation", 20], ["mtok", 12],
    ["daily", 8], ["large", 8], ["uncapped", 5], ["pooled", 8], ["frontier", 0.5],
  ]),
  2: new Weighted<BudgetArchetype>([
    ["zero", 0.5], ["stipend", 3], ["monthly", 8], ["automation", 15], ["mtok", 14],
    ["daily", 20], ["large", 18], ["uncapped", 10], ["pooled", 8], ["frontier", 3],
  ]),
  3: new Weighted<BudgetArchetype>([
    ["stipend", 1], ["monthly", 2], ["automation", 6], ["mtok", 12],
    ["daily", 22], ["large", 25], ["uncapped", 14], ["pooled", 6], ["frontier", 12],
  ]),
};

/** Listed roles at evenly spread positions that always show these budgets, whatever the seed. */
const SHOWCASE: readonly BudgetArchetype[] = ["zero", "stipend", "frontier", "pooled", "uncapped", "daily", "mtok", "automation"];

const TOOL_WEIGHTS: ReadonlyArray<readonly [Tool, number]> = [
  ["claude-code", 30],
  ["cursor", 25],
  ["copilot", 25],
  ["codex", 12],
  ["chatgpt", 12],
  ["claude", 12],
  ["gemini", 8],
  ["windsurf", 5],
  ["self-hosted", 4],
];
const TOOL_WEIGHTS_ML: ReadonlyArray<readonly [Tool, number]> = TOOL_WEIGHTS.map(([t, w]) => [t, t === "self-hosted" ? 20 : w] as const);
const STIPEND_TOOLS = new Weighted<Tool>([["copilot", 40], ["cursor", 30], ["chatgpt", 15], ["claude", 10], ["windsurf", 5]]);
const TOOL_COUNT = new Weighted<number>([[1, 25], [2, 40], [3, 25], [4, 10]]);

const OTHER_TOOLS = ["Aider", "Sourcegraph Cody", "Continue", "Cline", "Zed AI", "JetBrains AI Assistant", "Tabnine", "Perplexity", "v0"] as const;

const GPU_ACCESS = [
  "Shared 8×H100 cluster for fine-tuning",
  "Dedicated A100 node for experiments",
  "On-demand H100s in our cloud account, up to 64 GPU-hours a week",
  "Internal inference cluster (4×L40S) for self-hosted models",
  "Spot GPU quota on a major cloud for evaluation runs",
  "Workstation with 2×RTX 6000 Ada",
] as const;

const GPU_CHANCE: Partial<Record<Discipline, number>> = { ml: 0.45, data: 0.2, infrastructure: 0.15 };

const NON_DEFAULT_BASES = PRICING_BASES.filter((b) => !b.isDefault).map((b) => b.slug);

interface Budget {
  amount: number;
  unit: TokenUnit;
  period: TokenPeriod;
  cap: TokenCap;
  scope: TokenScope;
  poolSize: number | null;
  archetype: BudgetArchetype;
}

function makeBudget(rng: Rng, archetype: BudgetArchetype, level: Level): Budget {
  const b = (amount: number, unit: TokenUnit, period: TokenPeriod, cap: TokenCap, scope: TokenScope = "personal", poolSize: number | null = null): Budget => ({
    amount,
    unit,
    period,
    cap,
    scope,
    poolSize,
    archetype,
  });
  switch (archetype) {
    case "zero":
      return b(0, "usd", "year", "hard");
    case "stipend":
      return b(rng.pick([20, 20, 25, 30, 39, 40]), "usd", "month", "hard");
    case "monthly":
      return b(rng.pick([100, 150, 200, 250, 300, 500, 750, 1000]), "usd", "month", rng.chance(0.5) ? "hard" : "soft");
    case "automation":
      return b(rng.pick([6000, 8000, 10000, 12000, 12000, 15000, 18000, 24000]), "usd", "year", rng.chance(0.7) ? "soft" : "hard");
    case "mtok":
      return rng.chance(0.2)
        ? b(rng.pick([5, 10, 20, 40]), "mtok", "day", rng.chance(0.6) ? "soft" : "hard")
        : b(rng.pick([25, 50, 100, 200, 250, 400, 500, 750, 1000, 2000]), "mtok", "month", rng.chance(0.6) ? "soft" : "hard");
    case "daily":
      return b(rng.pick([100, 120, 150, 200, 250, 300, 400]), "usd", "day", rng.pick<TokenCap>(["soft", "soft", "soft", "uncapped", "hard"]));
    case "large":
      // Some offer letters give juniors $50k a year.
      if (level === "junior" || level === "intern") return b(rng.pick([20000, 30000, 50000]), "usd", "year", "soft");
      return b(rng.pick([25000, 30000, 40000, 50000, 50000, 60000, 75000, 100000, 100000]), "usd", "year", rng.chance(0.8) ? "soft" : "hard");
    case "frontier":
      if (level === "intern" || level === "junior") return b(50000, "usd", "year", "soft");
      return b(rng.pick([120000, 150000, 200000, 250000]), "usd", "year", rng.chance(0.6) ? "soft" : "uncapped");
    case "uncapped":
      return rng.chance(0.7)
        ? b(rng.pick([20000, 30000, 40000, 60000, 80000, 100000]), "usd", "year", "uncapped")
        : b(rng.pick([2000, 3000, 5000]), "usd", "month", "uncapped");
    case "pooled": {
      const poolSize = rng.int(4, 12);
      const r = rng.next();
      if (r < 0.55) return b(rng.pick([2000, 3000, 5000, 8000, 10000, 15000, 20000]), "usd", "month", rng.chance(0.6) ? "soft" : "hard", "pooled", poolSize);
      if (r < 0.85) return b(rng.pick([100000, 150000, 250000, 400000]), "usd", "year", "soft", "pooled", poolSize);
      return b(rng.pick([1000, 2000, 5000]), "mtok", "month", "soft", "pooled", poolSize);
    }
  }
}

function pickTools(rng: Rng, budget: Budget, discipline: Discipline): Tool[] {
  if (budget.archetype === "zero") return [];
  if (budget.archetype === "stipend") return [STIPEND_TOOLS.pick(rng)];
  const count = TOOL_COUNT.pick(rng);
  const weights = discipline === "ml" ? TOOL_WEIGHTS_ML : TOOL_WEIGHTS;
  const chosen: Tool[] = [];
  // Weighted sampling without replacement over a small list.
  let remaining = weights.slice();
  for (let k = 0; k < count && remaining.length > 0; k++) {
    const table = new Weighted(remaining);
    const tool = table.pick(rng);
    chosen.push(tool);
    remaining = remaining.filter(([t]) => t !== tool);
  }
  return chosen.sort();
}

// ---------------------------------------------------------------------------------------
// Roles: generation

export interface PackageSeed extends StatedCompensation {
  equityKind: EquityKind | null;
  /** Sorted, unique. */
  tools: Tool[];
  otherTools: string;
  gpuAccess: string;
  /** A specific pricing basis (slug), or null for the default one. */
  pricingBasisSlug: string | null;
}

export interface RoleSeed {
  /** 0-based position in generation order. */
  index: number;
  kind: RoleKind;
  /** Index into the companies array. */
  companyIndex: number;
  slug: string;
  title: string;
  level: Level;
  discipline: Discipline;
  employmentType: EmploymentType;
  workplace: Workplace;
  locationText: string;
  countryCodes: string;
  description: string;
  applyUrl: string | null;
  applyEmail: string | null;
  status: "draft" | "published" | "closed";
  publishedAt: number | null;
  expiresAt: number | null;
  closedAt: number | null;
  createdAt: number;
  updatedAt: number;
  pkg: PackageSeed;
}

export type DescriptionStyle = "full" | "short";

export interface GenerateRolesOptions {
  seed: number;
  /** Reference time (ms). Listed roles are published before it and expire after it. */
  now: number;
  /** Number of listed roles; closed, expired and drafts are added (planRoleCounts). */
  listed: number;
  companies: readonly CompanySeed[];
  /** Full descriptions, or shorter ones for large runs. */
  descriptions: DescriptionStyle;
}

/** Spreads `part` items evenly over `whole` positions: is position p one of them? */
function isSpreadHit(p: number, part: number, whole: number): boolean {
  return Math.floor(((p + 1) * part) / whole) > Math.floor((p * part) / whole);
}

/**
 * The roles, one at a time (a million roles need not be held in memory). Listed roles come in
 * publication order, the others interleaved evenly among them.
 */
export function* generateRoles(options: GenerateRolesOptions): Generator<RoleSeed, void, undefined> {
  const { now, companies } = options;
  if (companies.length === 0) {
    if (options.listed > 0) throw new Error("generateRoles: roles need at least one company");
    return;
  }
  const counts = planRoleCounts(options.listed);
  const rng = new Rng(deriveSeed(options.seed, "roles"));
  const full = options.descriptions === "full";
  const companyCount = companies.length;
  const marketTables: Array<Weighted<Market> | undefined> = new Array(companyCount);
  const nameSlugCache = new Map<string, string>();
  const companyStep = coprimeStep(companyCount, options.seed);
  const companyOffset = mix32(options.seed ^ 0xc0ffee) % companyCount;

  // Slug suffixes: an affine permutation of the role's position, in base 36.
  let suffixLength = 3;
  while (36 ** suffixLength < counts.total) suffixLength++;
  const suffixSpace = 36 ** suffixLength;
  const suffixStep = coprimeStep(suffixSpace, options.seed ^ 0x51f15e);
  const suffixOffset = mix32(options.seed ^ 0xabcdef) % suffixSpace;

  const windowMs = LISTED_WINDOW_DAYS * DAY_MS;
  const windowStart = now - windowMs;
  const lifetimeMs = LISTING_LIFETIME_DAYS * DAY_MS;
  const nonListed = counts.total - counts.listed;
  const closedAndExpired = counts.closed + counts.expired;
  const showcaseEvery = counts.listed >= SHOWCASE.length * 4 ? Math.floor(counts.listed / SHOWCASE.length) : 0;

  let listedIndex = 0;
  let otherIndex = 0;
  for (let index = 0; index < counts.total; index++) {
    // Which kind of role sits at this position.
    let kind: RoleKind;
    if (isSpreadHit(index, counts.listed, counts.total)) {
      kind = "listed";
    } else {
      const j = otherIndex++;
      if (isSpreadHit(j, closedAndExpired, nonListed)) {
        const k = Math.floor((j * closedAndExpired) / nonListed);
        kind = isSpreadHit(k, counts.closed, closedAndExpired) ? "closed" : "expired";
      } else {
        kind = "draft";
      }
    }

    // Company: every company gets one of the first listed roles, then a skewed draw (a few
    // companies hire a lot, most a little).
    let rank: number;
    if (kind === "listed" && listedIndex < companyCount) rank = listedIndex;
    else rank = Math.min(companyCount - 1, Math.floor(companyCount * Math.pow(rng.next(), 1.5)));
    const companyIndex = (rank * companyStep + companyOffset) % companyCount;
    const company = companies[companyIndex] as CompanySeed;
    const traits = company.traits;

    // Listed roles at evenly spread positions show a given kind of budget.
    const showcase: BudgetArchetype | undefined =
      kind === "listed" && showcaseEvery > 0 && listedIndex % showcaseEvery === Math.floor(showcaseEvery / 2)
        ? SHOWCASE[Math.floor(listedIndex / showcaseEvery)]
        : undefined;

    // Who and where.
    const discipline = DISCIPLINE_WEIGHTS.pick(rng);
    let level = LEVEL_WEIGHTS.pick(rng);
    if (showcase === "frontier" && (level === "intern" || level === "junior")) level = "staff";
    let employmentType: EmploymentType =
      level === "intern" ? "INTERN" : level === "manager" || level === "director" ? "FULL_TIME" : EMPLOYMENT_WEIGHTS.pick(rng);
    if (employmentType === "INTERN") level = "intern";
    const spec = DISCIPLINES_SPEC[discipline];
    const title = makeTitle(rng, spec, level);

    let table = marketTables[companyIndex];
    if (!table) {
      table = marketTableFor(MARKET_BY_KEY.get(traits.hqMarket) ?? (CITY_MARKETS[0] as Market));
      marketTables[companyIndex] = table;
    }
    const market = table.pick(rng);
    const workplace: Workplace = market.remote ? "remote" : rng.chance(0.62) ? "hybrid" : "onsite";

    // Slug.
    let titleSlug = nameSlugCache.get(title);
    if (titleSlug === undefined) {
      titleSlug = slugify(title);
      nameSlugCache.set(title, titleSlug);
    }
    const suffix = ((index * suffixStep + suffixOffset) % suffixSpace).toString(36).padStart(suffixLength, "0");
    const slug = `${titleSlug}-${company.slug}-${suffix}`;

    // Timeline.
    let status: RoleSeed["status"];
    let publishedAt: number | null = null;
    let expiresAt: number | null = null;
    let closedAt: number | null = null;
    let createdAt: number;
    let updatedAt: number;
    if (kind === "listed") {
      // Evenly over the window in order, jittered within each slot; whole seconds.
      const t = windowStart + ((listedIndex + rng.next()) / counts.listed) * windowMs;
      publishedAt = Math.min(now - 1000, floorTo(t, 1000));
      expiresAt = publishedAt + lifetimeMs;
      createdAt = rng.chance(0.4) ? publishedAt : floorTo(publishedAt - rng.range(0, 72) * HOUR_MS, 1000);
      updatedAt = rng.chance(0.2) ? Math.min(now - 1000, floorTo(publishedAt + rng.range(1, 240) * HOUR_MS, 1000)) : publishedAt;
      status = "published";
    } else if (kind === "expired") {
      publishedAt = floorTo(now - rng.range(LISTING_LIFETIME_DAYS + 1, 150) * DAY_MS, 1000);
      expiresAt = publishedAt + lifetimeMs;
      createdAt = floorTo(publishedAt - rng.range(0, 48) * HOUR_MS, 1000);
      updatedAt = publishedAt;
      status = "published";
    } else if (kind === "closed") {
      publishedAt = floorTo(now - rng.range(10, 120) * DAY_MS, 1000);
      expiresAt = publishedAt + lifetimeMs;
      const latestClose = Math.min(now - HOUR_MS, expiresAt - HOUR_MS);
      closedAt = floorTo(publishedAt + rng.next() * (latestClose - publishedAt), 1000);
      createdAt = floorTo(publishedAt - rng.range(0, 48) * HOUR_MS, 1000);
      updatedAt = closedAt;
      status = "closed";
    } else {
      createdAt = floorTo(now - rng.range(0.1, 21) * DAY_MS, 1000);
      updatedAt = Math.min(now - 1000, floorTo(createdAt + rng.range(0, 48) * HOUR_MS, 1000));
      status = "draft";
    }

    // Package.
    const pkg = makePackage(rng, {
      level,
      discipline,
      employmentType,
      market,
      traits,
      showcase,
      partial: kind === "draft" && rng.chance(0.4),
    });

    const applyByEmail = rng.chance(0.15);
    const description = describeRole(rng, {
      full,
      company,
      title,
      level,
      discipline,
      spec,
      workplace,
      market,
      pkg,
    });

    if (kind === "listed") listedIndex++;
    yield {
      index,
      kind,
      companyIndex,
      slug,
      title,
      level,
      discipline,
      employmentType,
      workplace,
      locationText: market.location,
      countryCodes: market.countryCodes,
      description,
      applyUrl: applyByEmail ? null : `https://${company.slug}.example/careers/${slug}`,
      applyEmail: applyByEmail ? `jobs@${company.slug}.example` : null,
      status,
      publishedAt,
      expiresAt,
      closedAt,
      createdAt,
      updatedAt,
      pkg,
    };
  }
}

function makeTitle(rng: Rng, spec: DisciplineSpec, level: Level): string {
  switch (level) {
    case "intern":
      return rng.pick(spec.intern);
    case "junior":
      return spec.junior ? rng.pick(spec.junior) : `Junior ${rng.pick(spec.ic)}`;
    case "mid":
      return rng.pick(spec.ic);
    case "senior":
      return `Senior ${rng.pick(spec.ic)}`;
    case "staff":
      return `Staff ${rng.pick(spec.ic)}`;
    case "principal":
      return `Principal ${rng.pick(spec.ic)}`;
    case "manager":
      return rng.pick(spec.manager).replace("{area}", rng.pick(spec.areas));
    case "director":
      return rng.pick(spec.director).replace("{area}", rng.pick(spec.areas));
  }
}

interface PackageContext {
  level: Level;
  discipline: Discipline;
  employmentType: EmploymentType;
  market: Market;
  traits: CompanySeed["traits"];
  showcase: BudgetArchetype | undefined;
  /** A draft with parts of the package not stated yet. */
  partial: boolean;
}

function makePackage(rng: Rng, ctx: PackageContext): PackageSeed {
  const { level, discipline, employmentType, market, traits } = ctx;
  const currency = market.currency;
  const rate = EXCHANGE_RATES[currency];
  const step = SALARY_STEP[currency];

  // Salary: a band by level, scaled by discipline, market, company and contract; in local
  // currency, rounded to a nice step.
  const [bandLow, bandHigh] = SALARY_BANDS_USD[level];
  const centerUsd =
    ((bandLow + bandHigh) / 2) *
    DISCIPLINES_SPEC[discipline].payFactor *
    market.payFactor *
    traits.payFactor *
    EMPLOYMENT_PAY[employmentType] *
    rng.range(0.94, 1.06);
  const width = rng.range(0.14, 0.36);
  const center = centerUsd / rate;
  const salaryMin = Math.max(step, Math.floor((center * (1 - width / 2)) / step) * step);
  let salaryMax = Math.ceil((center * (1 + width / 2)) / step) * step;
  if (salaryMax <= salaryMin) salaryMax = salaryMin + step;

  // Bonus and equity for employees.
  let bonusTargetPercent: number | null = null;
  let equityKind: EquityKind | null = null;
  let equityMin: number | null = null;
  let equityMax: number | null = null;
  if (employmentType === "FULL_TIME") {
    if (rng.chance(BONUS_CHANCE[level])) {
      bonusTargetPercent =
        level === "manager" || level === "director" ? rng.pick([10, 15, 15, 20]) : rng.pick([5, 7.5, 10, 10, 12, 15, 20]);
    }
    const [shareLow, shareHigh] = EQUITY_SHARE[level];
    const r = rng.next();
    if (shareHigh > 0 && r < 0.55) {
      equityKind = equityKindFor(rng, traits.sizeBand);
      equityMin = Math.max(step, Math.round((salaryMin * rng.range(shareLow, shareHigh)) / step) * step);
      equityMax = Math.max(equityMin + step, Math.round((equityMin * rng.range(1.3, 2)) / step) * step);
    } else if (r < 0.65) {
      equityKind = "none";
    }
  }

  // Token budget.
  const tier = Math.max(0, Math.min(3, traits.aiTier + (discipline === "ml" ? 1 : 0) - (discipline === "design" ? 1 : 0))) as AiTier;
  const archetype = ctx.showcase ?? BUDGET_WEIGHTS[tier].pick(rng);
  const budget = ctx.showcase === "frontier" ? { ...makeBudget(rng, "frontier", level), amount: 250000 } : makeBudget(rng, archetype, level);
  const tools = pickTools(rng, budget, discipline);
  const otherTools =
    budget.archetype !== "zero" && rng.chance(0.12)
      ? rng.chance(0.6)
        ? rng.pick(OTHER_TOOLS)
        : pickDistinct(rng, OTHER_TOOLS, 2).join(", ")
      : "";
  const gpuAccess = rng.chance(GPU_CHANCE[discipline] ?? 0.02) ? rng.pick(GPU_ACCESS) : "";

  let pricingBasisSlug: string | null = null;
  if (budget.unit === "mtok" ? rng.chance(0.3) : rng.chance(0.04)) {
    if (tools.includes("codex") || tools.includes("chatgpt")) pricingBasisSlug = rng.pick(["gpt-5", "gpt-5-mini"]);
    else if (tools.includes("gemini")) pricingBasisSlug = rng.pick(["gemini-2-5-pro", "gemini-2-5-flash"]);
    else pricingBasisSlug = rng.pick(NON_DEFAULT_BASES);
  }

  const pkg: PackageSeed = {
    salaryCurrency: currency,
    salaryMin,
    salaryMax,
    bonusTargetPercent,
    equityKind,
    equityMin,
    equityMax,
    tokenAmount: budget.amount,
    tokenUnit: budget.unit,
    tokenPeriod: budget.period,
    tokenCap: budget.cap,
    tokenScope: budget.scope,
    tokenPoolSize: budget.poolSize,
    tools,
    otherTools,
    gpuAccess,
    pricingBasisSlug,
  };
  if (ctx.partial) {
    // A draft the employer has not finished: salary or budget still blank.
    if (rng.chance(0.5)) {
      pkg.salaryMin = null;
      pkg.salaryMax = null;
      pkg.bonusTargetPercent = null;
      pkg.equityKind = null;
      pkg.equityMin = null;
      pkg.equityMax = null;
    } else {
      pkg.tokenAmount = null;
      pkg.tokenUnit = null;
      pkg.tokenPeriod = null;
      pkg.tokenCap = null;
      pkg.tokenScope = null;
      pkg.tokenPoolSize = null;
      pkg.pricingBasisSlug = null;
    }
  }
  return pkg;
}

function equityKindFor(rng: Rng, sizeBand: SizeBand): EquityKind {
  const r = rng.next();
  // Larger companies mostly grant RSUs, startups options; a few use other schemes.
  const large = sizeBand === "1001-5000" || sizeBand === "5000+";
  if (large ? r < 0.7 : sizeBand === "201-1000" ? r < 0.3 : r < 0.05) return "rsu";
  if (r < 0.85) return "options";
  if (r < 0.93) return "profit-interest";
  return "phantom";
}

function pickDistinct<T>(rng: Rng, list: readonly T[], count: number): T[] {
  const out: T[] = [];
  while (out.length < Math.min(count, list.length)) {
    const value = rng.pick(list);
    if (!out.includes(value)) out.push(value);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Descriptions (Markdown)

interface DescribeContext {
  full: boolean;
  company: CompanySeed;
  title: string;
  level: Level;
  discipline: Discipline;
  spec: DisciplineSpec;
  workplace: Workplace;
  market: Market;
  pkg: PackageSeed;
}

function describeRole(rng: Rng, ctx: DescribeContext): string {
  const { company, spec, pkg } = ctx;
  const parts: string[] = [];
  parts.push(`**${company.name}** is hiring a ${ctx.title} to ${rng.pick(spec.mission)}.`);
  parts.push("\n\n## What you'll do\n\n");
  parts.push(bullets(pickDistinct(rng, spec.does, ctx.full ? 4 : 3)));
  if (ctx.full) {
    parts.push("\n\n## What we're looking for\n\n");
    parts.push(bullets([...LEVEL_NEEDS[ctx.level], ...pickDistinct(rng, spec.needs, 2)]));
  }
  parts.push("\n\n## Your AI toolkit\n\n");
  parts.push(budgetSentence(pkg));
  if (pkg.tools.length > 0) parts.push(` Tools provided: ${joinWords(pkg.tools.map((t) => TOOL_LABELS[t]))}.`);
  if (pkg.otherTools) parts.push(` Also supported: ${pkg.otherTools}.`);
  if (pkg.gpuAccess) parts.push(` GPU access: ${pkg.gpuAccess}.`);
  if (ctx.full) {
    parts.push("\n\n## How we work\n\n");
    parts.push(workplaceSentence(ctx.workplace, ctx.market));
    parts.push("\n\n## Benefits\n\n");
    parts.push(bullets(pickDistinct(rng, BENEFITS, 3)));
  } else {
    parts.push(`\n\n${workplaceSentence(ctx.workplace, ctx.market)}`);
  }
  return parts.join("");
}

function bullets(items: readonly string[]): string {
  return items.map((item) => `- ${item}`).join("\n");
}

function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

const PERIOD_WORDS: Record<TokenPeriod, string> = { day: "per working day", month: "a month", year: "a year" };
const CAP_WORDS: Record<TokenCap, string> = {
  hard: "hard cap",
  soft: "soft cap: ask and we top it up",
  uncapped: "uncapped; this is what we expect you to spend",
};

function budgetSentence(pkg: PackageSeed): string {
  if (pkg.tokenAmount === null || pkg.tokenUnit === null || pkg.tokenPeriod === null) {
    return "The inference budget for this role is still being set.";
  }
  if (pkg.tokenAmount === 0) return "This role comes with no dedicated AI inference budget.";
  const amount =
    pkg.tokenUnit === "usd" ? `$${withCommas(pkg.tokenAmount)}` : `${withCommas(pkg.tokenAmount)} million tokens`;
  const period = PERIOD_WORDS[pkg.tokenPeriod];
  const cap = CAP_WORDS[pkg.tokenCap ?? "hard"];
  if (pkg.tokenScope === "pooled") {
    return `Your team of ${pkg.tokenPoolSize ?? "several"} shares a pooled inference budget of ${amount} ${period} (${cap}).`;
  }
  if (pkg.tokenUnit === "usd" && pkg.tokenPeriod === "month" && pkg.tokenAmount <= 40) {
    return `You get a ${amount} ${period} seat stipend for AI tools (${cap}).`;
  }
  return `You get ${amount} ${period} of inference (${cap}).`;
}

function workplaceSentence(workplace: Workplace, market: Market): string {
  switch (workplace) {
    case "remote":
      return market.countryCodes === ""
        ? "This role is fully remote, anywhere in the world; we meet in person twice a year."
        : `This role is fully remote (${market.location.replace(/^Remote \((.*)\)$/, "$1")}); we meet in person twice a year.`;
    case "hybrid":
      return `We work from our ${market.location} office three days a week.`;
    case "onsite":
      return `This role is based in our ${market.location} office, five days a week.`;
  }
}

function withCommas(value: number): string {
  const [whole, fraction] = String(value).split(".");
  const grouped = (whole ?? "").replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return fraction ? `${grouped}.${fraction}` : grouped;
}

function floorTo(value: number, unit: number): number {
  return Math.floor(value / unit) * unit;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
