/**
 * The stress tests' figures: one JSON file per test. The long runs (`npm run test:stress`)
 * write them under tests/stress/results/ (committed: the README quotes them); the quick runs
 * of `npm test` write theirs to the system's temp folder, so a test run never dirties the
 * checkout.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { STRESS } from "./scale";

export const RESULTS_DIR = STRESS ? path.resolve(import.meta.dirname, "../stress/results") : path.join(os.tmpdir(), "tokenboard-stress-results");

export function writeStressResult(name: string, figures: Record<string, unknown>): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.json`);
  // The machine's load beside the figures: on a shared machine they mean little without it.
  const machine = { cpus: os.cpus().length, loadAverage1m: Math.round(os.loadavg()[0]! * 100) / 100 };
  fs.writeFileSync(file, `${JSON.stringify({ ranAt: new Date().toISOString(), stress: STRESS, ...figures, machine }, null, 2)}\n`);
  return file;
}

/** Nearest-rank percentile of unsorted durations, in ms rounded to 0.1. */
export function percentileMs(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return Math.round(sorted[rank - 1]! * 10) / 10;
}
