// Open-redirect guard for values that come back from the browser (callbackUrl, returnTo).
// Only same-origin relative paths pass, and only in their normalised form: the path a URL parser
// makes of them (dot segments resolved, characters encoded), never the text as it was given.
// Validating one string and returning another let "/.//evil.example/x" through: it resolves on
// this origin, but its normal form "//evil.example/x" is what Next's client router navigates to
// (docs/decisions/0023).

const MAX_PATH_LENGTH = 2048;
const PROBE_ORIGIN = "http://portal.invalid";

/** Two leading slashes or backslashes in any mix: the start of another origin. */
const AUTHORITY_START = /^[/\\]{2}/;

/**
 * The same-origin path `value` stands for (pathname + search + hash, resolved against a probe
 * origin), or null when a browser could read it, or its normal form, as another origin.
 */
export function normaliseRelativePath(value: unknown): string | null {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_PATH_LENGTH) return null;
  // A path starts with one "/". Leading spaces, schemes ("javascript:", "data:", "http:"), and
  // "//" or "/\" (another host) all fail here, before any parser gets to trim or reinterpret them.
  if (!value.startsWith("/") || AUTHORITY_START.test(value)) return null;
  // Browsers treat "\" like "/", and URL parsers silently drop tabs and newlines, which could
  // hide a second slash; neither has a place in a path we link to.
  if (/[\\\u0000-\u0020\u007f]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, PROBE_ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== PROBE_ORIGIN) return null;
  const normalised = url.pathname + url.search + url.hash;
  if (AUTHORITY_START.test(normalised) || readsAsAuthority(url.pathname)) return null;
  return normalised;
}

/**
 * Whether the path, decoded once more (as a proxy, a framework or a later redirect might) and with
 * full-width forms folded (IDNA maps U+FF0F to "/"), starts like another origin. No page of the
 * portal starts with an encoded slash, so refusing these costs nothing.
 */
function readsAsAuthority(pathname: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return true;
  }
  const folded = decoded.normalize("NFKC").replace(/[\u0000-\u0020\u007f]/g, "");
  return AUTHORITY_START.test(folded);
}

/**
 * Whether `value` is a safe relative path exactly as given (it is its own normal form), for callers
 * that keep the text. Prefer toSafeRelativePath, which also accepts and normalises "/a/./b".
 */
export function isSafeRelativePath(value: unknown): value is string {
  return typeof value === "string" && normaliseRelativePath(value) === value;
}

/** The normalised safe path for `value`, otherwise the fallback. */
export function toSafeRelativePath(value: unknown, fallback = "/"): string {
  return normaliseRelativePath(value) ?? fallback;
}
