import "server-only";
/**
 * What support may do to a customer's account (issue 12, docs/decisions/0042): lock and unlock,
 * sign out everywhere, send a password-reset mail, resend the verification mail. Each needs the
 * agent to have opened the customer (access.ts) and a reason, and writes a `support.*` event with
 * the reason in the transaction of the change; mails go out after the commit. Nothing here edits
 * personal data, consents or bank details, and nothing hands a token or secret to the agent.
 */
import { db, type Tx } from "@/lib/db";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import type { StaffActor } from "@/lib/server/actor";
import type { AuditEventType } from "@/lib/server/audit/event-types";
import { localeOf, sendMailInBackground } from "@/lib/server/identity/notify";
import { sendVerificationMail } from "@/lib/server/identity/registration-steps";
import { reissueToken, TOKEN_TTL_MINUTES, tokenLink } from "@/lib/server/identity/tokens";
import { revokeSessions } from "@/lib/server/sessions/sessions";
import { permittedCustomer, type SupportCustomer } from "./access";

export type SupportActionInput = { customerId: string; reason: string };
export type SupportActionResult =
  | { ok: true }
  | {
      ok: false;
      code: "NOT_FOUND" | "ACCESS_REQUIRED" | "ALREADY_LOCKED" | "NOT_LOCKED" | "ALREADY_VERIFIED";
    };

type Customer = SupportCustomer;
type Refusal = Extract<SupportActionResult, { ok: false }>["code"];

/**
 * The one shape of every support action: the customer must exist and have been opened by this
 * agent, `refuse` may turn the request down on the customer's state, and `change` runs in one
 * transaction with the `support.*` event (the reason and `change`'s extra metadata). `after` runs
 * once the change is committed (mails).
 */
async function supportAction<T = undefined>(
  actor: StaffActor,
  input: SupportActionInput,
  step: {
    type: AuditEventType;
    refuse?: (customer: Customer) => Refusal | null;
    change: (tx: Tx, customer: Customer) => Promise<{ extra?: Record<string, unknown>; value: T }>;
    after?: (customer: Customer, value: T) => void;
  },
): Promise<SupportActionResult> {
  const found = await permittedCustomer(actor, input.customerId);
  if (!found.ok) return found;
  const { customer } = found;
  const refused = step.refuse?.(customer);
  if (refused) return { ok: false, code: refused };
  const done = await db.$transaction(async (tx) => {
    const result = await step.change(tx, customer);
    await writeAuditEvent(tx, {
      type: step.type,
      actor,
      subject: customer.id,
      metadata: { reason: input.reason, ...result.extra },
    });
    return result;
  });
  step.after?.(customer, done.value);
  return { ok: true };
}

/** Locks the account: no sign-in (the door says to contact service) and every session ends. */
export function lockCustomer(actor: StaffActor, input: SupportActionInput): Promise<SupportActionResult> {
  return supportAction(actor, input, {
    type: "support.account_locked",
    refuse: (customer) => (customer.status === "LOCKED" ? "ALREADY_LOCKED" : null),
    change: async (tx, customer) => {
      await tx.user.update({
        where: { id: customer.id },
        data: { status: "LOCKED", lockedAt: new Date(), lockReason: input.reason },
      });
      const sessions = await revokeSessions({ userId: customer.id, reason: "ACCOUNT_LOCKED" }, { tx });
      return { extra: { sessionsEnded: sessions }, value: undefined };
    },
  });
}

export function unlockCustomer(actor: StaffActor, input: SupportActionInput): Promise<SupportActionResult> {
  return supportAction(actor, input, {
    type: "support.account_unlocked",
    refuse: (customer) => (customer.status !== "LOCKED" ? "NOT_LOCKED" : null),
    change: async (tx, customer) => {
      await tx.user.update({
        where: { id: customer.id },
        data: { status: "ACTIVE", lockedAt: null, lockReason: null },
      });
      return { value: undefined };
    },
  });
}

export function signOutCustomerEverywhere(
  actor: StaffActor,
  input: SupportActionInput,
): Promise<SupportActionResult> {
  return supportAction(actor, input, {
    type: "support.sessions_revoked",
    change: async (tx, customer) => {
      const sessions = await revokeSessions({ userId: customer.id, reason: "REVOKED_BY_SUPPORT" }, { tx });
      return { extra: { sessionsEnded: sessions }, value: undefined };
    },
  });
}

/** The customer's ordinary reset mail; the link goes to their mailbox only, never to the agent. */
export function sendPasswordResetToCustomer(
  actor: StaffActor,
  input: SupportActionInput,
): Promise<SupportActionResult> {
  return supportAction<string>(actor, input, {
    type: "support.password_reset_sent",
    change: async (tx, customer) => ({
      value: await reissueToken({ userId: customer.id, purpose: "PASSWORD_RESET" }, { tx }),
    }),
    after: (customer, token) =>
      sendMailInBackground({
        to: customer.email,
        locale: localeOf(customer.locale),
        template: {
          name: "password-reset",
          data: {
            url: tokenLink("/reset-password", token),
            expiresMinutes: TOKEN_TTL_MINUTES.PASSWORD_RESET,
          },
        },
      }),
  });
}

export function resendVerificationToCustomer(
  actor: StaffActor,
  input: SupportActionInput,
): Promise<SupportActionResult> {
  return supportAction<string>(actor, input, {
    type: "support.verification_sent",
    refuse: (customer) => (customer.emailVerifiedAt ? "ALREADY_VERIFIED" : null),
    change: async (tx, customer) => ({
      value: await reissueToken({ userId: customer.id, purpose: "EMAIL_VERIFICATION" }, { tx }),
    }),
    after: (customer, token) =>
      sendVerificationMail({ to: customer.email, locale: localeOf(customer.locale), token: token }),
  });
}
