/** A role the data layer can publish (typed values, as the form schema gives them after parsing). */
import { roleFormSchema, type RoleFormValues } from "~/lib/schemas/role";

export function publishableRole(title: string, intent: "draft" | "publish" | "save" = "publish"): RoleFormValues {
  return roleFormSchema.parse({
    intent,
    title,
    level: "senior",
    discipline: "infrastructure",
    employmentType: "FULL_TIME",
    workplace: "hybrid",
    locationText: "Amsterdam",
    countryCodes: "NL",
    description: "## About\n\nRun the platform that runs the agents. Plenty to do, good people.",
    howToApply: "jobs@example.com",
    salaryCurrency: "EUR",
    salaryMin: 90_000,
    salaryMax: 120_000,
    equityKind: "none",
    tokenAmount: 300,
    tokenUnit: "usd",
    tokenPeriod: "day",
    tokenCap: "soft",
    tokenScope: "personal",
    tools: ["cursor", "claude-code"],
  });
}
