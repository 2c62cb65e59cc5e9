/**
 * One thread of the Markdown pool (app/lib/markdown-pool.server.ts): renders a description
 * to sanitized HTML and its summary, off the server's event loop. Run with tsx as a loader,
 * like the server.
 */
import { renderDescription, type RenderedDescription } from "./markdown.server";

export default function render(markdown: string): RenderedDescription {
  return renderDescription(markdown);
}
