/**
 * The calculator's query (`/calculator?salary=…`): amounts as typed (commas, dollar signs and
 * spaces dropped), each bounded; a value left out takes the example's default.
 */
import * as z from "zod";
import { TOKEN_PERIODS, TOKEN_UNITS } from "../vocabulary";

export const CALCULATOR_FIELDS = ["salary", "bonus", "equity", "tokens", "unit", "period", "basis"] as const;

const amount = (max: number) =>
  z
    .string()
    .trim()
    .transform((v) => (v === "" ? undefined : Number(v.replace(/[,_\s$]/g, ""))))
    .pipe(z.number({ error: "Enter a number" }).finite("Enter a number").min(0, "Can't be negative").max(max, "That looks too large").optional());

export const calculatorSchema = z.object({
  salary: amount(100_000_000).default(200_000),
  bonus: amount(200).default(10),
  equity: amount(100_000_000).default(0),
  tokens: amount(100_000_000).default(100),
  unit: z.enum(TOKEN_UNITS, { error: "Choose dollars or millions of tokens" }).default("usd"),
  period: z.enum(TOKEN_PERIODS, { error: "Choose a period" }).default("day"),
  basis: z.string().max(60).optional(),
});
