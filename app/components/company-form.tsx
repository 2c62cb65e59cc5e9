import { getFormProps, type DefaultValue, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { Button } from "./button";
import { FormErrors, SelectField, TextField, TextareaField } from "./form-fields";
import { useRef } from "react";
import type { CompanyInput } from "~/lib/schemas/company";
import { slugify, withSlugFromName } from "~/lib/slug";
import { SIZE_BANDS } from "~/lib/vocabulary";
import { useSchemaForm, type FormConstraint } from "~/components/use-schema-form";

/** The company profile form, shared by "create" and "settings". */
export function CompanyForm({
  constraint,
  lastResult,
  defaultValue,
  submitLabel,
}: {
  constraint: FormConstraint;
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: DefaultValue<CompanyInput>;
  submitLabel: string;
}) {
  const [form, fields] = useSchemaForm(() => import("~/lib/schemas/company").then((m) => m.companySchema), {
    id: "company-form",
    constraint,
    lastResult,
    defaultValue,
    prepare: withSlugFromName,
  });
  // A new company's address follows its name as it is typed, until the address is edited.
  const slugEdited = useRef(Boolean(defaultValue?.slug));
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm"
      onInput={(event) => {
        const input = event.target as HTMLInputElement;
        if (input.name === fields.slug.name) slugEdited.current = input.value !== "";
        else if (input.name === fields.name.name && !slugEdited.current) form.update({ name: fields.slug.name, value: slugify(input.value, 60) });
      }}
    >
      <input type="hidden" name="intent" value="save-company" />
      <FormErrors errors={form.errors} />
      <TextField field={fields.name} label="Company name" autoComplete="organization" />
      <TextField field={fields.slug} label="Page address" hint="tokenboard/companies/… — lower-case letters, digits and dashes. Left empty, it is made from the name." placeholder="northwind-labs" />
      <TextField field={fields.website} label="Website" type="url" placeholder="https://example.com" />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField field={fields.sizeBand} label="Size" options={SIZE_BANDS.map((s) => ({ value: s, label: `${s} people` }))} placeholder="Choose…" />
        <TextField field={fields.headquarters} label="Headquarters" placeholder="Berlin, Germany" />
      </div>
      <TextareaField field={fields.description} label="About the company (Markdown)" rows={6} />
      <Button className="self-start">{submitLabel}</Button>
    </Form>
  );
}

/** The profile as members who are not owners see it: theirs to read, the owners' to change. */
export function CompanyProfileView({ company }: { company: DefaultValue<CompanyInput> & { name: string; slug: string } }) {
  const rows: [string, string | undefined][] = [
    ["Company name", company.name],
    ["Page address", `/companies/${company.slug}`],
    ["Website", company.website ?? undefined],
    ["Size", company.sizeBand ? `${company.sizeBand} people` : undefined],
    ["Headquarters", company.headquarters ?? undefined],
    ["About the company", company.description ?? undefined],
  ];
  return (
    <section aria-labelledby="profile-heading" className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="profile-heading" className="text-xl font-semibold text-slate-900">
        Profile
      </h2>
      <p className="text-sm text-slate-600">Only the company&apos;s owners can change the profile.</p>
      <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[auto_1fr]">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-sm font-semibold text-slate-900">{label}</dt>
            <dd className="whitespace-pre-wrap break-words text-slate-800">{value || "—"}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
