import "server-only";
/**
 * Changing (or, for a passkey-only or social account, setting) the password from /account/security.
 * The caller has stepped up, which is the proof of the old password. Other sessions end, as after
 * a reset, open reset and email-change links die, and the account holder gets a notice. Setting a
 * first password adds a credential, which an account with an unproven address may not (decision
 * 0018); replacing its one password is fine.
 */
import { hashPassword } from "@/lib/server/passwords/password-hash";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { checkPasswordPolicy, type PasswordRejectReason } from "@/lib/server/passwords/common-passwords";
import { passwordContextWords } from "@/lib/server/passwords/context-words";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { revokeSessions } from "@/lib/server/sessions/sessions";
import { isAddressProven } from "./mailbox-proof";
import { localeOf, sendMailInBackground, sendSecurityPushInBackground } from "./notify";
import { voidLinksAfterChange } from "./tokens";
import { customerActor } from "@/lib/server/actor";

export type ChangePasswordResult =
  | { ok: true; sessionsRevoked: number }
  | { ok: false; code: "PASSWORD_REJECTED"; reason: PasswordRejectReason }
  | { ok: false; code: "ADDRESS_UNPROVEN" };

export async function changePassword(
  actor: { userId: string; sessionId: string; client: ClientInfo },
  newPassword: string,
): Promise<ChangePasswordResult> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: actor.userId },
    select: { id: true, email: true, emailNormalized: true, locale: true },
  });
  const policy = await checkPasswordPolicy({
    password: newPassword,
    email: user.emailNormalized,
    contextWords: passwordContextWords(),
  });
  if (!policy.ok) return { ok: false, code: "PASSWORD_REJECTED", reason: policy.reason };
  const hash = await hashPassword(newPassword);
  const sessionsRevoked = await db.$transaction(async (tx) => {
    const existing = await tx.passwordCredential.findUnique({ where: { userId: user.id } });
    if (!existing && !(await isAddressProven(user.id, { tx }))) return null;
    await tx.passwordCredential.upsert({
      where: { userId: user.id },
      create: { userId: user.id, hash },
      update: { hash, changedAt: new Date() },
    });
    const revoked = await revokeSessions(
      {
        userId: user.id,
        reason: "PASSWORD_CHANGED",
        exceptSessionId: actor.sessionId,
      },
      { tx },
    );
    await voidLinksAfterChange({ userId: user.id, change: "credential" }, { tx });
    await writeAuditEvent(tx, {
      type: "auth.password_changed",
      actor: customerActor(user.id, actor.client),
      subject: user.id,
      metadata: { sessionsRevoked: revoked, replacedExisting: existing !== null },
    });
    return revoked;
  });
  if (sessionsRevoked === null) return { ok: false, code: "ADDRESS_UNPROVEN" };
  sendMailInBackground({
    to: user.email,
    locale: localeOf(user.locale),
    template: {
      name: "password-changed",
      data: { time: new Date(), resetUrl: `${getEnv().appUrl}/forgot-password` },
    },
  });
  sendSecurityPushInBackground(user.id, "passwordChanged");
  return { ok: true, sessionsRevoked };
}

/** Whether the account has a password: an unproven account may replace it, not set a first one. */
export async function hasPassword(userId: string): Promise<boolean> {
  return (await db.passwordCredential.count({ where: { userId } })) > 0;
}
