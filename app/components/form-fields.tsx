import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
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

/**
 * A field's label, hint and errors around its control; `control` gets the aria-describedby
 * that ties the hint and the errors to it.
 */
function FieldFrame({
  field,
  label,
  hint,
  className,
  control,
}: BaseProps & { field: AnyField; control: (describedBy: string | undefined, invalid: boolean) => ReactNode }) {
  const invalid = Boolean(field.errors?.length);
  const describedBy = [invalid ? field.errorId : null, hint ? `${field.id}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <label htmlFor={field.id} className="block text-sm font-semibold text-slate-900">
        {label}
      </label>
      {hint ? (
        <p id={`${field.id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {control(describedBy, invalid)}
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
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
