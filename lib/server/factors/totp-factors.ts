import "server-only";
/**
 * A user's authenticator app: enrolment (secret sealed with DATA_ENCRYPTION_KEY), confirmation with
 * a first code, verification without replay, and removal. Recovery codes are issued with it.
 */
import { db, type Tx } from "@/lib/db";
import { decryptValue, encryptValue, envelopeKeyId } from "@/lib/server/crypto/encryption";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { notifyFactorChange } from "@/lib/server/identity/notify";
import { requireProvenAddress } from "@/lib/server/identity/mailbox-proof";
import { voidLinksAfterChange } from "@/lib/server/identity/tokens";
import { customerActor } from "@/lib/server/actor";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { replaceRecoveryCodes } from "./recovery-code-store";
import { formatTotpSecret, generateTotpSecret, matchTotpStep, totpUri } from "./totp";

export type TotpStatus =
  | { state: "none" }
  | { state: "enrolling"; secretGrouped: string; uri: string }
  | { state: "active"; confirmedAt: Date; recoveryCodesLeft: number };

export async function getTotpStatus(userId: string): Promise<TotpStatus> {
  const factor = await db.totpFactor.findUnique({ where: { userId }, include: { user: true } });
  if (!factor) return { state: "none" };
  if (factor.confirmedAt) {
    const recoveryCodesLeft = await db.recoveryCode.count({ where: { userId, usedAt: null } });
    return { state: "active", confirmedAt: factor.confirmedAt, recoveryCodesLeft };
  }
  const secret = decryptValue(factor.secretCiphertext);
  return {
    state: "enrolling",
    secretGrouped: formatTotpSecret(secret),
    uri: totpUri({ secret, label: factor.user.email, digits: factor.digits, period: factor.period }),
  };
}

/**
 * Starts (or restarts) an enrolment; a confirmed factor is left alone. Refused while the address
 * is unproven (decision 0018), as are confirming and new recovery codes below.
 */
export async function startTotpEnrolment(userId: string): Promise<void> {
  await requireProvenAddress(userId);
  const existing = await db.totpFactor.findUnique({ where: { userId }, select: { confirmedAt: true } });
  if (existing?.confirmedAt) return;
  const secretCiphertext = encryptValue(generateTotpSecret());
  const sealed = { secretCiphertext, secretKeyId: envelopeKeyId(secretCiphertext), lastUsedStep: null };
  await db.totpFactor.upsert({ where: { userId }, create: { userId, ...sealed }, update: sealed });
}

/**
 * Accepts `code` for the user's factor (confirmed or, with `allowUnconfirmed`, being enrolled) and
 * records its step, conditional on the step being newer than the last one: a code replayed in the
 * same 30 s, even by a parallel request, is refused.
 */
export async function acceptTotpCode(
  opts: { userId: string; code: string; allowUnconfirmed?: boolean },
  { tx = db }: { tx?: Tx | typeof db } = {},
): Promise<boolean> {
  const factor = await tx.totpFactor.findUnique({ where: { userId: opts.userId } });
  if (!factor || (!factor.confirmedAt && !opts.allowUnconfirmed)) return false;
  const step = matchTotpStep({
    secret: decryptValue(factor.secretCiphertext),
    code: opts.code,
    algorithm: factor.algorithm,
    digits: factor.digits,
    period: factor.period,
  });
  if (step === null) return false;
  const { count } = await tx.totpFactor.updateMany({
    where: { id: factor.id, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: step } }] },
    data: { lastUsedStep: step, lastUsedAt: new Date() },
  });
  return count === 1;
}

/** Confirms the enrolment with a first code; returns the new recovery codes (shown once) or null. */
export async function confirmTotpEnrolment(opts: {
  userId: string;
  client: ClientInfo;
  code: string;
}): Promise<string[] | null> {
  await requireProvenAddress(opts.userId);
  if (!(await acceptTotpCode({ userId: opts.userId, code: opts.code, allowUnconfirmed: true }))) return null;
  const codes = await db.$transaction(async (tx) => {
    await requireProvenAddress(opts.userId, { tx });
    await tx.totpFactor.update({ where: { userId: opts.userId }, data: { confirmedAt: new Date() } });
    await voidLinksAfterChange({ userId: opts.userId, change: "credential" }, { tx });
    await writeAuditEvent(tx, auditOf(opts, "auth.totp_enabled"));
    return replaceRecoveryCodes(opts, { tx });
  });
  notifyFactorChange(opts.userId, "factor-added", "totp");
  return codes;
}

/** A new set of recovery codes (the old set stops working); null without an active factor. */
export async function regenerateRecoveryCodes(opts: {
  userId: string;
  client: ClientInfo;
}): Promise<string[] | null> {
  const codes = await db.$transaction(async (tx) => {
    await requireProvenAddress(opts.userId, { tx });
    const factor = await tx.totpFactor.findUnique({ where: { userId: opts.userId } });
    if (!factor?.confirmedAt) return null;
    await voidLinksAfterChange({ userId: opts.userId, change: "credential" }, { tx });
    return replaceRecoveryCodes(opts, { tx });
  });
  if (codes) notifyFactorChange(opts.userId, "factor-added", "recoveryCodes");
  return codes;
}

/**
 * Removes the factor and its recovery codes. The caller has checked that the session's last
 * authentication used the strongest factor (lib/auth/step-up.ts); `confirmedWith` names it for the
 * audit. False when there was no factor.
 */
export async function disableTotp(opts: {
  userId: string;
  client: ClientInfo;
  confirmedWith: readonly string[];
}): Promise<boolean> {
  const removed = await db.$transaction(async (tx) => {
    const { count } = await tx.totpFactor.deleteMany({ where: { userId: opts.userId } });
    await tx.recoveryCode.deleteMany({ where: { userId: opts.userId } });
    if (count > 0) {
      await voidLinksAfterChange({ userId: opts.userId, change: "credential" }, { tx });
      await writeAuditEvent(tx, {
        ...auditOf(opts, "auth.totp_disabled"),
        metadata: { confirmedWith: [...opts.confirmedWith] },
      });
    }
    return count > 0;
  });
  if (removed) notifyFactorChange(opts.userId, "factor-removed", "totp");
  return removed;
}

function auditOf(
  holder: { userId: string; client: ClientInfo },
  type: "auth.totp_enabled" | "auth.totp_disabled",
) {
  return {
    type,
    actor: customerActor(holder.userId, holder.client),
    subject: holder.userId,
    target: { type: "TotpFactor" },
  };
}
