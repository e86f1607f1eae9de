/**
 * The matrix's actions of the support console (docs/decisions/0042): each needs its permission
 * (SUPPORT and ADMIN hold them), a reason and an opened customer. The permitted roles are called
 * with an empty reason, so they show they got past authorisation without changing anyone; a
 * customer naming another customer's id is refused like any other non-staff caller, and the
 * victim's account stays as it was (not viewed, not locked, sessions alive).
 */
import { e2eDb } from "../../e2e/support/users";
import type { OwnedObjects } from "../support/owned-objects";
import { act, type ActionRow } from "./cells";

const PERMITTED = { SUPPORT: "code:VALIDATION_FAILED", ADMIN: "code:VALIDATION_FAILED" } as const;

async function untouched(victim: OwnedObjects): Promise<void> {
  const user = await e2eDb().user.findUniqueOrThrow({ where: { id: victim.userId! } });
  if (user.status !== "ACTIVE") throw new Error("victim's account changed status");
  const support = await e2eDb().auditEvent.count({
    where: { subjectUserId: victim.userId!, type: { startsWith: "support." } },
  });
  if (support !== 0) throw new Error("a support event was written about the victim");
}

function row(name: string): ActionRow {
  return {
    anonymous: "login",
    signedIn: "not-found",
    roles: PERMITTED,
    call: (c, own) => act(c, name, { customerId: own.userId ?? "nobody", reason: "" }),
    other: { expect: "not-found", intact: untouched },
  };
}

export const SUPPORT_ACTIONS: Record<string, ActionRow> = {
  openCustomerAction: row("openCustomerAction"),
  lockCustomerAction: row("lockCustomerAction"),
  unlockCustomerAction: row("unlockCustomerAction"),
  sendCustomerPasswordResetAction: row("sendCustomerPasswordResetAction"),
  signOutCustomerEverywhereAction: row("signOutCustomerEverywhereAction"),
  resendCustomerVerificationAction: row("resendCustomerVerificationAction"),
};
