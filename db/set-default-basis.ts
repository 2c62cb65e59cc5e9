/**
 * `npm run pricing:default -- <slug>`: makes another pricing basis the default and recomputes
 * every stored package's normalized figures. Without a slug it lists the bases.
 */
import { openDatabase } from "./client";
import { PricingError, listPricingBases, setDefaultPricingBasis } from "../app/models/pricing.server";

const slug = process.argv[2];
const file = process.env.DATABASE_URL ?? "data/tokenboard.db";
const db = openDatabase(file);
if (!slug) {
  for (const b of listPricingBases(db)) console.log(`${b.isDefault ? "*" : " "} ${b.slug.padEnd(20)} ${b.modelName} ($${b.usdPerMInput}/$${b.usdPerMOutput} per M, as of ${b.asOf})`);
  console.log("\nUsage: npm run pricing:default -- <slug>");
} else {
  try {
    const started = performance.now();
    const count = setDefaultPricingBasis(db, slug);
    console.log(`Default pricing basis is now ${slug}; recomputed ${count.toLocaleString("en-US")} packages in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  } catch (error) {
    if (!(error instanceof PricingError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}
db.$client.close();
