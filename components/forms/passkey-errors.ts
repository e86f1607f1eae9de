/**
 * What to tell the person after a WebAuthn ceremony failed in the browser, as a key of the
 * `passkeys` namespace, or null when nothing should be shown: the ceremony was aborted on purpose
 * (the password form was submitted, another ceremony started, the page was left).
 */
export function passkeyErrorKey(error: unknown): "cancelled" | "notSupported" | "failed" | null {
  // The library's WebAuthnError, recognised by its code: importing its class would put the whole
  // library into every page that shows a passkey button (components/forms/webauthn-browser.ts).
  if (isCeremonyAborted(error)) return null;
  const name = error instanceof Error ? error.name : "";
  if (name === "AbortError") return null;
  // The person closed the dialog, or it timed out: both surface as NotAllowedError.
  if (name === "NotAllowedError") return "cancelled";
  if (name === "NotSupportedError" || name === "SecurityError") return "notSupported";
  return "failed";
}

function isCeremonyAborted(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === "ERROR_CEREMONY_ABORTED";
}
