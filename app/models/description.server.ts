/**
 * Descriptions are stored with their rendered, sanitized HTML (and, for roles, a plain-text
 * summary), written in the same statement as the Markdown whenever it changes, so page views
 * read HTML and never render Markdown (docs/decisions/001-markdown.md). Request handlers
 * render in the Markdown pool's threads first (`prerenderDescription`), so a save does not
 * pause the event loop either.
 *
 * Rows stored before the HTML columns existed (migration 0004) are rendered by
 * `backfillDescriptions`, which every entry point runs before it serves or seeds: the server
 * start, `npm run db:migrate` and the seed. Readers still cope with a NULL (a row written by
 * hand): they show the Markdown source as plain text, never render it on a view.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { roles } from "../../db/schema";
import { renderDescription, type RenderedDescription } from "../lib/markdown.server";
import { MarkdownBusyError, markdownBusyHeaders, RENDER_QUEUE, renderDescriptionOffThread } from "../lib/markdown-pool.server";

/** A description rendered ahead of its write, with the Markdown it was rendered from. */
export interface PrerenderedDescription extends RenderedDescription {
  markdown: string;
}

/**
 * Renders a description in the Markdown pool (off the event loop), before the write that
 * stores it: request handlers call this, then hand the result to the model. When the pool's
 * queue is full the request is answered 503 with Retry-After, and nothing is saved.
 */
export async function prerenderDescription(markdown: string): Promise<PrerenderedDescription> {
  try {
    return { markdown, ...(await renderDescriptionOffThread(markdown)) };
  } catch (error) {
    if (error instanceof MarkdownBusyError) throw new Response(error.message, { status: 503, headers: markdownBusyHeaders() });
    throw error;
  }
}

/**
 * The rendering of `markdown`: the one rendered ahead when it is of the same text, otherwise
 * rendered here, in this thread (scripts, tests and the seed, where no visitor waits).
 */
function rendered(markdown: string, ahead: PrerenderedDescription | undefined): RenderedDescription {
  return ahead && ahead.markdown === markdown ? ahead : renderDescription(markdown);
}

/** A role's description columns, for an insert or update that sets its description. */
export function roleDescriptionColumns(markdown: string, ahead?: PrerenderedDescription) {
  const { html, text } = rendered(markdown, ahead);
  return { description: markdown, descriptionHtml: html, descriptionText: text };
}

/** A company's description columns, for an insert or update that sets its description. */
export function companyDescriptionColumns(markdown: string, ahead?: PrerenderedDescription) {
  return { description: markdown, descriptionHtml: rendered(markdown, ahead).html };
}

/** A role's stored description as its page shows it (the HTML is null only for a row not yet backfilled). */
export function storedRoleDescription(db: Db, roleId: number): { html: string | null; text: string | null } {
  const row = db.select({ html: roles.descriptionHtml, text: roles.descriptionText }).from(roles).where(eq(roles.id, roleId)).get();
  return row ?? { html: null, text: null };
}

/**
 * SQLite's `user_version` (unused otherwise) records that a backfill pass found every stored
 * description rendered. Every write path stores the HTML, so later starts skip the pass: on a
 * million roles it would read the whole table (seconds) to find nothing.
 */
export const DESCRIPTIONS_RENDERED_VERSION = 1;

export interface BackfillProgress {
  table: "roles" | "companies";
  done: number;
  total: number;
  elapsedMs: number;
}

/**
 * Rows whose stored HTML is missing, and the update that stores it, per table: for this
 * module's one-pass backfill and the server's background one (description-backfill.server.ts).
 * The update repeats the text it rendered: a row edited meanwhile (by the app, in another
 * process) already has the HTML of its new text and is left alone.
 */
export const MISSING_HTML = {
  roles: {
    table: "roles",
    missing: "description_html is null or description_text is null",
    update: "update roles set description_html = ?, description_text = ? where id = ? and description = ?",
  },
  companies: {
    table: "companies",
    missing: "description_html is null",
    update: "update companies set description_html = ? where id = ? and description = ?",
  },
} as const;

export interface BackfillOptions {
  /** Rows rendered per transaction. Default 500. */
  batchSize?: number;
  /** Check every row even if an earlier pass found nothing to do (`npm run db:migrate` does). */
  force?: boolean;
  /** Called after each batch; the default writes a line to stderr every 10,000 rows. */
  onProgress?: (progress: BackfillProgress) => void;
  /** No progress lines. */
  quiet?: boolean;
  /**
   * Render in the Markdown pool's threads (the server's start: in parallel where there are
   * cores, the event loop's thread only reads and writes); batches are then at most the
   * pool's queue. Default: in this thread (scripts and tests).
   */
  offThread?: boolean;
}

export interface BackfillSummary {
  /** True when an earlier pass had already found everything rendered. */
  skipped: boolean;
  roles: number;
  companies: number;
}

const PROGRESS_EVERY = 10_000;

function stderrProgress(): (progress: BackfillProgress) => void {
  let reported = 0;
  return (p) => {
    if (p.done < p.total && p.done - reported < PROGRESS_EVERY) return;
    reported = p.done;
    const seconds = p.elapsedMs / 1000;
    process.stderr.write(
      `descriptions: rendered ${p.done.toLocaleString("en-US")} / ${p.total.toLocaleString("en-US")} ${p.table} ` +
        `(${Math.round(p.done / Math.max(seconds, 0.001)).toLocaleString("en-US")}/s)\n`,
    );
  };
}

/**
 * Renders and stores the HTML of every role and company whose HTML is missing, in batches
 * (each written in its own transaction, so another process' writers wait at most one batch),
 * walking the primary key so each table is read once. Idempotent: a second run finds nothing.
 */
export async function backfillDescriptions(db: Db, options: BackfillOptions = {}): Promise<BackfillSummary> {
  const client = db.$client;
  if (!options.force && (client.pragma("user_version", { simple: true }) as number) >= DESCRIPTIONS_RENDERED_VERSION) {
    return { skipped: true, roles: 0, companies: 0 };
  }
  const size = options.batchSize ?? 500;
  const batch = {
    size: options.offThread ? Math.min(size, RENDER_QUEUE) : size,
    progress: options.onProgress ?? (options.quiet ? undefined : stderrProgress()),
  };
  const render = options.offThread ? renderDescriptionOffThread : async (markdown: string) => renderDescription(markdown);
  const roles = await renderMissing(db, batch, {
    ...MISSING_HTML.roles,
    values: async (description) => {
      const { html, text } = await render(description);
      return [html, text];
    },
  });
  const companies = await renderMissing(db, batch, {
    ...MISSING_HTML.companies,
    values: async (description) => [(await render(description)).html],
  });
  markDescriptionsRendered(db);
  return { skipped: false, roles, companies };
}

/** Records that no stored description lacks its HTML (the seed, after filling an empty database). */
export function markDescriptionsRendered(db: Db): void {
  db.$client.pragma(`user_version = ${DESCRIPTIONS_RENDERED_VERSION}`);
}

interface MissingSpec {
  table: "roles" | "companies";
  /** The condition that selects rows without their HTML. */
  missing: string;
  /** Sets the rendered columns; its last two parameters are the id and the description. */
  update: string;
  values: (description: string) => Promise<string[]>;
}

async function renderMissing(
  db: Db,
  batch: { size: number; progress: ((progress: BackfillProgress) => void) | undefined },
  spec: MissingSpec,
): Promise<number> {
  const client = db.$client;
  const started = performance.now();
  // Counted only when someone is told: on a big table the count is a pass of its own.
  const total = batch.progress ? (client.prepare(`select count(*) from ${spec.table} where ${spec.missing}`).pluck().get() as number) : 0;
  if (batch.progress && total === 0) return 0;
  const nextRows = client.prepare(`select id, description from ${spec.table} where id > ? and (${spec.missing}) order by id limit ?`);
  const update = client.prepare(spec.update);
  const write = client.transaction((rendered: Array<{ id: number; description: string; values: string[] }>) => {
    for (const row of rendered) update.run(...row.values, row.id, row.description);
  });
  let done = 0;
  let lastId = 0;
  for (;;) {
    const rows = nextRows.all(lastId, batch.size) as Array<{ id: number; description: string }>;
    if (rows.length === 0) break;
    // Rendered before the write lock is taken; only the updates hold it.
    const values = await Promise.all(rows.map((row) => spec.values(row.description)));
    write.immediate(rows.map((row, i) => ({ ...row, values: values[i]! })));
    done += rows.length;
    lastId = rows[rows.length - 1]!.id;
    batch.progress?.({ table: spec.table, done, total: Math.max(total, done), elapsedMs: performance.now() - started });
  }
  return done;
}
