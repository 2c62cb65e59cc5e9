/** Command-line options of `npm run bench`, validated with zod. */
import { parseArgs } from "node:util";
import * as z from "zod";

export const DEFAULT_SIZES = [100_000, 1_000_000] as const;
/** Fewer roles make page 50 and the keyword thresholds meaningless. */
export const MIN_SIZE = 2_000;
export const MAX_SIZE = 5_000_000;

export interface BenchOptions {
  sizes: number[];
  quick: boolean;
  skipHttp: boolean;
  skipMatrix: boolean;
}

export const USAGE = `Usage: npm run bench -- [--sizes 100000,1000000] [--quick] [--skip-http] [--skip-matrix]

Builds (or reuses) seeded databases in $BENCH_CACHE_DIR (default ~/.cache/tokenboard-bench),
times the search matrix in-process, serves the built app: times its start-up, load-tests fixed
URLs with autocannon, runs a long tail of distinct searches and /market filters while another
process edits a role every second, checks how soon a change shows in search and reads the
server's memory; then writes tests/bench/results/latest.json and prints Markdown tables.

Options:
  --sizes LIST   comma-separated listed-role counts (default ${DEFAULT_SIZES.join(",")});
                 "100k" and "1m" are accepted
  --quick        smoke run: fewer iterations, 3 s load tests, 40 searches per route
                 (results go to results/quick.json)
  --skip-http    only the in-process search matrix
  --skip-matrix  only the served app (start-up, fixed URLs, live sections, memory)
  -h, --help     show this help`;

/** "100000", "100_000", "100,000" is not allowed (the list separator), "100k", "1m". */
const sizeSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^\d[\d_]*(\.\d+)?[km]?$/, "each size must be a whole number such as 100000, 100k or 1m")
  .transform((text) => {
    const factor = text.endsWith("m") ? 1_000_000 : text.endsWith("k") ? 1_000 : 1;
    return Math.round(Number(text.replace(/[km]$/, "").replace(/_/g, "")) * factor);
  })
  .pipe(
    z
      .number()
      .int()
      .min(MIN_SIZE, `each size must be at least ${MIN_SIZE}`)
      .max(MAX_SIZE, `each size must be at most ${MAX_SIZE}`),
  );

const schema = z.object({
  sizes: z
    .string()
    .default(DEFAULT_SIZES.join(","))
    .transform((text) => text.split(",").filter((part) => part.trim() !== ""))
    .pipe(z.array(sizeSchema).min(1, "--sizes needs at least one size"))
    .transform((sizes) => [...new Set(sizes)].sort((a, b) => a - b)),
  quick: z.boolean(),
  skipHttp: z.boolean(),
  skipMatrix: z.boolean(),
});

export type ParsedOptions = { ok: true; help: boolean; options: BenchOptions } | { ok: false; message: string };

export function parseBenchArgs(argv: readonly string[]): ParsedOptions {
  let values;
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        sizes: { type: "string" },
        quick: { type: "boolean", default: false },
        "skip-http": { type: "boolean", default: false },
        "skip-matrix": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }).values;
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  const parsed = schema.safeParse({ sizes: values.sizes, quick: values.quick ?? false, skipHttp: values["skip-http"] ?? false, skipMatrix: values["skip-matrix"] ?? false });
  if (!parsed.success) return { ok: false, message: parsed.error.issues.map((issue) => issue.message).join("\n") };
  return { ok: true, help: values.help ?? false, options: parsed.data };
}
