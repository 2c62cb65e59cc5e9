import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** This request's Content-Security-Policy nonce. */
    cspNonce?: string;
    /** The client's network as rate limits see it (app/lib/client-network.ts). */
    clientNetwork?: string;
  }
}
