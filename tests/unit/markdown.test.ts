import { describe, expect, it } from "vitest";
import { markdownToText, renderMarkdown } from "~/lib/markdown.server";

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
