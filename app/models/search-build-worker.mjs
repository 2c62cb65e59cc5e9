// Entry of the search index's build worker threads (app/models/search-feed.server.ts): the
// worker itself is TypeScript, loaded through tsx as the server is.
import { tsImport } from "tsx/esm/api";

await tsImport("./search-build.worker.ts", import.meta.url);
