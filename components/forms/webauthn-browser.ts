import type * as WebAuthnBrowser from "@simplewebauthn/browser";

/**
 * The WebAuthn browser library, fetched when a passkey ceremony begins instead of with every page
 * that offers one: it is not needed to paint /login, /register or the account pages (issue 16,
 * first-load JavaScript). Every caller goes through here, so the ceremonies share one module and
 * therefore one abort service (starting one ceremony still ends the pending other).
 */
let loaded: typeof WebAuthnBrowser | undefined;

function load(): Promise<typeof WebAuthnBrowser> {
  return import("@simplewebauthn/browser").then((library) => (loaded = library));
}

// Synchronous once loaded: a caller that checked it is still wanted starts its ceremony right away.
export function startAuthentication(
  ...args: Parameters<typeof WebAuthnBrowser.startAuthentication>
): ReturnType<typeof WebAuthnBrowser.startAuthentication> {
  if (loaded) return loaded.startAuthentication(...args);
  return load().then((library) => library.startAuthentication(...args));
}

export function startRegistration(
  ...args: Parameters<typeof WebAuthnBrowser.startRegistration>
): ReturnType<typeof WebAuthnBrowser.startRegistration> {
  if (loaded) return loaded.startRegistration(...args);
  return load().then((library) => library.startRegistration(...args));
}

export async function browserSupportsWebAuthnAutofill(): Promise<boolean> {
  return (await load()).browserSupportsWebAuthnAutofill();
}

/** Ends the pending ceremony, synchronously: none can be pending before the library was loaded. */
export function cancelCeremony(): void {
  loaded?.WebAuthnAbortService.cancelCeremony();
}
