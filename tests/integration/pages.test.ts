import { and, eq, gt, lte, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { companies, compensation, roles } from "../../db/schema";
import { callLoader } from "../support/loaders";
import { db } from "~/models/db.server";
import { loader as rolesLoader } from "~/routes/roles._index";
import { loader as roleLoader } from "~/routes/roles.$slug";
import { loader as companyLoader } from "~/routes/companies.$slug";
import { loader as landingLoader } from "~/routes/_index";
import { loader as healthLoader } from "~/routes/healthz";
import type { RoleSummary } from "~/models/role.server";

type RolesData = {
  page: { roles: RoleSummary[]; nextCursor: string | null };
  aggregates: { total: number };
  issues: { param: string; message: string }[];
};

/** Listed roles computed independently of the model: published, not expired, newest first. */
function listedSlugsNewestFirst(now: number): string[] {
  return db()
    .$client.prepare(
      `select slug from roles where status = 'published' and expires_at > ? order by published_at desc, id desc`,
    )
    .all(now)
    .map((row) => (row as { slug: string }).slug);
}

describe("/roles", () => {
  it("lists 20 roles newest first, each with salary and token budget", async () => {
    const { status, data } = await callLoader<RolesData>(rolesLoader, "/roles");
    expect(status).toBe(200);
    expect(data.page.roles).toHaveLength(20);
    expect(data.aggregates.total).toBe(listedSlugsNewestFirst(Date.now()).length);
    expect(data.aggregates.total).toBeGreaterThanOrEqual(400);
    expect(data.page.roles.map((r) => r.slug)).toEqual(listedSlugsNewestFirst(Date.now()).slice(0, 20));
    for (const role of data.page.roles) {
      expect(role.salary.min).not.toBeNull();
      expect(role.salary.max).not.toBeNull();
      expect(role.salary.min!).toBeLessThanOrEqual(role.salary.max!);
      expect(role.tokenBudget.usdPerYear).not.toBeNull();
      expect(role.tokenBudget.tokensPerMonth).not.toBeNull();
      expect(role.company.name).toBeTruthy();
    }
  });

  it("walks every listed role exactly once through the cursor, never a closed or expired one", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const path: string = `/roles?limit=100${cursor ? `&cursor=${cursor}` : ""}`;
      const { status, data }: { status: number; data: RolesData } = await callLoader<RolesData>(rolesLoader, path);
      expect(status).toBe(200);
      seen.push(...data.page.roles.map((r) => r.slug));
      cursor = data.page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(listedSlugsNewestFirst(Date.now()));
    const unlisted = db()
      .select({ slug: roles.slug })
      .from(roles)
      .where(sql`${roles.status} <> 'published' or ${roles.expiresAt} <= ${Date.now()}`)
      .all();
    expect(unlisted.length).toBeGreaterThan(0);
    const seenSet = new Set(seen);
    for (const { slug } of unlisted) expect(seenSet.has(slug)).toBe(false);
  });

  it("answers a tampered cursor or a bad limit with 400 and a message, still listing roles", async () => {
    for (const [path, param] of [
      ["/roles?cursor=garbage", "cursor"],
      ["/roles?limit=0", "limit"],
      ["/roles?limit=1000", "limit"],
      ["/roles?limit=abc", "limit"],
    ] as const) {
      const { status, data } = await callLoader<RolesData>(rolesLoader, path);
      expect(status, path).toBe(400);
      expect(data.issues.map((issue) => issue.param)).toEqual([param]);
      expect(data.page.roles.length, path).toBe(20);
    }
  });
});

describe("/roles/:slug", () => {
  it("shows a listed role's full package", async () => {
    const slug = listedSlugsNewestFirst(Date.now())[0]!;
    const { status, data } = await callLoader<{
      role: { slug: string; isOpen: boolean; pricingBasis: { modelName: string } | null; totalComp: { minUsd: number } };
      descriptionHtml: string;
      breakdown: { totalUsd: number } | null;
    }>(roleLoader, `/roles/${slug}`, { slug });
    expect(status).toBe(200);
    expect(data.role.isOpen).toBe(true);
    expect(data.role.pricingBasis?.modelName).toBeTruthy();
    expect(data.descriptionHtml).toContain("<");
    expect(data.breakdown?.totalUsd).toBeGreaterThan(0);
  });

  it("marks a closed role closed with 410, and an expired one too", async () => {
    const closed = db().select({ slug: roles.slug }).from(roles).where(eq(roles.status, "closed")).get();
    const expired = db()
      .select({ slug: roles.slug })
      .from(roles)
      .where(and(eq(roles.status, "published"), lte(roles.expiresAt, Date.now())))
      .get();
    for (const slug of [closed!.slug, expired!.slug]) {
      const { status, data } = await callLoader<{ role: { isOpen: boolean } }>(roleLoader, `/roles/${slug}`, { slug });
      expect(status).toBe(410);
      expect(data.role.isOpen).toBe(false);
    }
  });

  it("does not show drafts or unknown slugs", async () => {
    const draft = db().select({ slug: roles.slug }).from(roles).where(eq(roles.status, "draft")).get();
    for (const slug of [draft!.slug, "no-such-role", "../../etc/passwd", "%00"]) {
      const { status } = await callLoader(roleLoader, `/roles/x`, { slug });
      expect(status).toBe(404);
    }
  });
});

describe("/companies/:slug", () => {
  it("shows only the company's listed roles", async () => {
    const company = db().select().from(companies).limit(1).get()!;
    const { status, data } = await callLoader<{ roles: RoleSummary[]; openCount: number }>(companyLoader, `/companies/${company.slug}`, {
      slug: company.slug,
    });
    expect(status).toBe(200);
    const expected = db()
      .select({ n: sql<number>`count(*)` })
      .from(roles)
      .where(and(eq(roles.companyId, company.id), eq(roles.status, "published"), gt(roles.expiresAt, Date.now())))
      .get()!.n;
    expect(data.openCount).toBe(expected);
    expect(data.roles.every((r) => r.company.slug === company.slug)).toBe(true);
    expect(data.roles.length).toBe(Math.min(expected, 20));
  });

  it("404s an unknown company", async () => {
    const { status } = await callLoader(companyLoader, "/companies/nope", { slug: "nope" });
    expect(status).toBe(404);
  });
});

describe("landing and health", () => {
  it("the landing page counts the open roles and shows the newest", async () => {
    const { data } = await callLoader<{ openRoles: number; latest: RoleSummary[] }>(landingLoader, "/");
    expect(data.openRoles).toBe(listedSlugsNewestFirst(Date.now()).length);
    expect(data.latest.map((r) => r.slug)).toEqual(listedSlugsNewestFirst(Date.now()).slice(0, 3));
  });

  it("/healthz reports the database ok", async () => {
    const { status, data } = await callLoader<{ status: string }>(healthLoader, "/healthz");
    expect(status).toBe(200);
    expect(data.status).toBe("ok");
  });
});

describe("stored figures", () => {
  it("never disagree with the stated package (spot check against the normalization)", async () => {
    const { normalizeCompensation } = await import("~/lib/normalize");
    const { loadPriceBasis, usdPerUnit } = await import("~/models/role.server");
    const sample = db().select().from(compensation).where(sql`${compensation.roleId} % 7 = 0`).all();
    expect(sample.length).toBeGreaterThan(20);
    for (const row of sample) {
      const figures = normalizeCompensation(
        row as Parameters<typeof normalizeCompensation>[0],
        loadPriceBasis(db(), row.pricingBasisId),
        usdPerUnit(db(), row.salaryCurrency),
      );
      expect(figures.tokenUsdPerYear).toBe(row.tokenUsdPerYear);
      expect(figures.totalMaxUsd).toBe(row.totalMaxUsd);
      expect(figures.inferenceShare).toBe(row.inferenceShare);
    }
  });
});
