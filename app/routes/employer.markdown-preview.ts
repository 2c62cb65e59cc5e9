import { data, type ActionFunctionArgs } from "@remix-run/node";
import * as z from "zod";
import { MarkdownBusyError, markdownBusyHeaders, renderMarkdownOffThread } from "~/lib/markdown-pool.server";
import { requireUser } from "~/lib/session.server";

const schema = z.object({ markdown: z.string().max(20_000) });

/**
 * POST: Markdown to sanitized HTML, for the role form's description preview. Rendered in the
 * Markdown pool's threads, so a hostile description never pauses other requests; when the
 * pool's queue is full the answer is 503 with Retry-After.
 */
export async function action({ request }: ActionFunctionArgs) {
  await requireUser(request);
  const parsed = schema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ html: "", error: "Descriptions are at most 20,000 characters." }, { status: 400 });
  try {
    return { html: await renderMarkdownOffThread(parsed.data.markdown) };
  } catch (error) {
    if (!(error instanceof MarkdownBusyError)) throw error;
    return data({ html: "", error: error.message }, { status: 503, headers: markdownBusyHeaders() });
  }
}

export async function loader() {
  throw new Response("Not found", { status: 404 });
}
