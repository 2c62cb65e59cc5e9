/**
 * What crawlers should find: every listed role and every company with one. Role sitemaps are
 * cut by role id ranges (a primary-key range scan each), so a million roles make 25 files of
 * at most 40,000 URLs, under the protocol's 50,000.
 */
import type { Db } from "../../db/client";

export const ROLES_PER_SITEMAP = 40_000;

export function roleSitemapCount(db: Db): number {
  const row = db.$client.prepare("SELECT max(id) AS maxId FROM roles").get() as { maxId: number | null };
  return Math.max(1, Math.ceil((row.maxId ?? 0) / ROLES_PER_SITEMAP));
}

/** Listed roles with ids in the page's range. */
export function rolesForSitemap(db: Db, page: number, now: number): { slug: string; updatedAt: number }[] {
  return db.$client
    .prepare(
      `SELECT slug, updated_at AS updatedAt FROM roles
       WHERE id > ? AND id <= ? AND status = 'published' AND expires_at > ? ORDER BY id`,
    )
    .all(page * ROLES_PER_SITEMAP, (page + 1) * ROLES_PER_SITEMAP, now) as { slug: string; updatedAt: number }[];
}

/** Companies with at least one listed role. */
export function companiesForSitemap(db: Db, now: number): { slug: string; updatedAt: number }[] {
  return db.$client
    .prepare(
      `SELECT co.slug AS slug, co.updated_at AS updatedAt FROM companies co
       WHERE EXISTS (SELECT 1 FROM roles r INDEXED BY roles_company_status_idx
                     WHERE r.company_id = co.id AND r.status = 'published' AND r.expires_at > ?)
       ORDER BY co.id`,
    )
    .all(now) as { slug: string; updatedAt: number }[];
}
