import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { compactNumber } from "~/lib/format";
import { WORKING_DAYS_PER_YEAR, blendedUsdPerMTokens, tokensPerMonthFor } from "~/lib/normalize";
import { db } from "~/models/db.server";
import { listPricingBases } from "~/models/pricing.server";

export const meta: MetaFunction = () => [
  { title: "Pricing basis: how token budgets are converted · Tokenboard" },
  { name: "description", content: "The model prices Tokenboard uses to turn token budgets into dollars and tokens per month, and how budgets are normalized." },
];

export async function loader() {
  return {
    bases: listPricingBases(db()).map((b) => ({
      slug: b.slug,
      modelName: b.modelName,
      provider: b.provider,
      usdPerMInput: b.usdPerMInput,
      usdPerMOutput: b.usdPerMOutput,
      usdPerMCachedInput: b.usdPerMCachedInput,
      inputShare: b.inputShare,
      blended: blendedUsdPerMTokens(b),
      tokensFor100k: tokensPerMonthFor(100_000, b),
      asOf: b.asOf,
      sourceUrl: b.sourceUrl,
      isDefault: b.isDefault,
    })),
  };
}

const usd = (n: number) => `$${n.toLocaleString("en-US", { maximumFractionDigits: 3 })}`;

export default function PricingPage() {
  const { bases } = useLoaderData<typeof loader>();
  const fallback = bases.find((b) => b.isDefault);
  return (
    <div className="flex flex-col gap-8">
      <header>
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">Pricing basis</h1>
        <p className="mt-1 max-w-3xl text-slate-700">
          Employers state token budgets in dollars or in tokens. To compare them, Tokenboard converts between the two at model prices: the ones below,
          per million tokens. {fallback ? <>Unless a role names another, the default is <strong>{fallback.modelName}</strong>.</> : null}
        </p>
      </header>

      <section aria-labelledby="prices-heading" className="overflow-x-auto rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="prices-heading" className="text-xl font-semibold text-slate-900">
          Model prices
        </h2>
        <table className="mt-3 w-full min-w-[44rem] text-left text-sm">
          <thead className="text-slate-600">
            <tr>
              <th scope="col" className="py-2 pr-3 font-medium">Model</th>
              <th scope="col" className="py-2 pr-3 text-right font-medium">Input</th>
              <th scope="col" className="py-2 pr-3 text-right font-medium">Cached input</th>
              <th scope="col" className="py-2 pr-3 text-right font-medium">Output</th>
              <th scope="col" className="py-2 pr-3 text-right font-medium">Mix (input)</th>
              <th scope="col" className="py-2 pr-3 text-right font-medium">Blended</th>
              <th scope="col" className="py-2 pr-3 text-right font-medium">$100k/yr buys</th>
              <th scope="col" className="py-2 font-medium">As of</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {bases.map((b) => (
              <tr key={b.slug}>
                <th scope="row" className="py-2 pr-3 font-medium text-slate-900">
                  {b.modelName} <span className="font-normal text-slate-600">· {b.provider}</span>
                  {b.isDefault ? <span className="ml-2 rounded-full bg-token-100 px-2 py-0.5 text-xs text-token-800">default</span> : null}
                </th>
                <td className="py-2 pr-3 text-right tabular-nums">{usd(b.usdPerMInput)}</td>
                <td className="py-2 pr-3 text-right tabular-nums">{b.usdPerMCachedInput === null ? "—" : usd(b.usdPerMCachedInput)}</td>
                <td className="py-2 pr-3 text-right tabular-nums">{usd(b.usdPerMOutput)}</td>
                <td className="py-2 pr-3 text-right tabular-nums">{Math.round(b.inputShare * 100)}%</td>
                <td className="py-2 pr-3 text-right tabular-nums">{usd(Math.round(b.blended * 1000) / 1000)}</td>
                <td className="py-2 pr-3 text-right tabular-nums">~{compactNumber(b.tokensFor100k)} tokens/mo</td>
                <td className="py-2">
                  {b.sourceUrl ? (
                    <a href={b.sourceUrl} rel="noopener noreferrer" className="text-brand-700 underline">
                      {b.asOf}
                    </a>
                  ) : (
                    b.asOf
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mt-2 text-xs text-slate-600">USD per million tokens. Cached input is shown where the provider publishes it; the blended price uses input and output only.</p>
      </section>

      <section aria-labelledby="how-heading" className="max-w-3xl rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="how-heading" className="text-xl font-semibold text-slate-900">
          How budgets are normalized
        </h2>
        <ol className="mt-3 list-decimal space-y-2 pl-5 text-slate-700">
          <li>
            <strong>Blended price.</strong> Coding agents read far more than they write, so a million tokens is priced at the mix in the table: input share × input
            price + output share × output price.
          </li>
          <li>
            <strong>Dollars per year.</strong> A budget in dollars is taken as stated; one in millions of tokens is multiplied by the blended price. Per month is ×12;
            per working day is ×{WORKING_DAYS_PER_YEAR} (260 weekdays less about 10 public holidays). A pooled budget is divided by the people sharing it.
          </li>
          <li>
            <strong>Tokens per month</strong> = dollars per year ÷ 12 ÷ blended price × 1,000,000.
          </li>
          <li>
            <strong>Total and share.</strong> The fully loaded total adds salary, bonus, equity and tokens (salaries converted to USD at stored exchange rates); the
            inference share is the token budget's part of the total at the middle of the range.
          </li>
        </ol>
        <p className="mt-3 text-sm text-slate-600">
          Prices change: they are kept in the database, and when the default basis changes every stored figure is recomputed. Try your own numbers in the{" "}
          <Link to="/calculator" className="text-brand-700 underline">
            calculator
          </Link>
          .
        </p>
      </section>
    </div>
  );
}
