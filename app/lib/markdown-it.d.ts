// Types that @types/markdown-it leaves out, for app/lib/markdown.server.ts.
import "markdown-it";

declare module "markdown-it/lib/index.mjs" {
  interface Options {
    /** How deep blocks and inlines may nest; deeper content is not parsed (markdown-it's own option). */
    maxNesting?: number;
  }
}
