/**
 * Role and company descriptions are Markdown written by employers. They are rendered once,
 * when saved (the HTML is stored with the row: app/models/description.server.ts), and by the
 * preview; no page view renders Markdown. The HTML passes through an allowlist sanitizer, so
 * raw HTML, scripts, event handlers and javascript: links in a description never run.
 *
 * The parser is markdown-it, chosen by measurement (docs/decisions/001-markdown.md): its time
 * grows linearly with the input on every pathological pattern tried, and `maxNesting` bounds
 * how deep blocks and inlines nest, so `>` x 6000 cannot overflow the stack. Two more bounds
 * keep the output, and so the sanitizer's work, in proportion to the input:
 * - GFM tables fill missing cells; a budget of table cells per description stops a few short
 *   rows under a wide header from expanding 20,000 characters into megabytes.
 * - A document whose HTML would exceed HTML_BUDGET (reference links repeat their address
 *   every time they are used) is shown as plain text instead.
 */
import MarkdownIt, { type StateBlock, type Token } from "markdown-it";
import table from "markdown-it/lib/rules_block/table.mjs";
import sanitizeHtml from "sanitize-html";

/** Blocks and inlines nested deeper than this are not parsed further (a list in a list in a quote...). */
export const MAX_NESTING = 20;
/** Table cells (rows x columns, filled-in cells included) in one description. */
export const TABLE_CELL_BUDGET = 2_000;
/** Characters of HTML one description may produce: ten times the longest description allowed. */
export const HTML_BUDGET = 200_000;
/** The plain-text summary stored with a role, for meta descriptions and structured data. */
export const SUMMARY_LENGTH = 300;

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "br", "hr", "h2", "h3", "h4", "strong", "em", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td",
  ],
  allowedAttributes: { a: ["href", "title"], th: ["align"], td: ["align"], ol: ["start"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowProtocolRelative: false,
  // Headings are demoted so a description never competes with the page's own h1.
  transformTags: {
    h1: "h2",
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, rel: "nofollow noopener noreferrer ugc", target: "_blank" },
    }),
  },
  allowedSchemesAppliedToAttributes: ["href"],
  disallowedTagsMode: "discard",
};
// The rel/target added above must survive the attribute allowlist.
SANITIZE_OPTIONS.allowedAttributes = {
  ...(SANITIZE_OPTIONS.allowedAttributes as Record<string, string[]>),
  a: ["href", "title", "rel", "target"],
};
/** What the sanitizer adds to every link: counted in the HTML budget. */
const LINK_ATTRIBUTES_LENGTH = ' rel="nofollow noopener noreferrer ugc" target="_blank"'.length;

/** Per-render state markdown-it carries in `env`. */
interface RenderEnv {
  tableCellsLeft: number;
}

// Raw HTML is parsed (and then removed or kept by the sanitizer, as before the switch from
// marked) rather than shown as text; bare URLs become links, as in GitHub's Markdown.
const md = new MarkdownIt("default", { html: true, linkify: true, typographer: false, breaks: false, maxNesting: MAX_NESTING });

// Tables: parse at most as many rows as the description's remaining cell budget allows; the
// rows past it are ordinary paragraphs.
md.block.ruler.at(
  "table",
  (state: StateBlock, startLine: number, endLine: number, silent: boolean) => {
    const env = state.env as RenderEnv;
    const delimiterLine = startLine + 1;
    if (delimiterLine >= endLine) return false;
    // The delimiter row's cells, as markdown-it counts them: outer pipes are optional.
    const cells = state.src.slice(state.bMarks[delimiterLine]! + state.tShift[delimiterLine]!, state.eMarks[delimiterLine]).trim().split("|");
    if (cells[0] === "") cells.shift();
    if (cells[cells.length - 1] === "") cells.pop();
    const columns = Math.max(1, cells.length);
    // The header row counts; the delimiter row makes no cells.
    const rows = Math.floor(env.tableCellsLeft / columns);
    if (rows < 1) return false;
    const found = table(state, startLine, Math.min(endLine, startLine + 1 + rows), silent);
    if (found && !silent) env.tableCellsLeft -= (state.line - startLine - 1) * columns;
    return found;
  },
  { alt: ["paragraph", "reference"] },
);

// Link schemes are the sanitizer's decision (http, https, mailto), as they were with marked: a
// javascript: link keeps its text and loses its address instead of showing as raw Markdown.
md.validateLink = () => true;

// The allowlist has <del>, not markdown-it's <s>, for ~~strikethrough~~.
md.renderer.rules.s_open = () => "<del>";
md.renderer.rules.s_close = () => "</del>";

// Column alignment as the align attribute the allowlist keeps (markdown-it writes a style).
md.core.ruler.push("table_align_attribute", (state) => {
  for (const token of state.tokens) {
    if (token.type !== "th_open" && token.type !== "td_open") continue;
    const style = token.attrGet("style");
    const align = style && /^text-align:(left|center|right)$/.exec(style)?.[1];
    token.attrs = align ? [["align", align]] : null;
  }
});

/**
 * About the length of the HTML the tokens render to (before escaping), stopping once past
 * `limit`: a walk over the tokens, far cheaper than rendering megabytes to find out.
 */
function estimatedHtmlLength(tokens: readonly Token[], limit: number, sofar = 0): number {
  let total = sofar;
  for (const token of tokens) {
    // `<tag>` or `</tag>`, and a line break after a block tag; text tokens have no tag.
    if (token.tag && !token.hidden) total += token.tag.length + (token.nesting === -1 ? 3 : 2) + (token.block ? 1 : 0);
    if (token.attrs) for (const [name, value] of token.attrs) total += name.length + value.length + 4;
    if (token.type === "link_open") total += LINK_ATTRIBUTES_LENGTH;
    total = token.children ? estimatedHtmlLength(token.children, limit, total) : total + token.content.length;
    if (total > limit) return total;
  }
  return total;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/** The description as plain paragraphs: what a description too big to render shows. */
function plainParagraphs(markdown: string): string {
  return markdown
    .split(/\n\s*\n/)
    .filter((block) => block.trim() !== "")
    .map((block) => `<p>${block.trim().replace(/[&<>"]/g, (c) => ESCAPES[c]!)}</p>`)
    .join("\n");
}

/** Markdown to safe HTML: parsing and rendering are linear in the input, the output bounded. */
export function renderMarkdown(markdown: string): string {
  let html: string;
  try {
    const env: RenderEnv = { tableCellsLeft: TABLE_CELL_BUDGET };
    const tokens = md.parse(markdown, env);
    html = estimatedHtmlLength(tokens, HTML_BUDGET) > HTML_BUDGET ? plainParagraphs(markdown) : md.renderer.render(tokens, md.options, env);
  } catch (error) {
    // No input is known to make markdown-it throw; if one does, its author still saves (and
    // the start-up backfill still finishes) with the text shown plain, and the log says why.
    console.error("Markdown rendering failed; showing the description as plain text.", error);
    html = plainParagraphs(markdown);
  }
  return sanitizeHtml(html, SANITIZE_OPTIONS);
}

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&nbsp;": " " };

/** The text a reader sees in sanitized HTML, collapsed to one line and cut at `maxLength`. */
export function htmlToText(html: string, maxLength = SUMMARY_LENGTH): string {
  // The sanitizer's output is well-formed and escapes `<` and `>` inside text and attribute
  // values, so every `<...>` is a tag.
  const text = html
    .replace(/<[^>]*>/g, "")
    .replace(/&(?:amp|lt|gt|quot|#39|nbsp);/g, (entity) => ENTITIES[entity]!)
    .replace(/\s+/g, " ")
    .trim();
  return text.length > maxLength ? text.slice(0, maxLength - 1).trimEnd() + "…" : text;
}

/** Markdown to plain text (for meta descriptions, feeds and JSON-LD summaries). */
export function markdownToText(markdown: string, maxLength = SUMMARY_LENGTH): string {
  return htmlToText(renderMarkdown(markdown), maxLength);
}

export interface RenderedDescription {
  /** Sanitized HTML, ready for the page. */
  html: string;
  /** A plain-text summary of at most SUMMARY_LENGTH characters. */
  text: string;
}

/** What a description's write stores beside it: the HTML and the summary, from one render. */
export function renderDescription(markdown: string): RenderedDescription {
  const html = renderMarkdown(markdown);
  return { html, text: htmlToText(html) };
}
