import "server-only";
/**
 * Support releases a risk block (docs/decisions/0044): the customer, blocked at sign-in, calls
 * instead of answering the mail. The agent gives what "Das war ich" gives (decision 0021): a
 * one-time pass for the browser of the blocked attempt — never for another browser — so its next
 * sign-in continues with a second factor instead of being blocked; it lets no one in by itself.
 * The open "Das war ich" link is used up by it, so the release happens once. Same pattern as
 * unlock (account-actions.ts): the agent has opened the customer and gives a reason, and the
 * `support.risk_block_released` event with the reason is written in the transaction of the grant.
 */
import { z } from "zod";
import { db } from "@/lib/db";
import type { StaffActor } from "@/lib/server/actor";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { grantSignInPass, SIGN_IN_PASS_TTL_MINUTES } from "@/lib/server/identity/sign-in-passes";
import { permittedCustomer } from "./access";
import type { SupportActionInput } from "./account-actions";

export type RiskReleaseResult =
  { ok: true; validMinutes: number } | { ok: false; code: "NOT_FOUND" | "ACCESS_REQUIRED" | "NO_RISK_BLOCK" };

const ReleasePayloadSchema = z.object({ signInAttemptId: z.string(), deviceCookieHash: z.string() });

export async function releaseRiskBlock(
  actor: StaffActor,
  input: SupportActionInput,
): Promise<RiskReleaseResult> {
  const found = await permittedCustomer(actor, input.customerId);
  if (!found.ok) return found;
  const { customer } = found;
  const released = await db.$transaction(async (tx) => {
    const now = new Date();
    // The newest open "Das war ich" link names the blocked browser; using it up here means the
    // release happens once, whether by mail or by phone.
    const open = await tx.verificationToken.findFirst({
      where: { userId: customer.id, purpose: "RISK_RELEASE", consumedAt: null, expiresAt: { gt: now } },
      orderBy: { createdAt: "desc" },
    });
    const payload = ReleasePayloadSchema.safeParse(open?.payload);
    if (!open || !payload.success) return false;
    const spent = await tx.verificationToken.updateMany({
      where: { id: open.id, consumedAt: null },
      data: { consumedAt: now },
    });
    if (spent.count !== 1) return false;
    await grantSignInPass(
      { userId: customer.id, kind: "RISK_RELEASE", deviceCookieHash: payload.data.deviceCookieHash },
      { tx },
    );
    await writeAuditEvent(tx, {
      type: "support.risk_block_released",
      actor,
      subject: customer.id,
      metadata: { reason: input.reason, signInAttemptId: payload.data.signInAttemptId },
    });
    return true;
  });
  return released
    ? { ok: true, validMinutes: SIGN_IN_PASS_TTL_MINUTES }
    : { ok: false, code: "NO_RISK_BLOCK" };
}
