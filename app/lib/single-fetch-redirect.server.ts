/**
 * A redirect in the format of Remix's single-fetch data requests (`*.data`), for answers the
 * server entry gives before Remix runs (a refused rate limit). The format is Remix's own
 * turbo-stream encoding, so it is produced by Remix's own encoder (pinned with Remix) rather
 * than written by hand; `reload` makes the browser load the target as a full document.
 */
import {
  encodeViaTurboStream,
  SingleFetchRedirectSymbol,
} from "@remix-run/server-runtime/dist/single-fetch.js";
import { ServerMode } from "@remix-run/server-runtime/dist/mode.js";

export async function singleFetchRedirect(location: string, method: string): Promise<string> {
  const redirect = { redirect: location, status: 302, revalidate: false, reload: true, replace: false };
  // An action's answer is one route's result; a loaders' answer is keyed by route, with a
  // redirect under Remix's symbol.
  const isAction = !["GET", "HEAD"].includes(method.toUpperCase());
  const stream = encodeViaTurboStream(
    isAction ? redirect : { [SingleFetchRedirectSymbol]: redirect },
    new AbortController().signal,
    undefined,
    ServerMode.Production,
  );
  return new Response(stream).text();
}
