/**
 * The server's Markdown backfill (descriptions stored before migration 0004 have no HTML) as a
 * background job: at about 184 roles a second, rendering a million roles before listening
 * would hold the start for hours. The server listens at once and this renders in slices of a
 * few milliseconds between requests, writing each slice in its own short transaction; until a
 * role's turn comes, its page shows the description as escaped plain text (never rendering
 * Markdown on a view). Rendering happens in the Markdown pool's threads; `npm run db:migrate`
 * and the seed run the whole pass at once (description.server.ts's `backfillDescriptions`).
 */
import type { Db } from "../../db/client";
import { MarkdownBusyError, renderDescriptionOffThread } from "../lib/markdown-pool.server";
import {
  companyDescriptionColumns,
  DESCRIPTIONS_RENDERED_VERSION,
  markDescriptionsRendered,
  MISSING_HTML,
  roleDescriptionColumns,
  type PrerenderedDescription,
} from "./description.server";

/**
 * Renders in the Markdown pool's threads, so the event loop only reads and writes. Visitors'
 * previews and saves come first: when the pool's queue is full this waits and tries again
 * rather than taking their place.
 */
async function renderInPool(markdown: string): Promise<PrerenderedDescription> {
  for (;;) {
    try {
      return { markdown, ...(await renderDescriptionOffThread(markdown)) };
    } catch (error) {
      if (!(error instanceof MarkdownBusyError)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** Rows looked at per query: each query scans a bounded id window, never the rest of the table. */
const ID_WINDOW = 2_000;
const PROGRESS_EVERY_MS = 30_000;

export interface BackgroundBackfillOptions {
  /** Longest a slice renders before it writes and yields (default 5 ms). */
  sliceMs?: number;
  /** Pause between slices while the server is idle (default 5 ms). */
  pauseMs?: number;
  /**
   * True while requests are being answered: slices then wait, except one every `busyEveryMs`
   * (default 250 ms, a 2% share), so a busy server still finishes the pass some day.
   */
  busy?: () => boolean;
  busyEveryMs?: number;
  log?: (line: string) => void;
}

export interface BackgroundBackfill {
  /** Resolves with the rows rendered when the pass ends (or null when it was stopped or had nothing to do). */
  done: Promise<{ roles: number; companies: number } | null>;
  stop(): void;
}

interface TableSpec {
  table: "roles" | "companies";
  missing: string;
  update: string;
  values: (markdown: string) => Promise<string[]>;
}

const TABLES: TableSpec[] = [
  {
    ...MISSING_HTML.roles,
    values: async (markdown) => {
      const columns = roleDescriptionColumns(markdown, await renderInPool(markdown));
      return [columns.descriptionHtml, columns.descriptionText];
    },
  },
  {
    ...MISSING_HTML.companies,
    values: async (markdown) => [companyDescriptionColumns(markdown, await renderInPool(markdown)).descriptionHtml],
  },
];

/**
 * Starts rendering missing description HTML in the background; a no-op once a pass has found
 * everything rendered (SQLite's user_version, as `backfillDescriptions` records it).
 */
export function startDescriptionBackfill(db: Db, options: BackgroundBackfillOptions = {}): BackgroundBackfill {
  const client = db.$client;
  const sliceMs = options.sliceMs ?? 5;
  const pauseMs = options.pauseMs ?? 5;
  const busyEveryMs = options.busyEveryMs ?? 250;
  const busy = options.busy ?? (() => false);
  const log = options.log ?? ((line: string) => console.log(line));
  let stopped = false;
  let lastSlice = 0;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  // Requests come first: a slice runs when the server is idle, or when it has waited long enough.
  const pause = async () => {
    await sleep(pauseMs);
    while (!stopped && busy() && performance.now() - lastSlice < busyEveryMs) await sleep(pauseMs);
    lastSlice = performance.now();
  };

  const run = async () => {
    if ((client.pragma("user_version", { simple: true }) as number) >= DESCRIPTIONS_RENDERED_VERSION) return null;
    const rendered = { roles: 0, companies: 0 };
    const started = performance.now();
    log("descriptions: rendering the stored descriptions that have no HTML yet, in the background (progress every 30 s)");
    let reported = started;
    for (const spec of TABLES) {
      const top = (client.prepare(`select coalesce(max(id), 0) from ${spec.table}`).pluck().get() as number) ?? 0;
      const window = client.prepare(`select id, description from ${spec.table} where id > ? and id <= ? and (${spec.missing}) order by id`);
      const update = client.prepare(spec.update);
      const write = client.transaction((rows: Array<{ id: number; description: string; values: string[] }>) => {
        for (const row of rows) update.run(...row.values, row.id, row.description);
      });
      let queue: Array<{ id: number; description: string }> = [];
      let scanned = 0;
      while (!stopped) {
        if (queue.length === 0) {
          if (scanned >= top) break;
          queue = window.all(scanned, scanned + ID_WINDOW) as typeof queue;
          scanned += ID_WINDOW;
          if (queue.length === 0) continue;
        }
        const sliceStart = performance.now();
        const done: Array<{ id: number; description: string; values: string[] }> = [];
        while (queue.length > 0 && performance.now() - sliceStart < sliceMs) {
          const row = queue.shift()!;
          done.push({ ...row, values: await spec.values(row.description) });
        }
        if (stopped || !client.open) return null;
        write.immediate(done);
        rendered[spec.table] += done.length;
        if (performance.now() - reported >= PROGRESS_EVERY_MS) {
          reported = performance.now();
          const seconds = (reported - started) / 1000;
          log(
            `descriptions: rendered ${rendered[spec.table].toLocaleString("en-US")} ${spec.table} in the background ` +
              `(up to id ${Math.min(scanned, top).toLocaleString("en-US")} of ${top.toLocaleString("en-US")}; ${Math.round((rendered.roles + rendered.companies) / seconds)}/s)`,
          );
        }
        await pause();
      }
    }
    if (stopped || !client.open) return null;
    markDescriptionsRendered(db);
    log(`descriptions: background rendering done (${rendered.roles} roles, ${rendered.companies} companies in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    return rendered;
  };

  const done = run().catch((error: unknown) => {
    console.error("descriptions: background rendering stopped by an error; the next start resumes it", error);
    return null;
  });
  return {
    done,
    stop() {
      stopped = true;
    },
  };
}
