import { describe, expect, it, vi } from "vitest";
import {
  HTML_BUDGET,
  MAX_NESTING,
  SUMMARY_LENGTH,
  TABLE_CELL_BUDGET,
  markdownToText,
  renderDescription,
  renderMarkdown,
} from "~/lib/markdown.server";

describe("employer Markdown", () => {
  it("renders ordinary Markdown", () => {
    const html = renderMarkdown("## What you'll do\n\n- Ship **agents**\n- Read [docs](https://example.com)");
    expect(html).toContain("<h2>What you'll do</h2>");
    expect(html).toContain("<strong>agents</strong>");
    expect(html).toContain('href="https://example.com"');
    expect(html).toContain('rel="nofollow noopener noreferrer ugc"');
  });

  it("strips scripts, event handlers and javascript: links", () => {
    const hostile = [
      "<script>alert(1)</script>",
      '<img src=x onerror="alert(2)">',
      "[click](javascript:alert(3))",
      '<a href="javascript:alert(4)">x</a>',
      '<iframe src="https://evil.example"></iframe>',
      '<p style="background:url(x)" onclick="alert(5)">hi</p>',
      "[proto](//evil.example/path)",
    ].join("\n\n");
    const html = renderMarkdown(hostile);
    expect(html).not.toMatch(/<script|onerror|onclick|javascript:|<iframe|<img|style=|\/\/evil/i);
  });

  it("demotes a top-level heading below the page's own h1", () => {
    expect(renderMarkdown("# Big").trim()).toBe("<h2>Big</h2>");
  });

  it("turns Markdown into a plain summary", () => {
    expect(markdownToText("## About\n\nWe build **agents** & tools.", 100)).toBe("About We build agents & tools.");
    expect(markdownToText("word ".repeat(100), 20)).toHaveLength(20);
  });
});

describe("GitHub-flavoured Markdown as employers write it", () => {
  it("keeps tables with their alignment, strikethrough and bare links", () => {
    const html = renderMarkdown("| Band | Tokens |\n| :-- | --: |\n| Senior | $60k |\n\n~~Office only~~ Remote. See www.example.com or <https://example.com/jobs>.");
    expect(html).toContain('<th align="left">Band</th>');
    expect(html).toContain('<td align="right">$60k</td>');
    expect(html).toContain("<del>Office only</del>");
    expect(html).toContain('href="http://www.example.com"');
    expect(html).toContain('href="https://example.com/jobs"');
  });

  it("renders a description and its plain-text summary from one pass", () => {
    const { html, text } = renderDescription("## About\n\nWe build **agents** & tools.\n\n" + "More words. ".repeat(100));
    expect(html).toContain("<strong>agents</strong>");
    expect(text.startsWith("About We build agents & tools. More words.")).toBe(true);
    expect(text.length).toBeLessThanOrEqual(SUMMARY_LENGTH);
    expect(text.endsWith("…")).toBe(true);
  });
});

describe("pathological Markdown stays bounded", () => {
  it('renders ">" x 6000 + "x" without overflowing the stack, nested at most MAX_NESTING deep', () => {
    const html = renderMarkdown(">".repeat(6000) + "x");
    expect(html.match(/<blockquote>/g)?.length ?? 0).toBeLessThanOrEqual(MAX_NESTING);
    expect(() => renderDescription(`${"- ".repeat(10_000)}x\n\n${"> ".repeat(10_000)}x`)).not.toThrow();
  });

  it("fills in table cells only up to the description's cell budget", () => {
    // Wide headers over rows of one cell: markdown-it alone fills in 65,536 cells per table.
    const square = `${"|a".repeat(256)}|\n${"|-".repeat(256)}|\n${"x\n".repeat(256)}\n`;
    const html = renderMarkdown(square.repeat(10));
    expect(html.match(/<t[hd][ >]/g)?.length ?? 0).toBeLessThanOrEqual(TABLE_CELL_BUDGET);
    // An ordinary table is whole.
    const table = `| a | b |\n| - | - |\n${"| 1 | 2 |\n".repeat(50)}`;
    expect(renderMarkdown(table).match(/<td>/g)).toHaveLength(100);
  });

  it("shows a description whose HTML would exceed the budget as plain text", () => {
    // One definition with a long address, used thousands of times: megabytes of links.
    const definition = `[a]: https://example.com/${"x".repeat(5_000)}\n\n`;
    const markdown = `${definition}${"[a]".repeat(5_000)}`;
    const html = renderMarkdown(markdown);
    expect(html.length).toBeLessThan(HTML_BUDGET);
    expect(html).not.toContain("<a ");
    expect(html).toContain("[a][a][a]");
  });
});

describe("a parser failure", () => {
  it("still saves: the description shows as escaped plain text, and the log says why", async () => {
    const MarkdownIt = (await import("markdown-it")).default;
    const parse = vi.spyOn(MarkdownIt.prototype, "parse").mockImplementation(() => {
      throw new RangeError("simulated");
    });
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      expect(renderMarkdown("**a** <b>\n\nsecond")).toBe("<p>**a** &lt;b&gt;</p>\n<p>second</p>");
      expect(logged).toHaveBeenCalledOnce();
    } finally {
      parse.mockRestore();
      logged.mockRestore();
    }
  });
});
