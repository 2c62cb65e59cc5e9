import { getCollectionProps, getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import type { ReactNode } from "react";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fields of any form schema
type AnyField = FieldMetadata<any, any, string[]>;

/** Errors of a field, announced and tied to the field by id. */
export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <ul id={id} className="mt-1 text-sm font-medium text-red-700">
      {errors.map((error) => (
        <li key={error}>{error}</li>
      ))}
    </ul>
  );
}

const inputClass = (invalid: boolean) =>
  `w-full rounded-md border px-3 py-2 text-slate-900 placeholder:text-slate-500 ${invalid ? "border-red-600 bg-red-50" : "border-slate-300 bg-white"}`;

interface BaseProps {
  label: ReactNode;
  hint?: ReactNode;
  className?: string;
}

/** What a control inside a Field gets: its id and the attributes that tie the hint and errors to it. */
export interface FieldControlProps {
  id: string;
  "aria-describedby": string | undefined;
  "aria-invalid": true | undefined;
}

/**
 * A field: its label, hint and errors around one control. The control (rendered by
 * `children`) gets the id the label points at, an aria-describedby naming the errors and the
 * hint, and aria-invalid while there are errors. For forms without conform (the calculator),
 * or around conform's fields (TextField and the others below).
 */
export function Field({
  id,
  errorId = `${id}-error`,
  label,
  hint,
  errors,
  className,
  children,
}: BaseProps & { id: string; errorId?: string; errors?: string[]; children: (control: FieldControlProps & { invalid: boolean }) => ReactNode }) {
  const invalid = Boolean(errors?.length);
  const hintId = `${id}-hint`;
  const describedBy = [invalid ? errorId : null, hint ? hintId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-semibold text-slate-900">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {children({ id, "aria-describedby": describedBy, "aria-invalid": invalid ? true : undefined, invalid })}
      <FieldErrors id={errorId} errors={errors} />
    </div>
  );
}

/** The classes of a text box or select, red while it has errors. */
export const controlClass = (invalid: boolean) => `mt-1 ${inputClass(invalid)}`;

/** A conform field inside a Field. */
function FieldFrame({
  field,
  label,
  hint,
  className,
  control,
}: BaseProps & { field: AnyField; control: (describedBy: string | undefined, invalid: boolean) => ReactNode }) {
  return (
    <Field id={field.id} errorId={field.errorId} label={label} hint={hint} errors={field.errors} className={className}>
      {(props) => control(props["aria-describedby"], props.invalid)}
    </Field>
  );
}

export function TextField({
  field,
  type = "text",
  ...rest
}: BaseProps & {
  field: AnyField;
  type?: "text" | "email" | "password" | "url" | "number" | "search";
  autoComplete?: string;
  placeholder?: string;
  inputMode?: "decimal" | "numeric" | "email" | "url";
  step?: string;
}) {
  const { label, hint, className, ...inputAttributes } = rest;
  const { key, ...props } = getInputProps(field, { type, ariaAttributes: true });
  return (
    <FieldFrame
      field={field}
      label={label}
      hint={hint}
      className={className}
      control={(describedBy, invalid) => (
        <input key={key} {...props} {...inputAttributes} aria-describedby={describedBy} className={`mt-1 ${inputClass(invalid)}`} />
      )}
    />
  );
}

export function SelectField({
  field,
  options,
  placeholder,
  ...frame
}: BaseProps & {
  field: AnyField;
  options: readonly { value: string; label: string }[];
  placeholder?: string;
}) {
  const { key, defaultValue, ...props } = getSelectProps(field, { ariaAttributes: true });
  return (
    <FieldFrame
      field={field}
      {...frame}
      control={(describedBy, invalid) => (
        <select
          key={key}
          {...props}
          // A crafted post can repeat a single-choice field; the form shows its first value.
          defaultValue={Array.isArray(defaultValue) ? defaultValue[0] : defaultValue}
          aria-describedby={describedBy}
          className={`mt-1 ${inputClass(invalid)}`}
        >
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

export function TextareaField({ field, rows = 8, ...frame }: BaseProps & { field: AnyField; rows?: number }) {
  const { key, ...props } = getTextareaProps(field, { ariaAttributes: true });
  return (
    <FieldFrame
      field={field}
      {...frame}
      control={(describedBy, invalid) => (
        <textarea key={key} {...props} rows={rows} aria-describedby={describedBy} className={`mt-1 font-mono text-sm ${inputClass(invalid)}`} />
      )}
    />
  );
}

/** Checkboxes for a multi-choice field, in a fieldset named by its legend, with the field's errors. */
export function CheckboxGroup({
  field,
  legend,
  options,
  className,
}: {
  field: AnyField;
  legend: ReactNode;
  options: readonly { value: string; label: ReactNode }[];
  className?: string;
}) {
  const invalid = Boolean(field.errors?.length);
  return (
    <fieldset className={className} aria-describedby={invalid ? field.errorId : undefined}>
      <legend className="text-sm font-semibold text-slate-900">{legend}</legend>
      <div className="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-3">
        {getCollectionProps(field, { type: "checkbox", options: options.map((o) => o.value) }).map((props) => (
          <label key={props.key} className="flex items-center gap-2 text-sm text-slate-800">
            <input {...props} key={props.key} className="h-4 w-4 accent-brand-600" />
            {options.find((o) => o.value === props.value)?.label}
          </label>
        ))}
      </div>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}

export function FormErrors({ errors }: { errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900">
      {errors.map((error) => (
        <p key={error}>{error}</p>
      ))}
    </div>
  );
}
