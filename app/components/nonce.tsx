import { createContext, useContext } from "react";

/** The per-request CSP nonce; only the server render knows it (browsers hide it from the DOM). */
export const NonceContext = createContext<string>("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
