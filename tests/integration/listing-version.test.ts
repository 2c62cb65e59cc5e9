/**
 * listing_version invalidates every listing cache (page cache, facet counts, market). Only
 * changes a visitor could see may bump it: a draft being saved must leave the caches alone.
 */
import { describe, expect, it } from "vitest";
import { employerWithCompany } from "../support/accounts";
import { roleFormSchema } from "~/lib/schemas/role";
import { db } from "~/models/db.server";
import { changeLifecycle, createRole, updateRole } from "~/models/employer.server";
import { listingVersion } from "~/models/listing-version.server";

const values = (title: string) =>
  roleFormSchema.parse({
    intent: "draft",
    title,
    level: "senior",
    workplace: "remote",
    description: "## About\n\nA role whose writes are counted (or not) by listing_version.",
    howToApply: "jobs@example.com",
    salaryCurrency: "USD",
    salaryMin: 120_000,
    salaryMax: 150_000,
    tokenAmount: 500,
    tokenUnit: "usd",
    tokenPeriod: "month",
    tokenCap: "soft",
    tokenScope: "personal",
    tools: ["cursor"],
  });

describe("listing_version", () => {
  it("moves for changes to listed roles only", async () => {
    const employer = await employerWithCompany("versioned");
    const version = () => listingVersion(db());
    const start = version();

    const draft = createRole(employer.id, employer.companySlug, values("Draft only"), false);
    updateRole(employer.id, draft.id, { ...values("Draft only, edited"), salaryMax: 130_000 }, "draft");
    expect(version(), "saving drafts").toBe(start);

    updateRole(employer.id, draft.id, values("Now published"), "publish");
    const published = version();
    expect(published, "publishing").toBeGreaterThan(start);

    updateRole(employer.id, draft.id, { ...values("Now published"), salaryMax: 140_000 }, "save");
    const edited = version();
    expect(edited, "editing a listed role").toBeGreaterThan(published);

    changeLifecycle(employer.id, draft.id, "close");
    const closed = version();
    expect(closed, "closing").toBeGreaterThan(edited);

    const copy = changeLifecycle(employer.id, draft.id, "duplicate");
    changeLifecycle(employer.id, copy.id, "delete");
    expect(version(), "duplicating as a draft and deleting the draft").toBe(closed);

    createRole(employer.id, employer.companySlug, values("Published at once"), true);
    expect(version(), "creating a published role").toBeGreaterThan(closed);
  });
});
