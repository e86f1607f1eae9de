import "server-only";
/**
 * What support may do to a customer's account (issue 12, docs/decisions/0042): lock and unlock,
 * sign out everywhere, send a password-reset mail, resend the verification mail. Each needs the
 * agent to have opened the customer (access.ts) and a reason, and writes a `support.*` event with
 * the reason in the transaction of the change; mails go out after the commit. Nothing here edits
 * personal data, consents or bank details, and nothing hands a token or secret to the agent.
 */
import { db } from "@/lib/db";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import type { StaffActor } from "@/lib/server/actor";
import type { AuditEventType } from "@/lib/server/audit/event-types";
import { localeOf, sendMailInBackground } from "@/lib/server/identity/notify";
import { sendVerificationMail } from "@/lib/server/identity/registration-steps";
import { issueToken, TOKEN_TTL_MINUTES, tokenLink, voidTokens } from "@/lib/server/identity/tokens";
import { revokeSessions } from "@/lib/server/sessions/sessions";
import { findCustomer, hasOpenAccess } from "./access";

export type SupportActionInput = { customerId: string; reason: string };
export type SupportActionResult =
  | { ok: true }
  | {
      ok: false;
      code: "NOT_FOUND" | "ACCESS_REQUIRED" | "ALREADY_LOCKED" | "NOT_LOCKED" | "ALREADY_VERIFIED";
    };

type Customer = NonNullable<Awaited<ReturnType<typeof findCustomer>>>;

/** The customer, if this agent has opened them; the shared first step of every action. */
async function permittedCustomer(
  actor: StaffActor,
  customerId: string,
): Promise<{ ok: true; customer: Customer } | { ok: false; code: "NOT_FOUND" | "ACCESS_REQUIRED" }> {
  const customer = await findCustomer(customerId);
  if (!customer) return { ok: false, code: "NOT_FOUND" };
  if (!(await hasOpenAccess(actor.userId, customer.id))) return { ok: false, code: "ACCESS_REQUIRED" };
  return { ok: true, customer };
}

function audit(
  tx: Parameters<typeof writeAuditEvent>[0],
  actor: StaffActor,
  type: AuditEventType,
  input: SupportActionInput,
  extra = {},
) {
  return writeAuditEvent(tx, {
    type,
    actor,
    subject: input.customerId,
    metadata: { reason: input.reason, ...extra },
  });
}

/** Locks the account: no sign-in (the door says to contact service) and every session ends. */
export async function lockCustomer(
  actor: StaffActor,
  input: SupportActionInput,
): Promise<SupportActionResult> {
  const found = await permittedCustomer(actor, input.customerId);
  if (!found.ok) return found;
  if (found.customer.status === "LOCKED") return { ok: false, code: "ALREADY_LOCKED" };
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: input.customerId },
      data: { status: "LOCKED", lockedAt: new Date(), lockReason: input.reason },
    });
    const sessions = await revokeSessions({ userId: input.customerId, reason: "ACCOUNT_LOCKED" }, { tx });
    await audit(tx, actor, "support.account_locked", input, { sessionsEnded: sessions });
  });
  return { ok: true };
}

export async function unlockCustomer(
  actor: StaffActor,
  input: SupportActionInput,
): Promise<SupportActionResult> {
  const found = await permittedCustomer(actor, input.customerId);
  if (!found.ok) return found;
  if (found.customer.status !== "LOCKED") return { ok: false, code: "NOT_LOCKED" };
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: input.customerId },
      data: { status: "ACTIVE", lockedAt: null, lockReason: null },
    });
    await audit(tx, actor, "support.account_unlocked", input);
  });
  return { ok: true };
}

export async function signOutCustomerEverywhere(
  actor: StaffActor,
  input: SupportActionInput,
): Promise<SupportActionResult> {
  const found = await permittedCustomer(actor, input.customerId);
  if (!found.ok) return found;
  await db.$transaction(async (tx) => {
    const sessions = await revokeSessions({ userId: input.customerId, reason: "REVOKED_BY_SUPPORT" }, { tx });
    await audit(tx, actor, "support.sessions_revoked", input, { sessionsEnded: sessions });
  });
  return { ok: true };
}

/** The customer's ordinary reset mail; the link goes to their mailbox only, never to the agent. */
export async function sendPasswordResetToCustomer(
  actor: StaffActor,
  input: SupportActionInput,
): Promise<SupportActionResult> {
  const found = await permittedCustomer(actor, input.customerId);
  if (!found.ok) return found;
  const { customer } = found;
  const token = await db.$transaction(async (tx) => {
    await voidTokens({ userId: customer.id, purpose: "PASSWORD_RESET" }, { tx });
    const token = await issueToken({ userId: customer.id, purpose: "PASSWORD_RESET" }, { tx });
    await audit(tx, actor, "support.password_reset_sent", input);
    return token;
  });
  sendMailInBackground({
    to: customer.email,
    locale: localeOf(customer.locale),
    template: {
      name: "password-reset",
      data: { url: tokenLink("/reset-password", token), expiresMinutes: TOKEN_TTL_MINUTES.PASSWORD_RESET },
    },
  });
  return { ok: true };
}

export async function resendVerificationToCustomer(
  actor: StaffActor,
  input: SupportActionInput,
): Promise<SupportActionResult> {
  const found = await permittedCustomer(actor, input.customerId);
  if (!found.ok) return found;
  const { customer } = found;
  if (customer.emailVerifiedAt) return { ok: false, code: "ALREADY_VERIFIED" };
  const token = await db.$transaction(async (tx) => {
    await voidTokens({ userId: customer.id, purpose: "EMAIL_VERIFICATION" }, { tx });
    const token = await issueToken({ userId: customer.id, purpose: "EMAIL_VERIFICATION" }, { tx });
    await audit(tx, actor, "support.verification_sent", input);
    return token;
  });
  sendVerificationMail({ to: customer.email, locale: localeOf(customer.locale), token });
  return { ok: true };
}
