/**
 * A conform form checked by its zod schema, the same one its action uses.
 *
 * The schema's limits (required, lengths, bounds, patterns) reach the fields as attributes from
 * the page's loader, so the browser checks them from the first paint. The schema itself, and
 * zod with it (about 30 kB gzipped), is fetched when the visitor first enters the form: from
 * then on each field is checked as it is left, and again as a flagged one is corrected. A
 * submit before it has arrived goes to the server, which checks with the same schema and
 * answers with the same messages. Decision record: docs/decisions/004-form-schemas-on-first-use.md.
 */
import { parse, useForm, type DefaultValue, type Submission, type SubmissionResult } from "@conform-to/react";
import { useEffect, useRef } from "react";
import type * as z from "zod";

/** What the loader hands the browser for each field (`formConstraint` on the server). */
export type FormConstraint = NonNullable<Parameters<typeof useForm>[0]["constraint"]>;

export function useSchemaForm<Schema extends z.ZodObject>(
  loadSchema: () => Promise<Schema>,
  options: {
    id: string;
    constraint: FormConstraint;
    lastResult?: SubmissionResult<string[]> | null;
    defaultValue?: DefaultValue<z.input<Schema>>;
    shouldValidate?: "onBlur" | "onSubmit";
    /** Fills in what the action derives before it checks (a company's address from its name). */
    prepare?: (formData: FormData) => FormData;
  },
) {
  const { prepare, shouldValidate = "onBlur", ...rest } = options;
  type Check = (formData: FormData) => Submission<z.output<Schema>, string[]>;
  const check = useRef<Check | null>(null);
  const latest = useRef({ loadSchema, prepare });
  latest.current = { loadSchema, prepare };

  const [form, fields] = useForm<z.input<Schema>, z.output<Schema>, string[]>({
    ...rest,
    shouldValidate,
    shouldRevalidate: "onInput",
    // Until the schema has arrived, a submit goes to the server, which decides (error null);
    // a check as a field is left flags nothing and stays in the page (no errors).
    onValidate: ({ formData }) =>
      check.current ? check.current(formData) : parse<z.output<Schema>, string[]>(formData, { resolve: (_, intent) => (intent ? { error: {} } : { error: null }) }),
  });
  const formRef = useRef(form);
  formRef.current = form;

  useEffect(() => {
    const element = document.getElementById(options.id);
    if (!(element instanceof HTMLFormElement)) return;
    let loading = false;
    // Fields left before the schema arrived are checked once it has.
    const left = new Set<string>();
    const onLeave = (event: FocusEvent) => {
      const field = event.target;
      const isField = field instanceof HTMLSelectElement || field instanceof HTMLTextAreaElement || (field instanceof HTMLInputElement && !["submit", "button", "reset", "hidden"].includes(field.type));
      if (!check.current && isField && field.name !== "") left.add(field.name);
    };
    const load = () => {
      if (loading || check.current) return;
      loading = true;
      Promise.all([latest.current.loadSchema(), import("@conform-to/zod/v4")]).then(
        ([schema, { parseWithZod }]) => {
          check.current = (formData) => parseWithZod(latest.current.prepare ? latest.current.prepare(formData) : formData, { schema });
          // A mark the tests (and anyone debugging) can wait on.
          element.dataset.schemaReady = "";
          if (shouldValidate === "onBlur") for (const name of left) formRef.current.validate({ name });
        },
        // Offline or a new deploy: the server still checks; the next visit to the form retries.
        () => {
          loading = false;
        },
      );
    };
    element.addEventListener("focusin", load);
    element.addEventListener("pointerdown", load);
    element.addEventListener("focusout", onLeave);
    if (element.contains(document.activeElement)) load();
    return () => {
      element.removeEventListener("focusin", load);
      element.removeEventListener("pointerdown", load);
      element.removeEventListener("focusout", onLeave);
    };
  }, [options.id, shouldValidate]);

  return [form, fields] as const;
}
