/**
 * The choices of a GET filter form (/roles, /market): checkboxes (any of them) or radio
 * buttons (one; an option without a count, like "Any time", shows none), each with its count
 * when there is one, and the filter's message beside them. Forms that post use conform's
 * fields instead (CheckboxGroup in form-fields.tsx).
 */
export function ChoiceGroup({
  type = "checkbox",
  name,
  legend,
  options,
  selected,
  error,
  empty,
  inline = false,
}: {
  type?: "checkbox" | "radio";
  name: string;
  legend: string;
  options: { value: string; label: string; count?: number }[];
  selected: readonly string[];
  error?: string;
  /** Said when there are no options. */
  empty?: string;
  /** Options side by side, wrapping (a short list in a wide form), instead of one per line. */
  inline?: boolean;
}) {
  return (
    <fieldset aria-describedby={error ? `filter-${name}-error` : undefined}>
      <legend className="mb-1 text-sm font-semibold text-slate-900">{legend}</legend>
      {options.length === 0 && empty ? <p className="text-xs text-slate-600">{empty}</p> : null}
      <div className={inline ? "flex max-w-md flex-wrap gap-x-3 gap-y-1" : "flex flex-col gap-1"}>
        {options.map((option) => {
          const id = `filter-${name}-${option.value || "any"}`;
          return (
            <div key={option.value} className="flex items-center gap-2 text-sm">
              <input
                id={id}
                type={type}
                name={name}
                value={option.value}
                defaultChecked={selected.includes(option.value)}
                className={type === "checkbox" ? "h-4 w-4 rounded border-slate-400 accent-brand-600" : "h-4 w-4 accent-brand-600"}
              />
              <label htmlFor={id} className="flex flex-1 justify-between gap-2 text-slate-800">
                <span>{option.label}</span>
                {option.count !== undefined ? (
                  <span className="tabular-nums text-slate-600" aria-label={`${option.count} roles`}>
                    {option.count.toLocaleString("en-US")}
                  </span>
                ) : null}
              </label>
            </div>
          );
        })}
      </div>
      <FilterError id={`filter-${name}-error`} error={error} />
    </fieldset>
  );
}

/** A filter's message, beside it (the control names it in aria-describedby). */
export function FilterError({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p id={id} className="text-xs font-medium text-red-700">
      {error}
    </p>
  ) : null;
}
