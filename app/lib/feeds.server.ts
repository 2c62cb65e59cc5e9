/**
 * Feeds for any search: Atom 1.0 and JSON Feed 1.1, taking the same parameters as /roles, so
 * a candidate can follow "remote staff roles with at least $50k of tokens" in a feed reader.
 * Every entry carries the salary and the token budget.
 */
import { payLine, tokenBenefits } from "./job-posting";
import { escapeXml } from "./xml";
import { searchParamsFor, type SearchParams } from "./search-params";
import type { RoleSummary } from "~/models/role.server";

export interface FeedInput {
  origin: string;
  params: SearchParams;
  roles: RoleSummary[];
  now: number;
}

function feedTitle(params: SearchParams): string {
  const parts = [
    params.q ? `“${params.q}”` : null,
    params.workplace.length ? params.workplace.join("/") : null,
    params.level.length ? params.level.join("/") : null,
    params.minTokenBudget !== undefined ? `token budget ≥ $${params.minTokenBudget.toLocaleString("en-US")}` : null,
    params.minSalary !== undefined ? `salary ≥ $${params.minSalary.toLocaleString("en-US")}` : null,
    params.tool.length ? `with ${params.tool.join(" + ")}` : null,
    params.discipline?.length ? params.discipline.join("/") : null,
    params.employmentType?.length ? params.employmentType.map((e) => e.toLowerCase().replace("_", "-")).join("/") : null,
    params.country?.length ? `in ${params.country.join("/")}` : null,
    params.postedWithin !== undefined ? `posted within ${params.postedWithin === 1 ? "a day" : `${params.postedWithin} days`}` : null,
    params.company ? `at ${params.company}` : null,
  ].filter(Boolean);
  return parts.length ? `Tokenboard roles: ${parts.join(", ")}` : "Tokenboard: newest roles";
}

function entryText(role: RoleSummary): string {
  return `${role.company.name} · ${role.location || role.workplace}. ${payLine(role)}.`;
}

function entryHtml(role: RoleSummary): string {
  const benefits = tokenBenefits({ tokenBudget: role.tokenBudget, pricingBasis: null, gpuAccess: "" });
  return `<p><strong>${escapeXml(role.company.name)}</strong> · ${escapeXml(role.location || role.workplace)}</p><p>${escapeXml(payLine(role))}</p>${
    benefits ? `<p>${escapeXml(benefits)}</p>` : ""
  }`;
}

export function atomFeed({ origin, params, roles, now }: FeedInput): string {
  const query = searchParamsFor({ ...params, cursor: undefined }).toString();
  const self = `${origin}/feeds/roles.atom${query ? `?${query}` : ""}`;
  const alternate = `${origin}/roles${query ? `?${query}` : ""}`;
  const updated = roles.reduce((latest, r) => Math.max(latest, r.publishedAt ? Date.parse(r.publishedAt) : 0), 0) || now;
  const entries = roles
    .map((role) => {
      const url = `${origin}${role.url}`;
      return `  <entry>
    <id>${escapeXml(url)}</id>
    <title>${escapeXml(`${role.title} at ${role.company.name}`)}</title>
    <link rel="alternate" type="text/html" href="${escapeXml(url)}"/>
    <updated>${new Date(role.publishedAt ? Date.parse(role.publishedAt) : now).toISOString()}</updated>
    <published>${new Date(role.publishedAt ? Date.parse(role.publishedAt) : now).toISOString()}</published>
    <author><name>${escapeXml(role.company.name)}</name></author>
    <summary type="text">${escapeXml(entryText(role))}</summary>
    <content type="html">${escapeXml(entryHtml(role))}</content>
  </entry>`;
    })
    .join("\n");
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${escapeXml(self)}</id>
  <title>${escapeXml(feedTitle(params))}</title>
  <subtitle>Roles with their salary range and token budget side by side.</subtitle>
  <link rel="self" type="application/atom+xml" href="${escapeXml(self)}"/>
  <link rel="alternate" type="text/html" href="${escapeXml(alternate)}"/>
  <updated>${new Date(updated).toISOString()}</updated>
  <generator>Tokenboard</generator>
${entries}
</feed>
`;
}

export function jsonFeed({ origin, params, roles }: FeedInput) {
  const query = searchParamsFor({ ...params, cursor: undefined }).toString();
  return {
    version: "https://jsonfeed.org/version/1.1",
    title: feedTitle(params),
    home_page_url: `${origin}/roles${query ? `?${query}` : ""}`,
    feed_url: `${origin}/feeds/roles.json${query ? `?${query}` : ""}`,
    description: "Roles with their salary range and token budget side by side.",
    language: "en",
    items: roles.map((role) => ({
      id: `${origin}${role.url}`,
      url: `${origin}${role.url}`,
      title: `${role.title} at ${role.company.name}`,
      summary: entryText(role),
      content_html: entryHtml(role),
      ...(role.publishedAt ? { date_published: role.publishedAt } : {}),
      authors: [{ name: role.company.name, url: `${origin}/companies/${role.company.slug}` }],
      tags: [role.level, role.workplace, ...role.tokenBudget.tools],
      // Extensions start with an underscore (JSON Feed 1.1): the figures, machine-readable.
      _tokenboard: { salary: role.salary, tokenBudget: role.tokenBudget, totalComp: role.totalComp, inferenceShare: role.inferenceShare },
    })),
  };
}
