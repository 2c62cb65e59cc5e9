import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's address as the server entry sees it (TRUST_PROXY aware). */
    clientAddress?: string;
    /** This request's Content-Security-Policy nonce. */
    cspNonce?: string;
  }
}
