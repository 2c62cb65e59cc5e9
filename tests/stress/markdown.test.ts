/**
 * The Markdown renderer's time on pathological input, benchmark-style: each pattern of
 * tests/support/markdown-patterns.ts at 20,000 characters (the longest description) must
 * render, sanitizer included, within RENDER_BUDGET_MS of CPU time. marked took 6-10 s on
 * `._a` repeated and overflowed its stack on `">" x 6000`; the figures of the renderer we
 * chose are recorded in markdown.json (tests/stress/results/ under `npm run test:stress`,
 * which also times twice the length, to show the growth is linear).
 *
 * CPU time of this process, best of a few runs: a render is synchronous, so that is the time
 * it holds the event loop, and unlike wall time it does not count the moments other
 * processes on a shared machine had the CPU.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { markdownPatterns } from "../support/markdown-patterns";
import { scaled, STRESS } from "../support/scale";
import { writeStressResult } from "../support/stress-results";
import { renderMarkdown } from "~/lib/markdown.server";

const LENGTH = 20_000;
/** Generous: ordinary descriptions take well under a millisecond, the worst pattern tens of ms. */
const RENDER_BUDGET_MS = 200;
const RUNS = scaled(3, 10);

interface Timing {
  chars: number;
  bestCpuMs: number;
  medianWallMs: number;
  htmlChars: number;
}

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

function time(markdown: string): Timing {
  const cpu: number[] = [];
  const wall: number[] = [];
  let html = "";
  for (let run = 0; run < RUNS; run++) {
    const cpuStart = cpuMs();
    const wallStart = performance.now();
    html = renderMarkdown(markdown);
    wall.push(performance.now() - wallStart);
    cpu.push(cpuMs() - cpuStart);
  }
  wall.sort((a, b) => a - b);
  return { chars: markdown.length, bestCpuMs: round(Math.min(...cpu)), medianWallMs: round(wall[Math.floor(wall.length / 2)]!), htmlChars: html.length };
}

const figures: Record<string, Timing & { doubled?: Timing }> = {};

beforeAll(() => {
  // Compile the parser's and the sanitizer's code before timing anything.
  const sample = "# A\n\n*b* **c** [d](https://e.example) `f` ~~g~~ www.h.example\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n- x\n  - y\n\n> q";
  for (let i = 0; i < 200; i++) renderMarkdown(sample);
});

afterAll(() => {
  writeStressResult("markdown", { lengthChars: LENGTH, budgetMs: RENDER_BUDGET_MS, runs: RUNS, patterns: figures });
});

describe(`rendering ${LENGTH.toLocaleString("en-US")} characters of pathological Markdown`, () => {
  const doubled = STRESS ? markdownPatterns(2 * LENGTH) : {};
  for (const [name, markdown] of Object.entries(markdownPatterns(LENGTH))) {
    it(`${name}: within ${RENDER_BUDGET_MS} ms`, () => {
      const timing = time(markdown);
      figures[name] = STRESS && doubled[name] ? { ...timing, doubled: time(doubled[name]!) } : timing;
      expect(timing.bestCpuMs, `${name} took ${timing.bestCpuMs} ms`).toBeLessThan(RENDER_BUDGET_MS);
    });
  }
});
