/**
 * Roles as the public JSON API, feeds and embeds show them: DESIGN.md's Role shape with
 * absolute URLs, without internal ids.
 */
import type { RoleDetail, RoleSummary } from "~/models/role.server";

export type ApiRole = Omit<RoleSummary, "id">;

export function toApiRole(role: RoleSummary, origin: string): ApiRole {
  const { id: _id, ...rest } = role;
  return { ...rest, url: new URL(role.url, origin).toString() };
}

export function toApiRoleDetail(role: RoleDetail, origin: string) {
  return {
    ...toApiRole(role, origin),
    description: role.description,
    howToApply: { url: role.applyUrl, email: role.applyEmail },
    bonusTargetPercent: role.bonusTargetPercent,
    equity: role.equity,
    gpuAccess: role.gpuAccess,
    pricingBasis: role.pricingBasis,
    company: {
      slug: role.companyDetail.slug,
      name: role.companyDetail.name,
      website: role.companyDetail.website,
      url: new URL(`/companies/${role.companyDetail.slug}`, origin).toString(),
    },
  };
}

/** Public listing data: cacheable for a minute by browsers and shared caches, readable by any site. */
export const PUBLIC_JSON_HEADERS = {
  "Cache-Control": "public, max-age=60, stale-while-revalidate=300",
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
} as const;
