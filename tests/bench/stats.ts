/** Timing summaries and number formatting for the benchmark. */
import os from "node:os";

export interface Timing {
  samples: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of an ascending list (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

/** Summary of durations in milliseconds. */
export function summarize(durations: readonly number[]): Timing {
  const sorted = [...durations].sort((a, b) => a - b);
  const total = sorted.reduce((sum, d) => sum + d, 0);
  return {
    samples: sorted.length,
    mean: round(total / Math.max(1, sorted.length)),
    p50: round(percentile(sorted, 50)),
    p90: round(percentile(sorted, 90)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? Number.NaN),
  };
}

/**
 * Runs `work` `warmup` times untimed (at least once, fewer when `warmupBudgetMs` runs out),
 * then times it until `iterations` runs or `budgetMs` has passed (but at least
 * `minIterations` runs), and summarizes the durations in ms.
 */
export function timeRepeatedly(
  work: (iteration: number) => void,
  limits: { warmup: number; warmupBudgetMs: number; iterations: number; minIterations: number; budgetMs: number },
): Timing {
  let done = 0;
  const warmupStarted = performance.now();
  while (done < limits.warmup) {
    work(done++);
    if (performance.now() - warmupStarted > limits.warmupBudgetMs) break;
  }
  const durations: number[] = [];
  const started = performance.now();
  for (let i = 0; i < limits.iterations; i++) {
    const t0 = performance.now();
    work(done++);
    const t1 = performance.now();
    durations.push(t1 - t0);
    if (t1 - started > limits.budgetMs && durations.length >= limits.minIterations) break;
  }
  return summarize(durations);
}

/** Three significant decimals for sub-millisecond figures, fewer above. */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  if (Math.abs(value) >= 100) return Math.round(value * 10) / 10;
  return Math.round(value * 1000) / 1000;
}

export function ms(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return "–";
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

export function count(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

export function sizeLabel(size: number): string {
  if (size >= 1_000_000 && size % 1_000_000 === 0) return `${size / 1_000_000}M`;
  if (size >= 1_000 && size % 1_000 === 0) return `${size / 1_000}k`;
  return count(size);
}

/** A Markdown table; cells are escaped for pipes. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const esc = (cell: string) => cell.replace(/\|/g, "\\|");
  const lines = [`| ${header.map(esc).join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`];
  for (const row of rows) lines.push(`| ${row.map(esc).join(" | ")} |`);
  return lines.join("\n");
}

export function log(message: string): void {
  const stamp = new Date().toISOString().slice(11, 19);
  process.stderr.write(`[bench ${stamp}] ${message}\n`);
}

function busyAndTotal(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const cpu of os.cpus()) {
    const t = cpu.times;
    busy += t.user + t.nice + t.sys + t.irq;
    total += t.user + t.nice + t.sys + t.irq + t.idle;
  }
  return { busy, total };
}

/**
 * CPU used by other processes over `sampleMs`, in percent of one core: the benchmark shares
 * a 2-core machine, and a test run or build beside it skews every figure.
 */
export async function otherCpuLoad(sampleMs = 1_000): Promise<number> {
  const before = busyAndTotal();
  const ownBefore = process.cpuUsage();
  await new Promise((resolve) => setTimeout(resolve, sampleMs));
  const after = busyAndTotal();
  const own = process.cpuUsage(ownBefore);
  const wallMs = (after.total - before.total) / os.cpus().length;
  const busyMs = after.busy - before.busy - (own.user + own.system) / 1000;
  return Math.max(0, Math.round((100 * busyMs) / Math.max(wallMs, 1)));
}

/**
 * Waits, within a budget shared by the whole run, until other processes leave the machine
 * quiet (under `thresholdPercent` of a core), so a test run beside the benchmark does not
 * skew a measurement. Returns the last load seen, which is recorded with the figure.
 */
export class QuietGate {
  private waitedMs = 0;
  constructor(
    private readonly budgetMs: number,
    private readonly thresholdPercent = 25,
  ) {}

  async pass(what: string): Promise<number> {
    let load = await otherCpuLoad(500);
    if (load <= this.thresholdPercent) return load;
    const started = Date.now();
    log(`other processes use ${load}% of a core; waiting for quiet before ${what}`);
    while (load > this.thresholdPercent && this.waitedMs + (Date.now() - started) < this.budgetMs) {
      await new Promise((resolve) => setTimeout(resolve, 4_000));
      load = await otherCpuLoad(1_000);
    }
    this.waitedMs += Date.now() - started;
    if (load > this.thresholdPercent) log(`warning: still ${load}% of a core used by other processes; measuring ${what} anyway`);
    else log(`quiet after ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return load;
  }

  get waitedSeconds(): number {
    return Math.round(this.waitedMs / 1000);
  }
}
