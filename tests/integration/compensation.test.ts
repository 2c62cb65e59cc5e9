import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { writeTransaction } from "../../db/client";
import { compensation, pricingBases, roles, roleTools } from "../../db/schema";
import { db } from "~/models/db.server";
import { recomputeAllCompensation, writeCompensation, type StatedPackage } from "~/models/role.server";

const stated: StatedPackage = {
  salaryCurrency: "GBP",
  salaryMin: 90_000,
  salaryMax: 110_000,
  bonusTargetPercent: null,
  equityKind: "none",
  equityMin: null,
  equityMax: null,
  tokenAmount: 1_000,
  tokenUnit: "mtok",
  tokenPeriod: "month",
  tokenCap: "hard",
  tokenScope: "personal",
  tokenPoolSize: null,
  tools: ["cursor", "claude-code", "cursor"],
  otherTools: "",
  gpuAccess: "",
  pricingBasisId: null,
};

function defaultBasis() {
  return db().select().from(pricingBases).where(eq(pricingBases.isDefault, true)).get()!;
}

describe("writing a package", () => {
  it("stores the normalized figures and mirrors the tools", () => {
    const roleId = db().select({ id: roles.id }).from(roles).limit(1).get()!.id;
    writeTransaction(db(), () => writeCompensation(db(), roleId, stated, Date.now()));
    const row = db().select().from(compensation).where(eq(compensation.roleId, roleId)).get()!;
    const basis = defaultBasis();
    const blended = basis.inputShare * basis.usdPerMInput + (1 - basis.inputShare) * basis.usdPerMOutput;
    expect(row.tokenUsdPerYear).toBeCloseTo(1_000 * blended * 12, 2);
    expect(row.tokensPerMonth).toBe(1_000_000_000);
    expect(row.tools).toBe('["claude-code","cursor"]');
    const tools = db().select().from(roleTools).where(eq(roleTools.roleId, roleId)).all().map((t) => t.tool).sort();
    expect(tools).toEqual(["claude-code", "cursor"]);
  });

  it("re-derives every stored figure when a price changes", async () => {
    const roleId = db().select({ id: roles.id }).from(roles).limit(1).offset(1).get()!.id;
    writeTransaction(db(), () => writeCompensation(db(), roleId, stated, Date.now()));
    const before = db().select().from(compensation).where(eq(compensation.roleId, roleId)).get()!;
    const basis = defaultBasis();
    db().update(pricingBases).set({ usdPerMInput: basis.usdPerMInput * 2, usdPerMOutput: basis.usdPerMOutput * 2 }).where(eq(pricingBases.id, basis.id)).run();
    const count = recomputeAllCompensation(db(), Date.now());
    expect(count).toBe(await db().$count(compensation));
    const after = db().select().from(compensation).where(eq(compensation.roleId, roleId)).get()!;
    // The budget is stated in tokens: doubling the price doubles its dollar value; the tokens stay.
    expect(after.tokenUsdPerYear).toBeCloseTo(before.tokenUsdPerYear! * 2, 2);
    expect(after.tokensPerMonth).toBe(before.tokensPerMonth);
    expect(after.totalMaxUsd).toBeGreaterThan(before.totalMaxUsd!);
  });
});
