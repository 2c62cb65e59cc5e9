/**
 * zod for modules that browsers also load (app/lib/search-params.ts): imported from here, it
 * is an empty module in the browser build, so such a module uses it only in code that runs
 * on the server (loaders), and zod stays out of the page's JavaScript.
 */
export * as z from "zod";
