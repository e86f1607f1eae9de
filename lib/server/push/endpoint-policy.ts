import "server-only";
/**
 * Which push endpoints the server will POST to. The endpoint comes from the browser, so an
 * unchecked one would let a signed-in customer make the server send requests anywhere (SSRF).
 * On a public URL only the browsers' push services over https are accepted; a local URL
 * (development, tests with a local push service) accepts any http(s) endpoint.
 */
import { createHash } from "node:crypto";

/** Host suffixes of the push services of Chrome/Edge/Opera (FCM), Firefox, Safari and Windows. */
const PUSH_SERVICE_HOSTS = [
  "fcm.googleapis.com",
  "android.googleapis.com",
  "push.services.mozilla.com",
  "push.apple.com",
  "notify.windows.com",
] as const;

export function isAllowedPushEndpoint(endpoint: string, opts: { isPublicUrl: boolean }): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (!opts.isPublicUrl) return url.protocol === "https:" || url.protocol === "http:";
  const host = url.hostname.toLowerCase();
  return (
    url.protocol === "https:" &&
    PUSH_SERVICE_HOSTS.some((allowed) => host === allowed || host.endsWith(`.${allowed}`))
  );
}

/**
 * A short, stable id for an endpoint that the page may see: the browser hashes its own endpoint
 * the same way (SHA-256, hex, first 32 characters) to find "this device" without the server
 * handing endpoint URLs (capability URLs) to the page.
 */
export function endpointFingerprint(endpoint: string): string {
  return createHash("sha256").update(endpoint).digest("hex").slice(0, 32);
}
