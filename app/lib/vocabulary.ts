/**
 * The closed vocabularies of the model, with the words people see. Shared by the schema
 * validation, the seed, the forms and the pages, so a value and its label live in one place.
 */

export const LEVELS = [
  "intern",
  "junior",
  "mid",
  "senior",
  "staff",
  "principal",
  "manager",
  "director",
] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_LABELS: Record<Level, string> = {
  intern: "Intern",
  junior: "Junior",
  mid: "Mid-level",
  senior: "Senior",
  staff: "Staff",
  principal: "Principal",
  manager: "Manager",
  director: "Director",
};

export const EMPLOYMENT_TYPES = ["FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN"] as const;
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];
export const EMPLOYMENT_TYPE_LABELS: Record<EmploymentType, string> = {
  FULL_TIME: "Full-time",
  PART_TIME: "Part-time",
  CONTRACTOR: "Contract",
  TEMPORARY: "Temporary",
  INTERN: "Internship",
};

export const WORKPLACES = ["remote", "hybrid", "onsite"] as const;
export type Workplace = (typeof WORKPLACES)[number];
export const WORKPLACE_LABELS: Record<Workplace, string> = {
  remote: "Remote",
  hybrid: "Hybrid",
  onsite: "On-site",
};

export const DISCIPLINES = [
  "backend",
  "frontend",
  "fullstack",
  "mobile",
  "infrastructure",
  "data",
  "ml",
  "security",
  "product",
  "design",
  "developer-relations",
] as const;
export type Discipline = (typeof DISCIPLINES)[number];
export const DISCIPLINE_LABELS: Record<Discipline, string> = {
  backend: "Backend",
  frontend: "Frontend",
  fullstack: "Full-stack",
  mobile: "Mobile",
  infrastructure: "Infrastructure",
  data: "Data",
  ml: "Machine learning",
  security: "Security",
  product: "Product",
  design: "Design",
  "developer-relations": "Developer relations",
};

export const ROLE_STATUSES = ["draft", "published", "closed"] as const;
export type RoleStatus = (typeof ROLE_STATUSES)[number];

export const TOKEN_UNITS = ["usd", "mtok"] as const;
export type TokenUnit = (typeof TOKEN_UNITS)[number];
export const TOKEN_UNIT_LABELS: Record<TokenUnit, string> = {
  usd: "US dollars",
  mtok: "million tokens",
};

export const TOKEN_PERIODS = ["day", "month", "year"] as const;
export type TokenPeriod = (typeof TOKEN_PERIODS)[number];
export const TOKEN_PERIOD_LABELS: Record<TokenPeriod, string> = {
  day: "per working day",
  month: "per month",
  year: "per year",
};

export const TOKEN_CAPS = ["hard", "soft", "uncapped"] as const;
export type TokenCap = (typeof TOKEN_CAPS)[number];
export const TOKEN_CAP_LABELS: Record<TokenCap, string> = {
  hard: "Hard cap",
  soft: "Soft cap",
  uncapped: "Uncapped",
};

export const TOKEN_SCOPES = ["personal", "pooled"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
export const TOKEN_SCOPE_LABELS: Record<TokenScope, string> = {
  personal: "Personal",
  pooled: "Pooled per team",
};

export const TOOLS = [
  "claude-code",
  "codex",
  "copilot",
  "cursor",
  "gemini",
  "chatgpt",
  "claude",
  "windsurf",
  "self-hosted",
] as const;
export type Tool = (typeof TOOLS)[number];
export const TOOL_LABELS: Record<Tool, string> = {
  "claude-code": "Claude Code",
  codex: "Codex",
  copilot: "Copilot",
  cursor: "Cursor",
  gemini: "Gemini",
  chatgpt: "ChatGPT",
  claude: "Claude",
  windsurf: "Windsurf",
  "self-hosted": "Self-hosted models",
};

export const EQUITY_KINDS = ["none", "options", "rsu", "profit-interest", "phantom"] as const;
export type EquityKind = (typeof EQUITY_KINDS)[number];
export const EQUITY_KIND_LABELS: Record<EquityKind, string> = {
  none: "No equity",
  options: "Stock options",
  rsu: "RSUs",
  "profit-interest": "Profit interest",
  phantom: "Phantom equity",
};

export const SIZE_BANDS = ["1-10", "11-50", "51-200", "201-1000", "1001-5000", "5000+"] as const;
export type SizeBand = (typeof SIZE_BANDS)[number];

/** Currencies with an exchange rate in the seed; salaries may be stated in any of them. */
export const CURRENCIES = ["USD", "EUR", "GBP", "CAD", "CHF", "AUD", "SEK", "JPY", "INR", "SGD"] as const;
export type Currency = (typeof CURRENCIES)[number];

export function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === "string" && (list as readonly string[]).includes(value);
}

export function labelOf<T extends string>(labels: Record<T, string>, value: string): string {
  return (labels as Record<string, string>)[value] ?? value;
}
