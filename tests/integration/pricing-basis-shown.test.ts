/**
 * Tokens a month depend on the model they are priced at: every place that shows a count names
 * its basis (search results and cards, the API, the embed, the role page's summary line), and
 * /compare can count every role at one basis the visitor picks.
 */
import { describe, expect, it } from "vitest";
import { callLoader } from "../support/loaders";
import { db } from "~/models/db.server";
import { searchRoles } from "~/models/search.server";
import { parseSearchParams } from "~/lib/search-params";
import { blendedUsdPerMTokens } from "~/lib/normalize";
import { payLine } from "~/lib/job-posting";
import { getRoleDetail } from "~/models/role.server";
import { loader as compareLoader } from "~/routes/compare";
import { loader as apiRolesLoader } from "~/routes/api.roles";
import { loader as embedLoader } from "~/routes/embed.roles";

const now = Date.now();

interface BasisRow {
  slug: string;
  basisSlug: string;
  modelName: string;
  usdPerYear: number;
}

/** Listed roles with a budget and the basis their figures were converted at (their own, else the default). */
function rolesWithBasis(): BasisRow[] {
  return db()
    .$client.prepare(
      `SELECT r.slug, pb.slug AS basisSlug, pb.model_name AS modelName, c.token_usd_per_year AS usdPerYear
         FROM roles r JOIN compensation c ON c.role_id = r.id
         JOIN pricing_bases pb ON pb.id = coalesce(c.pricing_basis_id, (SELECT id FROM pricing_bases WHERE is_default = 1))
        WHERE r.status = 'published' AND r.expires_at > ? AND c.token_usd_per_year > 0`,
    )
    .all(now) as BasisRow[];
}

function basisPrices(slug: string) {
  return db().$client.prepare(`SELECT * FROM pricing_bases WHERE slug = ?`).get(slug) as {
    slug: string;
    model_name: string;
    usd_per_m_input: number;
    usd_per_m_output: number;
    input_share: number;
  };
}

describe("tokens a month name their pricing basis", () => {
  const rows = rolesWithBasis();
  const onDefault = rows.find((r) => r.basisSlug === "claude-sonnet-4-5")!;
  const onOther = rows.find((r) => r.basisSlug !== "claude-sonnet-4-5")!;

  it("the seed has roles at the default basis and at others", () => {
    expect(onDefault).toBeDefined();
    expect(onOther).toBeDefined();
  });

  it("search results, role details and the meta line carry the basis each role was converted at", () => {
    const { roles } = searchRoles(db(), parseSearchParams(new URLSearchParams("limit=100&sort=tokens_desc")).params, now);
    const bySlug = new Map(rows.map((r) => [r.slug, r]));
    const budgeted = roles.filter((r) => r.tokenBudget.usdPerYear);
    expect(budgeted.length).toBeGreaterThan(10);
    for (const role of budgeted) {
      expect(role.tokenBudget.pricingBasis, role.slug).toEqual({ slug: bySlug.get(role.slug)!.basisSlug, modelName: bySlug.get(role.slug)!.modelName });
    }
    const detail = getRoleDetail(db(), onOther.slug, now)!;
    expect(detail.tokenBudget.pricingBasis?.modelName).toBe(onOther.modelName);
    expect(payLine(detail)).toMatch(new RegExp(`tokens/mo at ${onOther.modelName.replace(/\./g, "\\.")} prices\\)$`));
  });

  it("the JSON API and the embed name it", async () => {
    const api = await callLoader<{ roles: { slug: string; tokenBudget: { pricingBasis: { slug: string; modelName: string } | null } }[] }>(
      apiRolesLoader,
      "/api/roles?limit=100&sort=tokens_desc",
    );
    expect(api.status).toBe(200);
    const named = api.data.roles.filter((r) => r.tokenBudget.pricingBasis);
    expect(named.length).toBeGreaterThan(10);
    const embed = await callLoader<string>(embedLoader, "/embed/roles?limit=20&sort=tokens_desc");
    expect(embed.data).toMatch(/tokens\/mo at [A-Za-z0-9. ]+ prices/);
  });

  it("/compare names each role's own basis, or counts all at the one the visitor picks", async () => {
    const path = `/compare?roles=${onDefault.slug}&roles=${onOther.slug}`;
    type Compared = { roles: { slug: string; tokensShown: { perMonth: number; modelName: string } }[]; bases: { slug: string }[]; basis: string; problem: string | null };
    const own = await callLoader<Compared>(compareLoader, path);
    expect(own.status).toBe(200);
    expect(own.data.basis).toBe("");
    expect(own.data.roles.map((r) => r.tokensShown.modelName)).toEqual([onDefault.modelName, onOther.modelName]);
    expect(own.data.bases.map((b) => b.slug)).toContain("gpt-5");

    const picked = await callLoader<Compared>(compareLoader, `${path}&basis=gpt-5`);
    expect(picked.status).toBe(200);
    expect(picked.data.basis).toBe("gpt-5");
    const gpt5 = basisPrices("gpt-5");
    const blended = blendedUsdPerMTokens({ usdPerMInput: gpt5.usd_per_m_input, usdPerMOutput: gpt5.usd_per_m_output, inputShare: gpt5.input_share } as never);
    for (const [i, row] of [onDefault, onOther].entries()) {
      const shown = picked.data.roles[i]!.tokensShown;
      expect(shown.modelName).toBe(gpt5.model_name);
      // The same dollars at one model's prices: USD a year / 12 / blended USD per million tokens.
      expect(shown.perMonth).toBe(Math.round(((row.usdPerYear / 12) / blended) * 1e6));
    }

    const unknown = await callLoader<Compared>(compareLoader, `${path}&basis=no-such-model`);
    expect(unknown.status).toBe(400);
    expect(unknown.data.problem).toMatch(/no pricing basis “no-such-model”/);
    expect(unknown.data.roles.map((r) => r.tokensShown.modelName)).toEqual([onDefault.modelName, onOther.modelName]);
  });
});
