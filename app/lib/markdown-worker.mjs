// Entry of the Markdown pool's worker threads (app/lib/markdown-pool.server.ts): the worker
// itself is TypeScript, loaded through tsx as the server is, so it runs the same source
// under `remix build`'s server bundle, `tsx server.ts` and vitest.
import { tsImport } from "tsx/esm/api";

const worker = await tsImport("./markdown.worker.ts", import.meta.url);

export default worker.default;
