/**
 * The matrix's actions of shop approvals (docs/decisions/0063): a customer declines their own
 * pending approval; naming another customer's approval is NOT_FOUND and leaves it pending.
 */
import { e2eDb } from "../../e2e/support/users";
import type { OwnedObjects } from "../support/owned-objects";
import { act, type ActionRow } from "./cells";

async function stillPending(victim: OwnedObjects): Promise<void> {
  const row = await e2eDb().shopApproval.findUniqueOrThrow({ where: { id: await victim.approval() } });
  if (row.status !== "PENDING") throw new Error(`victim's approval is ${row.status}`);
}

export const APPROVAL_ACTIONS: Record<string, ActionRow> = {
  declineShopApprovalAction: {
    anonymous: "login",
    signedIn: "ok",
    call: async (c, o) => act(c, "declineShopApprovalAction", { approvalId: await o.approval() }),
    other: { expect: "code:NOT_FOUND", intact: stillPending },
  },
};
