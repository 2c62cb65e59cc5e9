import { getFormProps, useForm, type DefaultValue, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { FormErrors, SelectField, TextField, TextareaField } from "./form-fields";
import { companySchema, type CompanyInput } from "~/lib/schemas/company";
import { SIZE_BANDS } from "~/lib/vocabulary";

/** The company profile form, shared by "create" and "settings". */
export function CompanyForm({
  lastResult,
  defaultValue,
  submitLabel,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: DefaultValue<CompanyInput>;
  submitLabel: string;
}) {
  const [form, fields] = useForm<CompanyInput>({
    id: "company-form",
    lastResult,
    defaultValue,
    constraint: getZodConstraint(companySchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: companySchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <input type="hidden" name="intent" value="save-company" />
      <FormErrors errors={form.errors} />
      <TextField field={fields.name} label="Company name" autoComplete="organization" />
      <TextField field={fields.slug} label="Page address" hint="tokenboard/companies/… — lower-case letters, digits and dashes." placeholder="northwind-labs" />
      <TextField field={fields.website} label="Website" type="url" placeholder="https://example.com" />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField field={fields.sizeBand} label="Size" options={SIZE_BANDS.map((s) => ({ value: s, label: `${s} people` }))} placeholder="Choose…" />
        <TextField field={fields.headquarters} label="Headquarters" placeholder="Berlin, Germany" />
      </div>
      <TextareaField field={fields.description} label="About the company (Markdown)" rows={6} />
      <button type="submit" className="self-start rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
        {submitLabel}
      </button>
    </Form>
  );
}
