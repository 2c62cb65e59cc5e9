// markdown-it's GFM table rule, which app/lib/markdown.server.ts wraps to count table cells
// (@types/markdown-it has no types for the rule modules).
declare module "markdown-it/lib/rules_block/table.mjs" {
  export default function table(
    state: import("markdown-it").StateBlock,
    startLine: number,
    endLine: number,
    silent: boolean,
  ): boolean;
}
