/**
 * A complete, publishable role form as an employer's browser posts it (every value a
 * string, tools repeated): the one fixture the integration and stress tests build on.
 */
export const ROLE_FORM: Record<string, string | string[]> = {
  title: "Platform Engineer",
  level: "senior",
  discipline: "infrastructure",
  employmentType: "FULL_TIME",
  workplace: "hybrid",
  locationText: "Amsterdam",
  countryCodes: "NL",
  description: "## About\n\nRun the platform that runs the agents. Plenty to do, good people.",
  howToApply: "jobs@example.com",
  salaryCurrency: "EUR",
  salaryMin: "90000",
  salaryMax: "120000",
  equityKind: "none",
  tokenAmount: "300",
  tokenUnit: "usd",
  tokenPeriod: "day",
  tokenCap: "soft",
  tokenScope: "personal",
  tools: ["cursor", "claude-code"],
};
