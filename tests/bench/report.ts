/** The results file's shape, the targets check and the Markdown summary. */
import type { BenchDatabase } from "./databases";
import type { HttpResult, ServerMemory } from "./http";
import type { LiveResults, RouteTimings, SectionResult } from "./live";
import type { AggregateResult, MarketResult, MatrixResult } from "./matrix";
import { count, markdownTable, ms, sizeLabel } from "./stats";

export interface ServerFigures {
  /** From spawning the server to its first 200 on /healthz. */
  startupMs: number;
  /** The first search after that (an index still being built would show here). */
  firstSearchMs: number;
  memoryAfterStartup: ServerMemory | null;
  memoryAfterRun: ServerMemory | null;
}

export interface SizeResults {
  size: number;
  database: BenchDatabase;
  /** Empty with --skip-matrix. */
  matrix: MatrixResult[];
  aggregates: AggregateResult[];
  market?: MarketResult[];
  http: HttpResult[] | null;
  httpError?: string;
  server?: ServerFigures;
  live?: LiveResults;
  liveError?: string;
}

export interface TargetCheck {
  size: number;
  target: string;
  met: boolean | null;
  detail: string;
}

export interface BenchResults {
  date: string;
  quick: boolean;
  machine: Record<string, unknown>;
  settings: Record<string, unknown>;
  sizes: SizeResults[];
  targets: TargetCheck[];
}

/** The targets are stated for 1M roles; they are checked at every size run, labelled. */
export const TARGET_SIZE = 1_000_000;
const PAGE_MIN_RATE = 500;
const PAGE_MAX_P99_MS = 50;
const PAGE_MIN_RATIO = 0.5;
/** The issue's targets for the live sections, as multiples of the 404 page in the same queue. */
const ROLES_TAIL_P99_RATIO = 3;
const ROLES_TAIL_P50_RATIO = 2;
const API_TAIL_P99_RATIO = 1;
const MARKET_COLD_P99_RATIO = 3;
/** The issue's stress criterion: the rest of the site under search load, against idle. */
const NOT_FOUND_LOADED_P99_RATIO = 3;
const STARTUP_MAX_MS = 15_000;
const RSS_MAX_MIB = 1024;
const FRESHNESS_MAX_MS = 1_000;

function ratio(value: number, reference: number): number {
  return reference > 0 ? value / reference : Number.POSITIVE_INFINITY;
}

function ratioCheck(size: number, target: string, value: number, reference: number, limit: number, what: string): TargetCheck {
  const r = ratio(value, reference);
  return { size, target, met: r <= limit, detail: `${what} ${ms(value)} ms vs 404 ${ms(reference)} ms: ${r.toFixed(2)} x` };
}

function failures(section: SectionResult, routes: readonly RouteTimings[]): { fiveXx: number; errors: number; aborted: number; text: string } {
  const fiveXx = Math.max(
    routes.reduce((sum, r) => sum + r.status5xx, 0),
    section.serverLog.status5xx,
  );
  const errors = routes.reduce((sum, r) => sum + r.errors, 0);
  const aborted = section.serverLog.abortedRenders;
  return { fiveXx, errors, aborted, text: `${fiveXx} 5xx, ${aborted} aborted renders, ${errors} unanswered` };
}

function liveChecks(size: number, live: LiveResults): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const tail = live.longTail;
  const roles = tail.routes.find((r) => r.route === "/roles");
  const api = tail.routes.find((r) => r.route === "/api/roles");
  const notFound = tail.notFound;
  if (roles) {
    checks.push(
      ratioCheck(size, `long tail /roles p99 <= ${ROLES_TAIL_P99_RATIO} x 404 page p99`, roles.p99, notFound.p99, ROLES_TAIL_P99_RATIO, "p99"),
      ratioCheck(size, `long tail /roles p50 <= ${ROLES_TAIL_P50_RATIO} x 404 page p50`, roles.p50, notFound.p50, ROLES_TAIL_P50_RATIO, "p50"),
    );
  }
  if (api) checks.push(ratioCheck(size, "long tail /api/roles p99 <= 404 page p99", api.p99, notFound.p99, API_TAIL_P99_RATIO, "p99"));
  const tailFailures = failures(tail, [...tail.routes, notFound]);
  checks.push({
    size,
    target: "long tail: zero 5xx, zero aborted renders",
    met: tailFailures.fiveXx === 0 && tailFailures.aborted === 0 && tailFailures.errors === 0,
    detail: tailFailures.text,
  });
  // The ratios above are to a 404 page served in the same queue: a request that blocks the
  // event loop makes those 404s wait too, which would flatter the ratios. So the 404s in each
  // queue are also held to the 404 page alone (the issue's stress criterion, 3x idle).
  const alone = live.notFoundAlone.notFound;
  for (const [name, section] of [
    ["the long tail", tail],
    ["/market cold", live.market],
  ] as const) {
    const loaded = section.notFound;
    checks.push({
      size,
      target: `404 page during ${name} p99 <= ${NOT_FOUND_LOADED_P99_RATIO} x 404 page alone`,
      met: ratio(loaded.p99, alone.p99) <= NOT_FOUND_LOADED_P99_RATIO,
      detail: `p99 ${ms(loaded.p99)} ms vs ${ms(alone.p99)} ms alone: ${ratio(loaded.p99, alone.p99).toFixed(2)} x`,
    });
  }
  const market = live.market.routes.find((r) => r.route === "/market");
  if (market) {
    const marketFailures = failures(live.market, [market, live.market.notFound]);
    const check = ratioCheck(size, `/market cold, distinct filters: p99 <= ${MARKET_COLD_P99_RATIO} x 404 page p99, no 5xx`, market.p99, live.market.notFound.p99, MARKET_COLD_P99_RATIO, "p99");
    check.met = check.met && marketFailures.fiveXx === 0 && marketFailures.errors === 0;
    if (marketFailures.fiveXx || marketFailures.errors) check.detail += `; ${marketFailures.text}`;
    checks.push(check);
  }
  const fresh = live.freshness;
  checks.push({
    size,
    target: `another process' change visible in search within ${FRESHNESS_MAX_MS / 1000} s`,
    met: fresh.missed === 0 && fresh.max <= FRESHNESS_MAX_MS,
    detail: `${fresh.probes} changes: p50 ${ms(fresh.p50)} ms, max ${ms(fresh.max)} ms${fresh.missed ? `, ${fresh.missed} not seen in 10 s` : ""}`,
  });
  return checks;
}

function serverChecks(size: number, server: ServerFigures): TargetCheck[] {
  const peak = Math.max(server.memoryAfterStartup?.peakRssMiB ?? 0, server.memoryAfterRun?.peakRssMiB ?? 0);
  return [
    {
      size,
      target: `start-up: serving within ${STARTUP_MAX_MS / 1000} s`,
      met: server.startupMs <= STARTUP_MAX_MS,
      detail: `/healthz after ${(server.startupMs / 1000).toFixed(1)} s, first search ${ms(server.firstSearchMs)} ms later`,
    },
    {
      size,
      target: "server RSS under 1 GB",
      met: server.memoryAfterRun === null && server.memoryAfterStartup === null ? null : peak < RSS_MAX_MIB,
      detail: `after start-up ${server.memoryAfterStartup?.rssMiB ?? "?"} MiB, after the run ${server.memoryAfterRun?.rssMiB ?? "?"} MiB, peak ${peak} MiB`,
    },
  ];
}

export function checkTargets(sizes: readonly SizeResults[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const s of sizes) {
    for (const [label, limit, filter] of [
      ["matrix queries p99 <= 5 ms (keyword queries excluded)", 5, (q: MatrixResult) => q.targetP99Ms === 5],
      ["keyword queries p99 <= 50 ms", 50, (q: MatrixResult) => q.targetP99Ms === 50],
    ] as const) {
      const queries = s.matrix.filter(filter);
      if (queries.length === 0) continue; // --skip-matrix
      const missed = queries.filter((q) => q.p99 > limit);
      checks.push({
        size: s.size,
        target: label,
        met: missed.length === 0,
        detail: missed.length
          ? `missed by ${missed.map((q) => `${q.id} (${ms(q.p99)} ms)`).join(", ")}`
          : `worst ${worst(queries)}`,
      });
    }
    if (s.size === 100_000 && s.market?.length) {
      const slowest = Math.max(...s.market.map((m) => m.cold.p99));
      checks.push({ size: s.size, target: "market page data (cold) < 200 ms", met: slowest < 200, detail: `slowest cold p99 ${ms(slowest)} ms` });
    }
    if (s.server) checks.push(...serverChecks(s.size, s.server));
    if (s.live) checks.push(...liveChecks(s.size, s.live));
    else if (s.liveError) checks.push({ size: s.size, target: "live sections (long tail, market, freshness)", met: false, detail: s.liveError.split("\n")[0] ?? "" });
    if (s.http === null) {
      checks.push({ size: s.size, target: "/roles throughput and latency", met: null, detail: s.httpError ?? "HTTP not measured (--skip-http)" });
      continue;
    }
    for (const page of s.http.filter((h) => h.kind === "page")) {
      const trivialRate = page.requestsPerSecond / (page.ratioToTrivial ?? Number.NaN);
      checks.push(
        {
          size: s.size,
          target: `${page.id} >= ${PAGE_MIN_RATE} req/s`,
          met: page.requestsPerSecond >= PAGE_MIN_RATE && page.non2xx === 0 && page.errors === 0,
          detail: `${count(page.requestsPerSecond)} req/s${page.non2xx || page.errors ? `, ${page.non2xx} non-2xx, ${page.errors} errors` : ""}`,
        },
        {
          size: s.size,
          target: `${page.id} p99 <= ${PAGE_MAX_P99_MS} ms`,
          met: page.latencyP99Ms <= PAGE_MAX_P99_MS,
          detail: `p99 ${ms(page.latencyP99Ms)} ms`,
        },
        {
          size: s.size,
          target: `${page.id} >= ${PAGE_MIN_RATIO} x /healthz rate`,
          met: (page.ratioToTrivial ?? 0) >= PAGE_MIN_RATIO,
          detail: `${page.ratioToTrivial?.toFixed(2)} x (/healthz ${count(trivialRate)} req/s)`,
        },
      );
    }
  }
  return checks;
}

function maxOtherCpu(sizes: readonly SizeResults[]): number {
  const loads = sizes.flatMap((s) => [
    ...s.matrix.map((q) => q.otherCpuPercent),
    ...s.aggregates.map((a) => a.otherCpuPercent),
    ...(s.http ?? []).map((h) => h.otherCpuPercent),
    ...(s.market ?? []).map((m) => m.otherCpuPercent),
  ]);
  return Math.max(0, ...loads);
}

function worst(queries: readonly MatrixResult[]): string {
  const top = [...queries].sort((a, b) => b.p99 - a.p99)[0];
  return top ? `${top.id} (${ms(top.p99)} ms)` : "none";
}

function mark(met: boolean | null): string {
  return met === null ? "n/a" : met ? "met" : "MISSED";
}

export function markdownSummary(results: BenchResults): string {
  const sizes = results.sizes;
  const out: string[] = [];
  out.push(
    `### Tokenboard benchmark, ${results.date.slice(0, 10)}${results.quick ? " (quick run)" : ""}`,
    "",
    `${String(results.machine.cpuCount)} x ${String(results.machine.cpuModel)}, Node ${String(results.machine.node)}, SQLite ${String(results.machine.sqlite)}; ` +
      `sizes ${sizes.map((s) => sizeLabel(s.size)).join(", ")} listed roles. ` +
      `Other processes used at most ${maxOtherCpu(sizes)}% of a core just before a measurement ` +
      `(waited ${String(results.settings.waitedForQuietSeconds)} s for quiet).`,
    "",
    "**searchRoles in-process** (ms; target is p99 at 1M roles)",
    "",
  );
  const first = sizes.find((s) => s.matrix.length);
  if (first) {
    const header = ["query", "plan", ...sizes.flatMap((s) => [`${sizeLabel(s.size)} p50`, `${sizeLabel(s.size)} p99`]), "target p99"];
    const rows = first.matrix.map((q, i) => [
      q.id,
      q.plan,
      ...sizes.flatMap((s) => {
        const r = s.matrix[i];
        return [ms(r?.p50), ms(r?.p99)];
      }),
      q.targetP99Ms === null ? "(info)" : `<= ${q.targetP99Ms}${largestStatus(sizes, i)}`,
    ]);
    out.push(markdownTable(header, rows), "");

    out.push("**searchAggregates** (facet counts and histogram; ms)", "");
    out.push(
      markdownTable(
        ["filters", ...sizes.flatMap((s) => [`${sizeLabel(s.size)} cold p50`, `${sizeLabel(s.size)} warm p99`])],
        first.aggregates.map((a, i) => [a.id, ...sizes.flatMap((s) => [ms(s.aggregates[i]?.cold.p50), ms(s.aggregates[i]?.warm.p99)])]),
      ),
      "",
    );
  }

  const withHttp = sizes.filter((s) => s.http !== null);
  if (withHttp.length) {
    out.push(`**HTTP** (autocannon, ${String(results.settings.connections)} connections, ${String(results.settings.httpSeconds)} s each; ratio is to /healthz)`, "");
    const rows: string[][] = [];
    for (const s of withHttp) {
      for (const h of s.http ?? []) {
        rows.push([
          sizeLabel(s.size),
          h.id,
          count(h.requestsPerSecond),
          ms(h.latencyP50Ms),
          ms(h.latencyP99Ms),
          (h.ratioToTrivial ?? Number.NaN).toFixed(2),
          ms(h.firstRequestMs),
          h.non2xx || h.errors ? `${h.non2xx} non-2xx, ${h.errors} err` : "0",
        ]);
      }
    }
    out.push(markdownTable(["roles", "route", "req/s", "p50 ms", "p99 ms", "ratio", "first request ms", "failures"], rows), "");
  }
  for (const s of sizes) if (s.httpError) out.push(`HTTP at ${sizeLabel(s.size)} failed: ${s.httpError}`, "");

  const withServer = sizes.filter((s) => s.server);
  if (withServer.length) {
    out.push("**Server** (start-up from spawning to the first 200 on /healthz; RSS of the server's node process)", "");
    out.push(
      markdownTable(
        ["roles", "start-up s", "first search ms", "RSS after start-up MiB", "RSS after the run MiB", "peak RSS MiB"],
        withServer.map((s) => {
          const server = s.server!;
          return [
            sizeLabel(s.size),
            (server.startupMs / 1000).toFixed(1),
            ms(server.firstSearchMs),
            String(server.memoryAfterStartup?.rssMiB ?? "–"),
            String(server.memoryAfterRun?.rssMiB ?? "–"),
            String(Math.max(server.memoryAfterStartup?.peakRssMiB ?? 0, server.memoryAfterRun?.peakRssMiB ?? 0) || "–"),
          ];
        }),
      ),
      "",
    );
  }

  const withLive = sizes.filter((s) => s.live);
  if (withLive.length) {
    const live = withLive[0]!.live!;
    out.push(
      `**Live board** (${live.clients} clients, one shared queue; another process saves a listed role every ${live.editIntervalMs / 1000} s; ` +
        `${live.effort.searchesPerRoute} distinct searches per route, ${live.effort.marketCombinations} /market filter combinations, each requested once; ` +
        "ratios are to the 404 page in the same queue; ms)",
      "",
    );
    const rows: string[][] = [];
    const row = (size: number, section: string, t: RouteTimings, reference: RouteTimings | null) =>
      rows.push([
        sizeLabel(size),
        section,
        t.route,
        String(t.requests),
        ms(t.p50),
        ms(t.p99),
        ms(t.max),
        reference ? `${ratio(t.p50, reference.p50).toFixed(2)} / ${ratio(t.p99, reference.p99).toFixed(2)}` : "",
        String(t.status5xx),
        String(t.errors),
      ]);
    for (const s of withLive) {
      const l = s.live!;
      row(s.size, "404 page alone", l.notFoundAlone.notFound, null);
      for (const t of l.longTail.routes) row(s.size, "long tail", t, l.longTail.notFound);
      row(s.size, "long tail", l.longTail.notFound, null);
      for (const t of l.market.routes) row(s.size, "market, cold", t, l.market.notFound);
      row(s.size, "market, cold", l.market.notFound, null);
    }
    out.push(markdownTable(["roles", "section", "route", "requests", "p50", "p99", "max", "ratio p50 / p99", "5xx", "unanswered"], rows), "");
    for (const s of withLive) {
      const logged = (section: SectionResult) =>
        `${section.serverLog.status5xx} 5xx, ${section.serverLog.abortedRenders} aborted renders, ${section.serverLog.otherErrorLines} other error lines`;
      out.push(`Server log at ${sizeLabel(s.size)}: long tail ${logged(s.live!.longTail)}; market ${logged(s.live!.market)}.`, "");
    }
    out.push(
      markdownTable(
        ["roles", "another process' change visible in /api/roles after (ms)", "editor saves", "save p50 / max ms"],
        withLive.map((s) => {
          const l = s.live!;
          return [
            sizeLabel(s.size),
            `p50 ${ms(l.freshness.p50)}, max ${ms(l.freshness.max)} (${l.freshness.probes} changes${l.freshness.missed ? `, ${l.freshness.missed} missed` : ""})`,
            String(l.editor.edits),
            `${ms(l.editor.editMs.p50)} / ${ms(l.editor.editMs.max)}`,
          ];
        }),
      ),
      "",
    );
  }
  for (const s of sizes) if (s.liveError) out.push(`Live sections at ${sizeLabel(s.size)} failed: ${s.liveError}`, "");

  out.push("**Targets**", "");
  const official = results.targets.filter((t) => t.size === TARGET_SIZE);
  if (official.length === 0) out.push(`(the targets are set at ${sizeLabel(TARGET_SIZE)} roles, which this run did not include; shown for the sizes run)`, "");
  const shown = official.length ? official : results.targets;
  out.push(
    markdownTable(
      ["roles", "target", "result", "detail"],
      shown.map((t) => [sizeLabel(t.size), t.target, mark(t.met), t.detail]),
    ),
  );
  return out.join("\n");
}

/** " (met)" / " (MISSED)" for the largest size that has the query. */
function largestStatus(sizes: readonly SizeResults[], index: number): string {
  const largest = sizes[sizes.length - 1];
  const q = largest?.matrix[index];
  if (!largest || !q || q.targetP99Ms === null) return "";
  return q.p99 <= q.targetP99Ms ? "" : " MISSED";
}
