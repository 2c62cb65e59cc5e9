import { getFormProps, type DefaultValue, type SubmissionResult } from "@conform-to/react";
import { Form, useFetcher, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { buttonClass } from "./button";
import { CheckboxGroup, FormErrors, SelectField, TextField, TextareaField } from "./form-fields";
import { RoleCard } from "./role-card";
import { money, percent, tokensPerMonthLabel } from "~/lib/format";
import { normalizeCompensation, PLAUSIBLE, WORKING_DAYS_PER_YEAR, type PriceBasis } from "~/lib/normalize";
import { INTENT_LABELS, type FormIntent } from "~/lib/role-lifecycle";
import type { RoleFormValues } from "~/lib/schemas/role";
import { useSchemaForm, type FormConstraint } from "./use-schema-form";
import {
  CURRENCIES,
  DISCIPLINES,
  DISCIPLINE_LABELS,
  EMPLOYMENT_TYPES,
  EMPLOYMENT_TYPE_LABELS,
  EQUITY_KINDS,
  EQUITY_KIND_LABELS,
  LEVELS,
  LEVEL_LABELS,
  TOKEN_CAPS,
  TOKEN_CAP_LABELS,
  TOKEN_PERIODS,
  TOKEN_PERIOD_LABELS,
  TOKEN_SCOPES,
  TOKEN_SCOPE_LABELS,
  TOKEN_UNITS,
  TOKEN_UNIT_LABELS,
  TOOLS,
  TOOL_LABELS,
  WORKPLACES,
  WORKPLACE_LABELS,
  isOneOf,
  type Tool,
} from "~/lib/vocabulary";

type RoleFormInput = RoleFormValues;

export interface PricingBasisOption extends PriceBasis {
  id: number;
  modelName: string;
  isDefault: boolean;
}

export interface RoleFormProps {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: DefaultValue<RoleFormInput>;
  pricingBases: PricingBasisOption[];
  /** USD per unit of each currency. */
  rates: Record<string, number>;
  /** The fields' limits, from the loader (roleFormConstraint). */
  constraint: FormConstraint;
  company: { slug: string; name: string };
  /** The form's buttons: what the role's state allows (app/lib/role-lifecycle.ts). */
  intents: readonly FormIntent[];
  /** Why the fields cannot be changed in this state (a closed role), or nothing. */
  locked?: string | null;
  /** Sanitized HTML of the description, when the server rendered a preview (no JavaScript). */
  descriptionPreviewHtml?: string | null;
}

const options = <T extends string>(values: readonly T[], labels: Record<T, string>) =>
  values.map((value) => ({ value, label: labels[value] }));

/** The form's buttons in the order shown; the first one offered is the primary. */
const BUTTON_ORDER: readonly FormIntent[] = ["publish", "save", "draft", "preview"];

/**
 * The role form, shared by "new" and "edit". Validation runs in the browser and again on the
 * server with the same schema, bounds included (from the same rates and prices). A preview
 * of the card candidates will see, with the normalized figures, follows the form as it is
 * filled in; without JavaScript the "Preview" button asks the server for the same preview.
 */
export function RoleForm({ lastResult, defaultValue, pricingBases, rates, constraint, company, intents, locked, descriptionPreviewHtml }: RoleFormProps) {
  const navigation = useNavigation();
  const [form, fields] = useSchemaForm(() => import("~/lib/schemas/role").then((m) => m.roleFormSchemaFor({ rates, pricingBases })), {
    id: "role-form",
    constraint,
    lastResult,
    defaultValue,
  });
  const values = (form.value ?? {}) as Record<string, unknown>;
  const busy = navigation.state === "submitting";
  const buttons = BUTTON_ORDER.filter((intent) => intents.includes(intent));

  return (
    <Form method="post" {...getFormProps(form)} className="grid gap-8 lg:grid-cols-[1fr_22rem]">
      {/* A fieldset, so that a locked (closed) role's fields are disabled together. */}
      <fieldset disabled={Boolean(locked)} className="flex min-w-0 flex-col gap-8">
        {locked ? (
          <p className="rounded-lg border border-slate-200 bg-slate-50 p-3 text-slate-800">{locked}</p>
        ) : null}
        <FormErrors errors={form.errors} />

        <Section title="The role">
          <TextField field={fields.title} label="Job title" placeholder="Senior Backend Engineer" />
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField field={fields.level} label="Level" options={options(LEVELS, LEVEL_LABELS)} placeholder="Choose…" />
            <SelectField field={fields.discipline} label="Discipline" options={options(DISCIPLINES, DISCIPLINE_LABELS)} placeholder="Choose…" />
            <SelectField field={fields.employmentType} label="Employment type" options={options(EMPLOYMENT_TYPES, EMPLOYMENT_TYPE_LABELS)} placeholder="Choose…" />
            <SelectField field={fields.workplace} label="Workplace" options={options(WORKPLACES, WORKPLACE_LABELS)} placeholder="Choose…" />
            <TextField field={fields.locationText} label="Location" placeholder="Berlin, Germany or Remote (EU)" />
            <TextField field={fields.countryCodes} label="Countries" placeholder="DE, NL" hint="Two-letter codes where the person may live; empty means anywhere." />
          </div>
        </Section>

        <Section title="Description">
          <DescriptionField field={fields.description} serverPreviewHtml={descriptionPreviewHtml ?? null} />
          <TextField field={fields.howToApply} label="How to apply" placeholder="https://jobs.example.com/123 or jobs@example.com" hint="One link to your application page (https://…), or one email address." />
        </Section>

        <Section title="Salary, bonus and equity">
          <div className="grid gap-4 sm:grid-cols-3">
            <SelectField field={fields.salaryCurrency} label="Currency" options={CURRENCIES.map((c) => ({ value: c, label: c }))} />
            <TextField field={fields.salaryMin} label="Minimum per year" type="number" inputMode="numeric" step="any" />
            <TextField field={fields.salaryMax} label="Maximum per year" type="number" inputMode="numeric" step="any" />
          </div>
          <p className="text-sm text-slate-600">
            Publishing needs a real range: pay-transparency laws in New York City, California, Colorado, Washington and the EU require one. Yearly
            figures: the top of the range comes to between {usdFigure(PLAUSIBLE.salaryTopMinUsd)} and {usdFigure(PLAUSIBLE.salaryMaxUsd)} a year in US dollars.
          </p>
          <div className="grid gap-4 sm:grid-cols-4">
            <TextField field={fields.bonusTargetPercent} label="Bonus target (%)" type="number" inputMode="decimal" step="any" />
            <SelectField field={fields.equityKind} label="Equity" options={options(EQUITY_KINDS, EQUITY_KIND_LABELS)} />
            <TextField field={fields.equityMin} label="Equity per year, from" type="number" inputMode="numeric" step="any" />
            <TextField field={fields.equityMax} label="Equity per year, to" type="number" inputMode="numeric" step="any" />
          </div>
        </Section>

        <Section
          title="Token budget"
          description={`The AI inference this person gets to work with. Enter 0 if there is none; it will show as “No budget”. At most ${usdFigure(PLAUSIBLE.tokenBudgetMaxUsd)} a year per person once converted (a pooled budget is divided among the people sharing it).`}
        >
          <div className="grid gap-4 sm:grid-cols-3">
            <TextField field={fields.tokenAmount} label="Amount" type="number" inputMode="decimal" step="any" />
            <SelectField field={fields.tokenUnit} label="Unit" options={options(TOKEN_UNITS, TOKEN_UNIT_LABELS)} placeholder="Choose…" />
            <SelectField
              field={fields.tokenPeriod}
              label="Period"
              options={options(TOKEN_PERIODS, TOKEN_PERIOD_LABELS)}
              placeholder="Choose…"
              hint={`A year has ${WORKING_DAYS_PER_YEAR} working days here.`}
            />
            <SelectField field={fields.tokenCap} label="Cap" options={options(TOKEN_CAPS, TOKEN_CAP_LABELS)} placeholder="Choose…" hint="Uncapped: the amount is the expected spend." />
            <SelectField field={fields.tokenScope} label="Scope" options={options(TOKEN_SCOPES, TOKEN_SCOPE_LABELS)} placeholder="Choose…" />
            <TextField field={fields.tokenPoolSize} label="People sharing a pooled budget" type="number" inputMode="numeric" step="1" />
          </div>
          <CheckboxGroup field={fields.tools} legend="Tools provided" options={TOOLS.map((tool) => ({ value: tool, label: TOOL_LABELS[tool] }))} />
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField field={fields.otherTools} label="Other tools" placeholder="Aider, Sourcegraph Cody" />
            <TextField field={fields.gpuAccess} label="GPU access" placeholder="Shared 8×H100 cluster for fine-tuning" />
          </div>
          <SelectField
            field={fields.pricingBasisId}
            label="Pricing basis"
            hint="The model prices used to convert between dollars and tokens."
            options={pricingBases.map((b) => ({ value: String(b.id), label: `${b.modelName}${b.isDefault ? " (default)" : ""}` }))}
            placeholder="Default"
          />
        </Section>
      </fieldset>

      <aside className="flex flex-col gap-4 lg:sticky lg:top-4 lg:self-start" aria-labelledby="preview-heading">
        <h2 id="preview-heading" className="text-lg font-semibold text-slate-900">
          Preview
        </h2>
        <Preview values={values} pricingBases={pricingBases} rates={rates} company={company} />
        {buttons.length ? (
          <div className="flex flex-wrap gap-2">
            {buttons.map((intent, index) => (
              <button
                key={intent}
                type="submit"
                name="intent"
                value={intent}
                // A preview saves nothing: the server renders it even from an incomplete form.
                formNoValidate={intent === "preview" ? true : undefined}
                disabled={busy}
                className={buttonClass({ variant: index === 0 ? "primary" : "secondary" })}
              >
                {INTENT_LABELS[intent]}
              </button>
            ))}
          </div>
        ) : null}
      </aside>
    </Form>
  );
}

function Section({ title, description, children }: { title: string; description?: string; children: React.ReactNode }) {
  const id = `section-${title.toLowerCase().replace(/[^a-z]+/g, "-")}`;
  return (
    <section aria-labelledby={id} className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <div>
        <h2 id={id} className="text-lg font-semibold text-slate-900">
          {title}
        </h2>
        {description ? <p className="text-sm text-slate-600">{description}</p> : null}
      </div>
      {children}
    </section>
  );
}

const PREVIEW_PAUSE_MS = 400;
const PREVIEW_INTERVAL_MS = 2_000;

/** Markdown editor with a rendered preview from the server's sanitizer (debounced). */
function DescriptionField({
  field,
  serverPreviewHtml,
}: {
  field: Parameters<typeof TextareaField>[0]["field"];
  serverPreviewHtml: string | null;
}) {
  const fetcher = useFetcher<{ html: string }>();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const text = typeof field.value === "string" ? field.value : "";
  const submit = fetcher.submit;
  // The loader already rendered the description the page opened with; only edits need the
  // server (a request on every page load would also race the form's own submission).
  const renderedText = useRef(serverPreviewHtml === null ? null : text);
  const lastSent = useRef(0);
  useEffect(() => {
    clearTimeout(timer.current);
    if (!text || text === renderedText.current) return;
    renderedText.current = null;
    // The preview counts against the write rate limit (60 a minute): after the author pauses,
    // and at most one every PREVIEW_INTERVAL_MS, so it never uses more than half of it.
    const wait = Math.max(PREVIEW_PAUSE_MS, lastSent.current + PREVIEW_INTERVAL_MS - Date.now());
    timer.current = setTimeout(() => {
      lastSent.current = Date.now();
      submit({ markdown: text }, { method: "post", action: "/employer/markdown-preview" });
    }, wait);
    return () => clearTimeout(timer.current);
  }, [text, submit]);
  const html = fetcher.data?.html ?? serverPreviewHtml;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <TextareaField
        field={field}
        label="Description (Markdown)"
        rows={12}
        hint={`## headings, - lists, **bold**, [links](https://…). HTML is not allowed.${field.maxLength ? ` Up to ${field.maxLength.toLocaleString("en-US")} characters.` : ""}`}
      />
      <div>
        <p className="text-sm font-semibold text-slate-900" id="description-preview-label">
          Description preview
        </p>
        <div
          aria-labelledby="description-preview-label"
          className="prose-role mt-1 min-h-24 rounded-md border border-dashed border-slate-300 p-3"
          // Sanitized on the server (app/lib/markdown.server.ts) before it gets here.
          dangerouslySetInnerHTML={{ __html: html ?? '<p class="text-slate-500">The rendered description appears here.</p>' }}
        />
      </div>
    </div>
  );
}

/** "$2,000,000" */
function usdFigure(value: number): string {
  return `$${value.toLocaleString("en-US")}`;
}

function toNumber(value: unknown): number | null {
  if (typeof value !== "string" || value.trim() === "") return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

function pick<T extends string>(list: readonly T[], value: unknown): T | null {
  return isOneOf(list, value) ? value : null;
}

/** A range the card can show: no negative end, and the maximum at least the minimum. */
function usableRange(min: number | null, max: number | null): { min: number | null; max: number | null } {
  if ((min !== null && min < 0) || (max !== null && max < 0)) return { min: null, max: null };
  if (min !== null && max !== null && min > max) return { min: null, max: null };
  return { min, max };
}

/** What the preview leaves out of the card, and why. */
function previewFlags(typed: Record<"salaryMin" | "salaryMax" | "equityMin" | "equityMax" | "tokenAmount", number | null>): string[] {
  const flags: string[] = [];
  const negative = (value: number | null) => value !== null && value < 0;
  if (negative(typed.salaryMin) || negative(typed.salaryMax)) flags.push("The salary can't be negative.");
  else if (typed.salaryMin !== null && typed.salaryMax !== null && typed.salaryMin > typed.salaryMax)
    flags.push("The salary range is reversed: the maximum is below the minimum.");
  if (negative(typed.equityMin) || negative(typed.equityMax)) flags.push("The equity value can't be negative.");
  else if (typed.equityMin !== null && typed.equityMax !== null && typed.equityMin > typed.equityMax)
    flags.push("The equity range is reversed: the maximum is below the minimum.");
  if (negative(typed.tokenAmount)) flags.push("The token budget can't be negative.");
  return flags;
}

/** The card as candidates will see it, computed by the same normalization the server stores. */
function Preview({
  values,
  pricingBases,
  rates,
  company,
}: {
  values: Record<string, unknown>;
  pricingBases: PricingBasisOption[];
  rates: Record<string, number>;
  company: { slug: string; name: string };
}) {
  const basisId = toNumber(values.pricingBasisId);
  const basis = pricingBases.find((b) => b.id === basisId) ?? pricingBases.find((b) => b.isDefault) ?? pricingBases[0];
  const currency = typeof values.salaryCurrency === "string" ? values.salaryCurrency : "USD";
  const tools = (Array.isArray(values.tools) ? values.tools : typeof values.tools === "string" ? [values.tools] : []).filter(
    (t): t is Tool => isOneOf(TOOLS, t),
  );
  const typed = {
    salaryMin: toNumber(values.salaryMin),
    salaryMax: toNumber(values.salaryMax),
    equityMin: values.equityKind && values.equityKind !== "none" ? toNumber(values.equityMin) : null,
    equityMax: values.equityKind && values.equityKind !== "none" ? toNumber(values.equityMax) : null,
    tokenAmount: toNumber(values.tokenAmount),
  };
  // The card shows only figures that could be published; what is wrong is said beside it.
  const flags = previewFlags(typed);
  const salaryRange = usableRange(typed.salaryMin, typed.salaryMax);
  const equityRange = usableRange(typed.equityMin, typed.equityMax);
  const stated = {
    salaryCurrency: currency,
    salaryMin: salaryRange.min,
    salaryMax: salaryRange.max,
    bonusTargetPercent: toNumber(values.bonusTargetPercent),
    equityMin: equityRange.min,
    equityMax: equityRange.max,
    tokenAmount: typed.tokenAmount !== null && typed.tokenAmount >= 0 ? typed.tokenAmount : null,
    tokenUnit: pick(TOKEN_UNITS, values.tokenUnit),
    tokenPeriod: pick(TOKEN_PERIODS, values.tokenPeriod),
    tokenCap: pick(TOKEN_CAPS, values.tokenCap),
    tokenScope: pick(TOKEN_SCOPES, values.tokenScope),
    tokenPoolSize: toNumber(values.tokenPoolSize),
  };
  if (!basis) return null;
  const figures = normalizeCompensation(stated, basis, rates[currency] ?? null);
  const summary: Parameters<typeof RoleCard>[0]["role"] = {
    id: 0,
    slug: "preview",
    url: "#preview",
    title: (typeof values.title === "string" && values.title.trim()) || "Job title",
    // Unchosen stays unsaid: no level, workplace or employment type until the employer picks one.
    level: pick(LEVELS, values.level),
    discipline: typeof values.discipline === "string" ? values.discipline : "",
    workplace: pick(WORKPLACES, values.workplace),
    location: typeof values.locationText === "string" ? values.locationText : "",
    countryCodes: [],
    employmentType: pick(EMPLOYMENT_TYPES, values.employmentType),
    company,
    salary: { currency, min: stated.salaryMin, max: stated.salaryMax, minUsd: figures.salaryMinUsd, maxUsd: figures.salaryMaxUsd },
    tokenBudget: {
      usdPerYear: figures.tokenUsdPerYear,
      tokensPerMonth: figures.tokensPerMonth,
      amount: stated.tokenAmount,
      unit: stated.tokenUnit,
      period: stated.tokenPeriod,
      cap: stated.tokenCap,
      scope: stated.tokenScope,
      poolSize: stated.tokenPoolSize,
      pricingBasis: { modelName: basis.modelName },
      tools,
      otherTools: "",
    },
    totalComp: { minUsd: figures.totalMinUsd, maxUsd: figures.totalMaxUsd },
    inferenceShare: figures.inferenceShare,
    publishedAt: null,
    expiresAt: null,
  };
  return (
    <div className="flex flex-col gap-3" aria-live="polite">
      <div className="pointer-events-none">
        <RoleCard role={summary} now={0} headingLevel={3} />
      </div>
      {flags.length ? (
        <ul aria-label="Not shown in the preview" className="list-disc rounded-xl border border-amber-300 bg-amber-50 py-2 pl-8 pr-3 text-sm text-amber-950">
          {flags.map((flag) => (
            <li key={flag}>{flag}</li>
          ))}
        </ul>
      ) : null}
      <dl className="grid grid-cols-2 gap-2 rounded-xl border border-slate-200 bg-white p-4 text-sm" aria-label="Normalized figures">
        <dt className="text-slate-600">Token budget</dt>
        <dd className="font-semibold text-slate-900">{figures.tokenUsdPerYear === null ? "—" : `${money(figures.tokenUsdPerYear)} per year`}</dd>
        <dt className="text-slate-600">Tokens a month</dt>
        <dd className="font-semibold text-slate-900">{tokensPerMonthLabel(figures.tokensPerMonth)}</dd>
        <dt className="text-slate-600">Fully loaded total</dt>
        <dd className="font-semibold text-slate-900">
          {figures.totalMinUsd === null ? "—" : `${money(figures.totalMinUsd)}-${money(figures.totalMaxUsd ?? figures.totalMinUsd)}`}
        </dd>
        <dt className="text-slate-600">Inference share</dt>
        <dd className="font-semibold text-slate-900">{percent(figures.inferenceShare)}</dd>
        <dt className="col-span-2 text-xs text-slate-600">At {basis.modelName} prices.</dt>
      </dl>
    </div>
  );
}

