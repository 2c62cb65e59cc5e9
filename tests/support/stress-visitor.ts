/**
 * The ordinary visitor of the stress tests (tests/stress/*-load.test.ts): /healthz, then a role
 * page, one round every VISITOR_ROUND_MS at most, as a person clicking would (480 requests a
 * minute, under the general tier's 600: flat out, a fast server would answer the visitor 429s
 * and the figures would time the rate limiter). Its latencies, on the idle server and under
 * load, are what those tests compare.
 */
import { percentileMs } from "./stress-results";

export const VISITOR_ROUND_MS = 250;

export interface VisitorFigures {
  healthz: number[];
  rolePage: number[];
  statuses: number[];
}

async function timedGet(url: string, address: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const response = await fetch(url, { redirect: "manual", headers: { "X-Forwarded-For": address }, signal: AbortSignal.timeout(30_000) });
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started };
}

/** Rounds from `address` until `until()` says stop. */
export async function visitor(origin: string, roleSlug: string, address: string, until: () => boolean): Promise<VisitorFigures> {
  const figures: VisitorFigures = { healthz: [], rolePage: [], statuses: [] };
  while (until()) {
    const roundStart = performance.now();
    for (const [path, into] of [
      ["/healthz", figures.healthz],
      [`/roles/${roleSlug}`, figures.rolePage],
    ] as const) {
      const answer = await timedGet(`${origin}${path}`, address);
      into.push(answer.ms);
      figures.statuses.push(answer.status);
    }
    const rest = VISITOR_ROUND_MS - (performance.now() - roundStart);
    if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
  }
  return figures;
}

export function summary(values: number[]) {
  return { n: values.length, p50: percentileMs(values, 50), p99: percentileMs(values, 99) };
}
