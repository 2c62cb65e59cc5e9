import { data, type ActionFunctionArgs } from "@remix-run/node";
import * as z from "zod";
import { renderMarkdown } from "~/lib/markdown.server";
import { requireUser } from "~/lib/session.server";

const schema = z.object({ markdown: z.string().max(20_000) });

/** POST: Markdown to sanitized HTML, for the role form's description preview. */
export async function action({ request }: ActionFunctionArgs) {
  await requireUser(request);
  const parsed = schema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ html: "", error: "Descriptions are at most 20,000 characters." }, { status: 400 });
  return { html: renderMarkdown(parsed.data.markdown) };
}

export async function loader() {
  throw new Response("Not found", { status: 404 });
}
