/**
 * A conform form checked by its zod schema, the same one its action uses: the schema's limits
 * as the fields' attributes, a check in the browser when a field is left (or on submit), and
 * again as a flagged field is corrected. Every enhanced form but the role form (whose limits
 * come from its loader) starts here.
 */
import { useForm, type DefaultValue, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type * as z from "zod";
import { formConstraint } from "~/lib/schemas/constraint";

export function useSchemaForm<Schema extends z.ZodObject>(
  schema: Schema,
  options: {
    id: string;
    lastResult?: SubmissionResult<string[]> | null;
    defaultValue?: DefaultValue<z.input<Schema>>;
    shouldValidate?: "onBlur" | "onSubmit";
    /** Fills in what the action derives before it checks (a company's address from its name). */
    prepare?: (formData: FormData) => FormData;
  },
) {
  const { prepare, shouldValidate = "onBlur", ...rest } = options;
  return useForm<z.input<Schema>, z.output<Schema>, string[]>({
    ...rest,
    constraint: formConstraint(schema),
    shouldValidate,
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(prepare ? prepare(formData) : formData, { schema }),
  });
}
