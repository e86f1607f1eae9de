/**
 * The vocabulary of the authorisation matrix (authorization-matrix.ts): row types, the expected
 * outcome per column, and the shorthands the row files share.
 *
 * Outcomes: pages and handlers "200", "404", "login" (sent to /login to come back), "redirect:<to>";
 * actions "ok", "login", "not-found", "code:<AppErrorCode>", "redirect:<to>". A trailing "…"
 * matches a prefix. "Other" cells must also leave the victim's data as it was (or not show it).
 */
import { expect } from "@playwright/test";
import type { Role } from "../support/actors";
import type { OwnedObjects } from "../support/owned-objects";
import type { ActionReply, PortalClient } from "../support/portal-client";

export type Expect = string;
export type Cells = { anonymous: Expect; signedIn: Expect; roles?: Partial<Record<Role, Expect>> };
type OtherAction = { expect: Expect; intact: (victim: OwnedObjects) => Promise<void> } | { na: string };
export type ActionRow = Cells & {
  call: (c: PortalClient, own: OwnedObjects) => Promise<ActionReply>;
  other: OtherAction;
};
export type RouteRow = Cells & {
  path: (own: OwnedObjects) => Promise<string> | string;
  method?: "GET" | "POST" | "PUT";
  body?: () => BodyInit;
  /**
   * With another customer's id: the outcome, and what of the owner's must not appear. The owner's
   * own CUSTOMER cell must show exactly that (the check could fail).
   */
  other?: { expect: Expect; secrets: (owner: OwnedObjects) => string[] };
};

export type Column = "anonymous" | Role;

export function expectation(row: Cells, column: Column): Expect {
  return column === "anonymous" ? row.anonymous : (row.roles?.[column] ?? row.signedIn);
}

/** The expected outcome as a pattern: exact, or a prefix when it ends in "…". */
export function pattern(expected: Expect): RegExp {
  const prefix = expected.endsWith("…");
  const text = (prefix ? expected.slice(0, -1) : expected).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${text}${prefix ? "" : "$"}`);
}

export const ALL = (e: Expect) => ({ anonymous: e, signedIn: e });
export const PAGE = { anonymous: "login", signedIn: "200" };
export const NA = (na: string) => ({ na });
export const STAFF_ONLY = (allowed: Role[]): Cells => ({
  anonymous: "login",
  signedIn: "404",
  roles: Object.fromEntries(allowed.map((r) => [r, "200"])),
});

export const form = (c: PortalClient, name: string, fields: Record<string, string>) =>
  c.formAction(name, fields);
export const act = (c: PortalClient, name: string, ...args: unknown[]) => c.action(name, args);
export const SECURITY = "/account/security";

/** The victim's object, still as it was made (support/owned-objects.ts). */
export const still = async (found: Promise<unknown>, shape: Record<string, unknown> = {}) =>
  expect(await found).toMatchObject(shape);

export const BOGUS_ASSERTION = {
  id: "AAAA",
  rawId: "AAAA",
  type: "public-key",
  clientExtensionResults: {},
  response: { clientDataJSON: "AAAA", authenticatorData: "AAAA", signature: "AAAA" },
};
