/** Reference data the role form needs in the browser for its live preview. */
import { asc } from "drizzle-orm";
import { exchangeRates, pricingBases } from "../../db/schema";
import { db } from "./db.server";

export function pricingBasisOptions() {
  return db()
    .select({
      id: pricingBases.id,
      modelName: pricingBases.modelName,
      usdPerMInput: pricingBases.usdPerMInput,
      usdPerMOutput: pricingBases.usdPerMOutput,
      inputShare: pricingBases.inputShare,
      isDefault: pricingBases.isDefault,
    })
    .from(pricingBases)
    .orderBy(asc(pricingBases.modelName))
    .all();
}

export function pricingBasisExists(id: number): boolean {
  return pricingBasisOptions().some((basis) => basis.id === id);
}

/** USD per unit of each currency (USD itself is 1). */
export function usdRates(): Record<string, number> {
  const rates: Record<string, number> = { USD: 1 };
  for (const row of db().select().from(exchangeRates).all()) rates[row.currency] = row.usdPerUnit;
  return rates;
}
