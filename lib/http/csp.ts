// Builds the Content-Security-Policy header value (see the Next.js CSP guide). Pure and
// separate from proxy.ts so the policy can be unit-tested and read in one place.

export type CspOptions = {
  nonce: string;
  /** Development needs 'unsafe-eval': React rebuilds server error stacks in the browser with eval. */
  isDevelopment: boolean;
  /** upgrade-insecure-requests on a plain-http origin (e.g. http://localhost) would break the page. */
  isHttps: boolean;
};

export function buildContentSecurityPolicy({ nonce, isDevelopment, isHttps }: CspOptions): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    // 'strict-dynamic' lets the nonced Next.js bootstrap load its chunks; hosts are ignored then.
    "script-src": [
      "'self'",
      `'nonce-${nonce}'`,
      "'strict-dynamic'",
      ...(isDevelopment ? ["'unsafe-eval'"] : []),
    ],
    // Inline styles stay allowed: Next.js and React inject some without a nonce; styles cannot run code.
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "blob:", "data:"],
    "font-src": ["'self'"],
    "object-src": ["'none'"],
    // No page uses <base>; 'none' keeps an injected one from re-pointing relative URLs (ASVS 3.4.3).
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
  };
  const parts = Object.entries(directives).map(([name, values]) => `${name} ${values.join(" ")}`);
  if (isHttps) parts.push("upgrade-insecure-requests");
  return parts.join("; ");
}

/** A fresh, unguessable nonce per request (base64 of a random UUID, as in the Next.js guide). */
export function createNonce(): string {
  return btoa(crypto.randomUUID());
}
