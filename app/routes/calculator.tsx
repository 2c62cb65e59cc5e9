import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useSubmit } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { Button } from "~/components/button";
import { Field, controlClass } from "~/components/form-fields";
import { PackageBar } from "~/components/package-bar";
import { fullMoney, percent, tokensPerMonthLabel } from "~/lib/format";
import { normalizeCompensation, packageBreakdown, WORKING_DAYS_PER_YEAR } from "~/lib/normalize";
import { TOKEN_PERIODS, TOKEN_PERIOD_LABELS, TOKEN_UNITS, TOKEN_UNIT_LABELS } from "~/lib/vocabulary";
import { db } from "~/models/db.server";
import { listPricingBases } from "~/models/pricing.server";
import { CALCULATOR_FIELDS, calculatorSchema } from "~/lib/schemas/forms.server";

export const meta: MetaFunction = () => [
  { title: "Fully loaded cost calculator: salary, bonus, equity and tokens · Tokenboard" },
  { name: "description", content: "What a role costs with its token budget: the fully loaded cost, the inference share and the tokens a month it buys." },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const search = new URL(request.url).searchParams;
  const raw = Object.fromEntries(CALCULATOR_FIELDS.map((f) => [f, search.get(f) ?? undefined]).filter(([, v]) => v !== undefined));
  const parsed = calculatorSchema.safeParse(raw);
  const bases = listPricingBases(db());
  const errors: Record<string, string> = {};
  if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
  // The form shows what was valid; a result is only shown when every value is (a result
  // beside an error would be a sum of numbers nobody typed).
  const values = calculatorSchema.parse(Object.fromEntries(Object.entries(raw).filter(([k]) => !errors[k])));
  const valid = Object.keys(errors).length === 0;
  const basis = bases.find((b) => b.slug === values.basis) ?? bases.find((b) => b.isDefault) ?? bases[0];
  if (!basis) throw new Response("No pricing basis is configured.", { status: 503 });
  const stated = {
    salaryCurrency: "USD",
    salaryMin: values.salary ?? 0,
    salaryMax: values.salary ?? 0,
    bonusTargetPercent: values.bonus ?? 0,
    equityMin: values.equity ?? 0,
    equityMax: values.equity ?? 0,
    tokenAmount: values.tokens ?? 0,
    tokenUnit: values.unit,
    tokenPeriod: values.period,
    tokenCap: "soft" as const,
    tokenScope: "personal" as const,
    tokenPoolSize: null,
  };
  const figures = normalizeCompensation(stated, basis, 1);
  return data(
    {
      raw,
      errors,
      values,
      basis: { slug: basis.slug, modelName: basis.modelName },
      bases: bases.map((b) => ({ slug: b.slug, modelName: b.modelName })),
      figures: valid ? figures : null,
      breakdown: valid ? packageBreakdown(stated, 1, figures.tokenUsdPerYear) : null,
    },
    { status: Object.keys(errors).length ? 400 : 200 },
  );
}

/** How long typing pauses before the figures are asked for. */
const TYPING_PAUSE_MS = 200;

export default function CalculatorPage() {
  const { raw, errors, values, basis, bases, figures, breakdown } = useLoaderData<typeof loader>();
  const submit = useSubmit();
  const typing = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(typing.current), []);
  const field = (name: (typeof CALCULATOR_FIELDS)[number], label: string) => (
    <Field id={`calc-${name}`} label={label} errors={errors[name] ? [errors[name]] : undefined}>
      {({ invalid, ...control }) => (
        <input {...control} name={name} inputMode="decimal" defaultValue={raw[name] ?? String(values[name as "salary"] ?? "")} className={controlClass(invalid)} />
      )}
    </Field>
  );
  const select = (name: "unit" | "period" | "basis", label: string, options: { value: string; label: string }[], value: string) => (
    <Field id={`calc-${name}`} label={label} errors={errors[name] ? [errors[name]] : undefined}>
      {({ invalid, ...control }) => (
        <select {...control} name={name} defaultValue={value} className={controlClass(invalid)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  return (
    <div className="flex flex-col gap-6">
      <header>
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">Fully loaded cost calculator</h1>
        <p className="mt-1 max-w-3xl text-slate-700">
          Salary, bonus, equity and the token budget: what a role costs in all, how much of it is inference, and how many tokens it buys. The address of this page
          holds your numbers, so you can share it.
        </p>
      </header>
      <div className="grid gap-6 lg:grid-cols-[22rem_1fr]">
        <Form
          method="get"
          className="flex flex-col gap-4 self-start rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
          aria-label="Package"
          // With JavaScript the result follows what is typed (the loader is a few sums): a
          // choice at once, typing once it pauses, so a fast typist sends one request, not ten.
          // The button is for browsers without it.
          onChange={(event) => {
            const form = event.currentTarget;
            clearTimeout(typing.current);
            if (event.target instanceof HTMLSelectElement) submit(form, { replace: true, preventScrollReset: true });
            else typing.current = setTimeout(() => submit(form, { replace: true, preventScrollReset: true }), TYPING_PAUSE_MS);
          }}
        >
          {field("salary", "Salary (USD per year)")}
          {field("bonus", "Bonus target (% of salary)")}
          {field("equity", "Equity (USD per year)")}
          {field("tokens", "Token budget")}
          <div className="grid grid-cols-2 gap-3">
            {select("unit", "Unit", TOKEN_UNITS.map((u) => ({ value: u, label: TOKEN_UNIT_LABELS[u] })), values.unit)}
            {select("period", "Period", TOKEN_PERIODS.map((p) => ({ value: p, label: TOKEN_PERIOD_LABELS[p] })), values.period)}
          </div>
          {select("basis", "Pricing basis", bases.map((b) => ({ value: b.slug, label: b.modelName })), basis.slug)}
          <Button>Calculate</Button>
        </Form>
        <section aria-labelledby="result-heading" className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
          <h2 id="result-heading" className="text-xl font-semibold text-slate-900">
            Result
          </h2>
          <div aria-live="polite" className="flex flex-col gap-4">
            {figures ? (
              <>
                <dl className="grid gap-4 sm:grid-cols-2">
                  <Figure label="Fully loaded cost" value={`${fullMoney(figures.totalMaxUsd ?? 0)} per year`} />
                  <Figure label="Inference share" value={percent(figures.inferenceShare)} />
                  <Figure label="Token budget" value={`${fullMoney(figures.tokenUsdPerYear ?? 0)} per year`} note={`${fullMoney((figures.tokenUsdPerYear ?? 0) / WORKING_DAYS_PER_YEAR)} per working day`} />
                  <Figure label="Tokens a month" value={tokensPerMonthLabel(figures.tokensPerMonth)} note={`at ${basis.modelName} prices`} />
                </dl>
                {breakdown ? <PackageBar breakdown={breakdown} /> : null}
              </>
            ) : (
              <p className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-amber-950">Correct the value marked in red to see the result.</p>
            )}
          </div>
        </section>
      </div>
    </div>
  );
}

function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="rounded-lg border border-slate-100 bg-slate-50 p-3">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="text-2xl font-bold text-slate-900">{value}</dd>
      {note ? <dd className="text-sm text-slate-600">{note}</dd> : null}
    </div>
  );
}
