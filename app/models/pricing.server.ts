/**
 * The pricing bases (model prices used to convert between dollars and tokens). They live in
 * the database, loaded by the seed, so they can be updated without a code change; making
 * another basis the default re-runs the normalization over every stored package.
 */
import { asc, eq } from "drizzle-orm";
import { writeTransaction, type Db } from "../../db/client";
import { pricingBases } from "../../db/schema";
import { recomputeAllCompensation } from "./role.server";

export function listPricingBases(db: Db) {
  return db.select().from(pricingBases).orderBy(asc(pricingBases.provider), asc(pricingBases.modelName)).all();
}

export class PricingError extends Error {}

/** Makes `slug` the default basis and recomputes every package's figures; returns how many. */
export function setDefaultPricingBasis(db: Db, slug: string, now = Date.now()): number {
  // One IMMEDIATE transaction for the lookup, the switch and the recomputation (which nests
  // as a savepoint): no reader ever sees the new default with figures from the old one.
  return writeTransaction(db, () => {
    const basis = db.select().from(pricingBases).where(eq(pricingBases.slug, slug)).get();
    if (!basis) throw new PricingError(`No pricing basis "${slug}". Known: ${listPricingBases(db).map((b) => b.slug).join(", ")}`);
    db.update(pricingBases).set({ isDefault: false, updatedAt: now }).where(eq(pricingBases.isDefault, true)).run();
    db.update(pricingBases).set({ isDefault: true, updatedAt: now }).where(eq(pricingBases.id, basis.id)).run();
    return recomputeAllCompensation(db, now);
  });
}
