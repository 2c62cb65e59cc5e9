/**
 * The Markdown pool (app/lib/markdown-pool.server.ts) renders in worker threads with a
 * bounded queue: what it renders equals the renderer's own output, a flood past the queue is
 * refused (the preview answers 503 with Retry-After) instead of waiting without end, and the
 * pool serves again once the flood has drained.
 */
import { afterAll, describe, expect, it } from "vitest";
import { employerWithCompany, postForm } from "../support/accounts";
import { renderDescription } from "~/lib/markdown.server";
import {
  MarkdownBusyError,
  MAX_RENDER_CHARS,
  RENDER_QUEUE,
  RENDER_THREADS,
  renderDescriptionOffThread,
  stopMarkdownPool,
} from "~/lib/markdown-pool.server";
import { action as previewAction } from "~/routes/employer.markdown-preview";

const BOMB = "._a".repeat(6_666);

afterAll(() => stopMarkdownPool());

describe("the Markdown pool", () => {
  it("renders as the renderer does, and refuses a task over the description limit", async () => {
    const markdown = "## Duties\n\n- Ship **agents**\n- <script>alert(1)</script> [docs](https://example.com)";
    expect(await renderDescriptionOffThread(markdown)).toEqual(renderDescription(markdown));
    await expect(renderDescriptionOffThread("a".repeat(MAX_RENDER_CHARS + 1))).rejects.toThrow(RangeError);
  });

  it("refuses a flood past its queue, then serves again", async () => {
    // Sent in one turn of the event loop: no answer can come back before all are queued.
    const flood = RENDER_QUEUE + RENDER_THREADS + 20;
    const settled = await Promise.allSettled(Array.from({ length: flood }, () => renderDescriptionOffThread(BOMB)));
    const refused = settled.filter((r) => r.status === "rejected");
    expect(refused.length).toBeGreaterThanOrEqual(20);
    expect(refused.every((r) => r.status === "rejected" && r.reason instanceof MarkdownBusyError)).toBe(true);
    expect(settled.filter((r) => r.status === "fulfilled").length).toBeGreaterThanOrEqual(RENDER_QUEUE);
    expect((await renderDescriptionOffThread("*after*")).html).toBe("<p><em>after</em></p>\n");
  }, 60_000);

  it("the preview answers 503 with Retry-After while the queue is full", async () => {
    const { cookie } = await employerWithCompany("pool-flood");
    const filling = Array.from({ length: RENDER_QUEUE + RENDER_THREADS }, () => renderDescriptionOffThread(BOMB).catch(() => null));
    const answer = await postForm(previewAction, "/employer/markdown-preview", { markdown: BOMB }, { cookie });
    await Promise.all(filling);
    expect(answer.status).toBe(503);
    expect((answer.data as { error: string }).error).toMatch(/try again/);
  }, 60_000);
});
