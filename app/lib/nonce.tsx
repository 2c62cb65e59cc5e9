/**
 * The per-request Content-Security-Policy nonce (made in server.ts), handed to the inline
 * scripts Remix renders. In the browser it is empty: browsers hide nonces from the DOM.
 */
import { createContext, useContext } from "react";

export const NonceContext = createContext("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
