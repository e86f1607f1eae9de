/**
 * The base names of the portal's own cookies; lib/auth/auth-cookies.ts adds the `__Host-` prefix on
 * https. Plain module, so end-to-end fixtures can set a session cookie by the same name.
 */

/** The session cookie; its value is a random bearer token, of which only the SHA-256 is stored. */
export const SESSION_COOKIE = "portal_session";
