/**
 * Small, exact statistics for the market page and "what this budget buys". Quantiles use
 * linear interpolation between order statistics (the "type 7" definition of R and NumPy's
 * default), so hand-checked figures match common tools.
 */

/** The q-quantile (0..1) of values sorted ascending; null for no values. */
export function quantileSorted(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const position = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = sorted[below]!;
  const high = sorted[above]!;
  return low + (high - low) * (position - below);
}

export interface BoxPlot {
  n: number;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
}

export function boxPlot(values: readonly number[]): BoxPlot | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    min: sorted[0]!,
    q1: quantileSorted(sorted, 0.25)!,
    median: quantileSorted(sorted, 0.5)!,
    q3: quantileSorted(sorted, 0.75)!,
    max: sorted[sorted.length - 1]!,
  };
}

/**
 * The percentile rank of x among sorted values: the share strictly below it plus half the
 * share equal to it, in percent (so the median of 1..5 is at 50, not 40 or 60).
 */
export function percentileRank(sorted: readonly number[], x: number): number | null {
  if (sorted.length === 0) return null;
  let below = 0;
  let equal = 0;
  // Binary searches for the first index >= x and the first index > x.
  const lowerBound = (target: number, strict: boolean) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (strict ? sorted[mid]! <= target : sorted[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  below = lowerBound(x, false);
  equal = lowerBound(x, true) - below;
  return ((below + equal / 2) / sorted.length) * 100;
}
