/**
 * The browser-side constraints of a form, from its zod schema. Conform's getZodConstraint
 * reads length limits from a bag that this zod version no longer fills, so the `maxLength`
 * of each field is read from the schema's own checks here: the limit a field shows is the
 * one the server enforces.
 */
import { getZodConstraint } from "@conform-to/zod/v4";
import type * as z from "zod";

type Constraint = ReturnType<typeof getZodConstraint>;

/** Schemas are module-level constants: each one's constraints are read once, not per page view. */
const bySchema = new WeakMap<z.ZodObject, Constraint>();

export function formConstraint(schema: z.ZodObject): Constraint {
  const known = bySchema.get(schema);
  if (known) return known;
  // A plain copy: getZodConstraint answers through a caching proxy that ignores later writes.
  const constraint = { ...getZodConstraint(schema) };
  for (const [name, field] of Object.entries(schema.shape)) {
    const maxLength = maxLengthOf(field as z.core.$ZodType);
    if (maxLength !== undefined) constraint[name] = { ...constraint[name], maxLength };
  }
  bySchema.set(schema, constraint);
  return constraint;
}

function maxLengthOf(type: z.core.$ZodType): number | undefined {
  const def = (type as z.core.$ZodTypes)._zod.def;
  switch (def.type) {
    case "optional":
    case "default":
    case "prefault":
    case "nullable":
    case "readonly":
      return maxLengthOf(def.innerType);
    case "pipe":
      return maxLengthOf(def.in) ?? maxLengthOf(def.out);
    case "string": {
      const limits = (def.checks ?? [])
        .map((check) => check._zod.def as { check: string; maximum?: number })
        .filter((check) => check.check === "max_length" && typeof check.maximum === "number")
        .map((check) => check.maximum!);
      return limits.length ? Math.min(...limits) : undefined;
    }
    default:
      return undefined;
  }
}
