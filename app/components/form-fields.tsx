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

export function TextField({
  field,
  label,
  hint,
  type = "text",
  className,
  ...rest
}: BaseProps & {
  field: AnyField;
  type?: "text" | "email" | "password" | "url" | "number" | "search";
  autoComplete?: string;
  placeholder?: string;
  inputMode?: "decimal" | "numeric" | "email" | "url";
  step?: string;
}) {
  const invalid = Boolean(field.errors?.length);
  const props = getInputProps(field, { type, ariaAttributes: true });
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
      <input
        {...props}
        key={props.key}
        {...rest}
        aria-describedby={[props["aria-describedby"], hint ? `${field.id}-hint` : null].filter(Boolean).join(" ") || undefined}
        className={`mt-1 ${inputClass(invalid)}`}
      />
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function SelectField({
  field,
  label,
  hint,
  options,
  className,
  placeholder,
}: BaseProps & {
  field: AnyField;
  options: readonly { value: string; label: string }[];
  placeholder?: string;
}) {
  const invalid = Boolean(field.errors?.length);
  const props = getSelectProps(field, { ariaAttributes: true });
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
      <select
        {...props}
        key={props.key}
        aria-describedby={[props["aria-describedby"], hint ? `${field.id}-hint` : null].filter(Boolean).join(" ") || undefined}
        className={`mt-1 ${inputClass(invalid)}`}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function TextareaField({
  field,
  label,
  hint,
  rows = 8,
  className,
}: BaseProps & { field: AnyField; rows?: number }) {
  const invalid = Boolean(field.errors?.length);
  const props = getTextareaProps(field, { ariaAttributes: true });
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
      <textarea
        {...props}
        key={props.key}
        rows={rows}
        aria-describedby={[props["aria-describedby"], hint ? `${field.id}-hint` : null].filter(Boolean).join(" ") || undefined}
        className={`mt-1 font-mono text-sm ${inputClass(invalid)}`}
      />
      <FieldErrors id={field.errorId} errors={field.errors} />
    </div>
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
