/**
 * Return paths an attacker puts into ?callbackUrl= or a form's returnTo (docs/decisions/0023),
 * shared by the unit table, the integration test of the actions and the E2E sign-in.
 */
import { expect } from "vitest";

export const HOSTILE_RETURN_PATHS: unknown[] = [
  // Another origin, plainly or protocol-relative.
  "https://evil.example/",
  "http://evil.example/",
  "HtTpS://evil.example/",
  "//evil.example/",
  "///evil.example/",
  // Dot segments that collapse into "//host".
  "/.//evil.example/x",
  "/./\\evil.example/x",
  "/..//evil.example/x",
  "/a/..//evil.example/x",
  "/%2e//evil.example/x",
  "/%2E%2E//evil.example/x",
  // Backslashes, which browsers read as slashes.
  "/\\evil.example",
  "\\\\evil.example",
  "/\\/evil.example",
  // Encoded slashes and backslashes that a second decoding turns into "//host".
  "/%2F%2Fevil.example",
  "/%2f/evil.example",
  "/%5Cevil.example",
  "/%5C%5Cevil.example",
  "%2F%2Fevil.example",
  // Tabs, newlines and carriage returns that URL parsers strip.
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r/evil.example",
  "/\r\n/evil.example",
  "/%09/evil.example",
  "/%0a/evil.example",
  // Leading spaces and other characters browsers trim.
  " //evil.example",
  "  /\\evil.example",
  "\u0000//evil.example",
  "\u00a0//evil.example",
  // Schemes that run code or carry content.
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  " javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
  // Full-width solidus and reverse solidus: IDNA maps them to "/" and "\" in a host.
  "/\uff0f/evil.example",
  "/\uff3c/evil.example",
  "\uff0f\uff0fevil.example",
  "/%EF%BC%8F/evil.example",
  // Not a path at all, empty, or too long.
  "evil.example",
  "account",
  "",
  `/${"a".repeat(3000)}`,
  undefined,
  null,
  42,
  ["/account"],
  { toString: () => "/account" },
];

const PROBE = "https://portal.test";

/**
 * The assertion each place must meet: a path on this origin, already in its normal form, that
 * stays on this origin when resolved again (which is what a client router does).
 */
export function expectSameOriginPath(value: unknown): void {
  expect(typeof value).toBe("string");
  const path = value as string;
  expect(path).toMatch(/^\/(?![/\\])/);
  expect(path).not.toMatch(/[\u0000-\u0020\u007f\\]/);
  const once = new URL(path, PROBE);
  expect(once.origin).toBe(PROBE);
  const again = new URL(once.pathname + once.search + once.hash, PROBE);
  expect(again.origin).toBe(PROBE);
  expect(once.pathname + once.search + once.hash).toBe(path);
}
