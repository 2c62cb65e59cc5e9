/**
 * A role as schema.org JobPosting (JSON-LD) for search engines, following Google's rules for
 * job postings: the salary as a MonetaryAmount per YEAR, remote roles as TELECOMMUTE with the
 * countries applicants may live in, and the token budget in jobBenefits, so the fourth line
 * of pay travels with the listing.
 */
import { moneyRange, tokenBudgetLabel, tokensPerMonthAtLabel, tokensPerMonthLabel } from "./format";
import { TOKEN_CAP_LABELS, TOKEN_SCOPE_LABELS, TOOL_LABELS, labelOf } from "./vocabulary";
import type { RoleDetail } from "~/models/role.server";

/** One line with both figures, for meta descriptions, feeds and social cards. */
export function payLine(role: Pick<RoleDetail, "salary" | "tokenBudget">): string {
  const salary = moneyRange(role.salary.min, role.salary.max, role.salary.currency);
  const tokens = tokenBudgetLabel(role.tokenBudget.usdPerYear);
  const perMonth = role.tokenBudget.usdPerYear ? ` (${tokensPerMonthAtLabel(role.tokenBudget.tokensPerMonth, role.tokenBudget.pricingBasis?.modelName ?? null)})` : "";
  return `Salary ${salary} · Token budget ${tokens}${perMonth}`;
}

export function tokenBenefits(role: Pick<RoleDetail, "tokenBudget" | "pricingBasis" | "gpuAccess">): string {
  const { tokenBudget } = role;
  if (tokenBudget.usdPerYear === null) return "";
  if (tokenBudget.usdPerYear === 0) return "No AI inference (token) budget.";
  const parts = [
    `AI inference (token) budget: ${tokenBudgetLabel(tokenBudget.usdPerYear)} per person, ${tokensPerMonthLabel(tokenBudget.tokensPerMonth)}${
      role.pricingBasis ? ` at ${role.pricingBasis.modelName} prices` : ""
    }.`,
  ];
  const terms = [tokenBudget.cap ? labelOf(TOKEN_CAP_LABELS, tokenBudget.cap) : null, tokenBudget.scope ? labelOf(TOKEN_SCOPE_LABELS, tokenBudget.scope) : null].filter(Boolean);
  if (terms.length) parts.push(`${terms.join(", ")}.`);
  const tools = [...tokenBudget.tools.map((t) => labelOf(TOOL_LABELS, t)), ...(tokenBudget.otherTools ? [tokenBudget.otherTools] : [])];
  if (tools.length) parts.push(`Tools provided: ${tools.join(", ")}.`);
  if (role.gpuAccess) parts.push(`GPU access: ${role.gpuAccess}.`);
  return parts.join(" ");
}

export function jobPostingJsonLd(role: RoleDetail, origin: string, descriptionHtml: string) {
  const remote = role.workplace === "remote";
  const locality = role.location.replace(/\s*\(.*\)\s*$/, "").split(",")[0]?.trim() ?? "";
  const country = role.countryCodes[0];
  return {
    "@context": "https://schema.org",
    "@type": "JobPosting",
    title: role.title,
    description: descriptionHtml || `<p>${role.title} at ${role.company.name}</p>`,
    datePosted: role.publishedAt,
    validThrough: role.expiresAt,
    employmentType: role.employmentType,
    url: new URL(role.url, origin).toString(),
    identifier: { "@type": "PropertyValue", name: role.company.name, value: role.slug },
    directApply: false,
    hiringOrganization: {
      "@type": "Organization",
      name: role.companyDetail.name,
      ...(role.companyDetail.website ? { sameAs: role.companyDetail.website } : {}),
    },
    ...(remote
      ? {
          jobLocationType: "TELECOMMUTE",
          ...(role.countryCodes.length
            ? { applicantLocationRequirements: role.countryCodes.map((code) => ({ "@type": "Country", name: code })) }
            : {}),
        }
      : {
          jobLocation: {
            "@type": "Place",
            address: {
              "@type": "PostalAddress",
              ...(locality ? { addressLocality: locality } : {}),
              ...(country ? { addressCountry: country } : {}),
            },
          },
        }),
    ...(role.salary.min !== null && role.salary.max !== null
      ? {
          baseSalary: {
            "@type": "MonetaryAmount",
            currency: role.salary.currency,
            value: { "@type": "QuantitativeValue", minValue: role.salary.min, maxValue: role.salary.max, unitText: "YEAR" },
          },
        }
      : {}),
    jobBenefits: tokenBenefits(role),
  };
}

/** JSON for a <script> element: "<" escaped so no text in it can close the element. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}
