/**
 * Markdown is rendered in a small pool of worker threads (piscina), never on the event loop
 * that answers every request: a hostile description costs markdown-it and the sanitizer tens
 * of milliseconds, and each of them would otherwise be a pause for every other visitor.
 *
 * The bounds:
 * - RENDER_THREADS threads, one fewer than the machine's cores (at least one, at most
 *   four): the main thread keeps a core for everything else.
 * - Each task is one description, at most MAX_RENDER_CHARS characters (the schemas' limit);
 *   markdown-it's time is linear in it (app/lib/markdown.server.ts), so a task is bounded.
 * - The threads run at a lower priority (nice +10) than the event loop's thread.
 * - At most RENDER_QUEUE tasks wait; past that a render is refused with MarkdownBusyError
 *   (the routes answer 503 with Retry-After) instead of queueing without end.
 */
import os from "node:os";
import path from "node:path";
import Piscina from "piscina";
import { ROLE_TEXT_LIMITS } from "./schemas/role";
import { renderDescription, type RenderedDescription } from "./markdown.server";

export const RENDER_THREADS = Math.max(1, Math.min(4, os.availableParallelism() - 1));
export const RENDER_QUEUE = 64;
export const MAX_RENDER_CHARS = ROLE_TEXT_LIMITS.description;
/** How much lower the render threads' scheduling priority is than the event loop's. */
const RENDER_NICE = 10;
/** Seconds a refused client is told to wait. */
export const RENDER_RETRY_AFTER_S = 5;

/** The worker runs from source through tsx, like the server itself. */
const WORKER_FILE = path.resolve(process.cwd(), "app/lib/markdown-worker.mjs");

/** The pool is full: the caller answers 503 (Retry-After) rather than wait in an unbounded queue. */
export class MarkdownBusyError extends Error {
  constructor() {
    super("Too many descriptions are being rendered right now; try again in a few seconds.");
  }
}

// One pool per process, kept on globalThis so a development rebuild that re-imports this
// module does not start a second one.
const holder = globalThis as typeof globalThis & { __tokenboardMarkdownPool?: Piscina<string, RenderedDescription> };

function pool(): Piscina<string, RenderedDescription> {
  return (holder.__tokenboardMarkdownPool ??= new Piscina<string, RenderedDescription>({
    filename: WORKER_FILE,
    minThreads: RENDER_THREADS,
    maxThreads: RENDER_THREADS,
    maxQueue: RENDER_QUEUE,
    // Threads stay up: starting one (tsx, markdown-it) takes longer than many renders.
    idleTimeout: Number.POSITIVE_INFINITY,
    // Rendering yields the CPU to the event loop's thread (Linux nices each thread on its
    // own): on a busy machine a render waits, not the visitors' requests.
    niceIncrement: RENDER_NICE,
  }));
}

/** Starts the pool's threads now (the server, at start), so the first render waits for none. */
export function startMarkdownPool(): void {
  pool();
}

/** Stops the pool's threads (a script or test that is done with it). */
export async function stopMarkdownPool(): Promise<void> {
  const running = holder.__tokenboardMarkdownPool;
  holder.__tokenboardMarkdownPool = undefined;
  await running?.destroy();
}

/** A description's sanitized HTML and summary, rendered in the pool. */
export async function renderDescriptionOffThread(markdown: string): Promise<RenderedDescription> {
  // The schemas cap descriptions; this keeps a caller that forgot from handing a thread more.
  if (markdown.length > MAX_RENDER_CHARS) throw new RangeError(`A description is at most ${MAX_RENDER_CHARS} characters.`);
  // Nothing to parse: not worth a round trip to a thread.
  if (markdown.trim() === "") return renderDescription(markdown);
  const running = pool();
  if (running.queueSize >= RENDER_QUEUE) throw new MarkdownBusyError();
  try {
    return await running.run(markdown);
  } catch (error) {
    if (error instanceof Error && error.message === "Task queue is at limit") throw new MarkdownBusyError();
    throw error;
  }
}

/** Markdown to sanitized HTML, rendered in the pool. */
export async function renderMarkdownOffThread(markdown: string): Promise<string> {
  return (await renderDescriptionOffThread(markdown)).html;
}

/** The answer to a render the pool refused. */
export function markdownBusyHeaders(): HeadersInit {
  return { "Retry-After": String(RENDER_RETRY_AFTER_S) };
}
