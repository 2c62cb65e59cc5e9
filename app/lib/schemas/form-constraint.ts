/**
 * The HTML constraints conform puts on a form's fields, with each text field's maxLength
 * taken from its schema's `.max()`. conform 1.21 reads lengths from zod's internal `bag`,
 * which zod 4.6 no longer fills, so without this the fields had no maxLength at all.
 */
import { getZodConstraint } from "@conform-to/zod/v4";
import * as z from "zod";

/** The `.max()` of a string field, looking through optional, default, catch and pipe wrappers. */
export function maxLengthOf(schema: z.core.$ZodType): number | null {
  let current: z.core.$ZodType = schema;
  for (let depth = 0; depth < 10; depth++) {
    const def = current._zod.def as z.core.$ZodTypeDef & { innerType?: z.core.$ZodType; in?: z.core.$ZodType };
    if (def.type === "string") return (current as z.ZodString).maxLength ?? null;
    const inner = def.type === "pipe" ? def.in : def.innerType;
    if (!inner) return null;
    current = inner;
  }
  return null;
}

/** getZodConstraint, plus maxLength on every string field of the object that has a `.max()`. */
export function formConstraint(schema: z.ZodObject): ReturnType<typeof getZodConstraint> {
  const constraint = getZodConstraint(schema);
  const maxLengths = new Map<string, number>();
  for (const [name, field] of Object.entries(schema.shape)) {
    const max = maxLengthOf(field);
    if (max !== null) maxLengths.set(name, max);
  }
  return new Proxy(constraint, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      const maxLength = typeof name === "string" ? maxLengths.get(name) : undefined;
      return maxLength !== undefined && value && typeof value === "object" ? { ...value, maxLength } : value;
    },
  });
}
