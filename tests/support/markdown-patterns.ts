/**
 * Pathological Markdown of about `size` characters (20,000 is the longest description):
 * each pattern is one that makes some Markdown parser slow (backtracking delimiters,
 * brackets and backticks), deep (nesting), or big (tables that fill in cells, reference
 * links that repeat their address). The unit test times our renderer on each;
 * docs/decisions/001-markdown.md has the same patterns timed on the candidate parsers.
 */
const fill = (unit: string, size: number) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

function until(size: number, next: (i: number) => string): string {
  let text = "";
  for (let i = 1; text.length < size; i++) text += next(i);
  return text.slice(0, size);
}

/** Tables of n columns, each with a header, a delimiter row and n one-cell rows, repeated. */
function squareTables(n: number, size: number): string {
  const one = `${"|a".repeat(n)}|\n${"|-".repeat(n)}|\n${"x\n".repeat(n)}\n`;
  return one.repeat(Math.max(1, Math.floor(size / one.length)));
}

/** One link definition with a long address (and title), used as often as the rest of the text allows. */
function reusedReference(addressLength: number, size: number): string {
  const definition = `[a]: https://example.com/${"x".repeat(addressLength)} "${"t".repeat(addressLength)}"\n\n`;
  return definition + "[a]".repeat(Math.floor((size - definition.length) / 3));
}

export function markdownPatterns(size: number): Record<string, string> {
  return {
    "._a repeated": fill("._a", size),
    "*_a repeated": fill("*_a", size),
    "_a~ repeated": fill("_a~", size),
    '">" x 6000 + "x"': ">".repeat(6000) + "x",
    '">" repeated': ">".repeat(size),
    '"> " repeated (nested quotes)': fill("> ", size) + "x",
    '"- " repeated (nested lists)': fill("- ", size) + "x",
    '"1. " repeated (nested ordered lists)': fill("1. ", size) + "x",
    '"> - " repeated (quotes in lists)': fill("> - ", size) + "x",
    "list items indented ever deeper": until(size, (i) => `${" ".repeat(Math.min(2 * i, 400))}- x\n`),
    "20-deep quotes, repeated": until(size, () => `${">".repeat(20)}x\n\n`),
    '"[" repeated': "[".repeat(size),
    '"](" repeated': fill("](", size),
    '"[a](" repeated': fill("[a](", size),
    '"![[" repeated': fill("![[", size),
    '"[a]: " repeated': fill("[a]: ", size),
    // At 20,000 characters: a 5,000-character address and title, used 3,300 times.
    "one reference with a long address, used thousands of times": reusedReference(Math.floor(size / 4), size),
    "backtick runs of growing length": until(size, (i) => `${"`".repeat(i)}a`),
    '"`a" repeated': fill("`a", size),
    '"**" repeated': fill("**", size),
    '"**a" repeated': fill("**a", size),
    '"*a _" repeated (emphasis bomb)': fill("*a _", size),
    '"*a **a " repeated (mixed openers)': fill("*a **a ", size),
    '"~~a" repeated': fill("~~a", size),
    '"<" repeated': "<".repeat(size),
    '"<a " repeated (unclosed tags)': fill("<a ", size),
    '"a <!--" repeated': `a ${fill("<!--", size)}`,
    '"a <?" repeated': `a ${fill("<?", size)}`,
    '"<blockquote>" repeated': fill("<blockquote>", size),
    '"&#" repeated': fill("&#", size),
    '"http://a. " repeated (autolinks)': fill("http://a. ", size),
    '"www." repeated': fill("www.", size),
    "long table (3 columns, many rows)": until(size, (i) => (i === 1 ? "| a | b | c |\n| --- | --- | --- |\n" : "| x | y | z |\n")),
    "wide table (many columns)": `${"|a".repeat(size / 8)}|\n${"|-".repeat(size / 8)}|\n${"|b".repeat(size / 16)}`,
    "table header, rows without pipes": until(size, (i) => (i === 1 ? "a|b\n-|-\n" : "x\n")),
    "64-column tables of one-cell rows, repeated": squareTables(64, size),
    "256-column tables of one-cell rows, repeated": squareTables(256, size),
    '"a\\n" repeated (one long paragraph)': fill("a\n", size),
    '"- a\\n" repeated (a long list)': fill("- a\n", size),
  };
}
