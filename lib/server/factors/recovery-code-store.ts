import "server-only";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import type { ClientInfo } from "@/lib/server/request/client-info";
import {
  generateRecoveryCodes,
  hashRecoveryCode,
  isRecoveryCodeShape,
  KEYED_HASH_PREFIX,
  rekeyLegacyHash,
} from "./recovery-codes";
import { db, type Tx } from "@/lib/db";
import { customerActor } from "@/lib/server/actor";

/**
 * Re-keys codes an older version stored as plain SHA-256 (docs/decisions/0025): of one user before
 * their codes are checked, of everyone in `npm run jobs`. Returns how many rows changed.
 */
export async function rekeyLegacyRecoveryCodes(
  where: { userId?: string } = {},
  { tx = db }: { tx?: Pick<Tx, "recoveryCode"> } = {},
): Promise<number> {
  const legacy = await tx.recoveryCode.findMany({
    where: { ...where, NOT: { codeHash: { startsWith: KEYED_HASH_PREFIX } } },
    select: { id: true, codeHash: true },
  });
  // One row at a time: a transaction holds one connection, and there are at most 10 per user.
  for (const row of legacy)
    await tx.recoveryCode.update({
      where: { id: row.id },
      data: { codeHash: rekeyLegacyHash(row.codeHash) },
    });
  return legacy.length;
}

/** Replaces the user's set with 10 new codes; returns them in clear this one time. */
export async function replaceRecoveryCodes(
  opts: { userId: string; client: ClientInfo },
  { tx = db }: { tx?: Tx } = {},
): Promise<string[]> {
  const codes = generateRecoveryCodes();
  await tx.recoveryCode.deleteMany({ where: { userId: opts.userId } });
  await tx.recoveryCode.createMany({
    data: codes.map((code) => ({ userId: opts.userId, codeHash: hashRecoveryCode(code) })),
  });
  await writeAuditEvent(tx, {
    type: "auth.recovery_codes_generated",
    actor: customerActor(opts.userId, opts.client),
    subject: opts.userId,
    metadata: { count: codes.length },
  });
  return codes;
}

/**
 * Uses one recovery code: conditional on `usedAt: null`, so of two concurrent uses only one wins.
 * Returns how many codes are left, or null when the code is unknown or already used.
 */
export async function consumeRecoveryCode(
  opts: { userId: string; code: string; client: ClientInfo },
  { tx = db }: { tx?: Tx } = {},
): Promise<number | null> {
  if (!isRecoveryCodeShape(opts.code)) return null;
  await rekeyLegacyRecoveryCodes({ userId: opts.userId }, { tx });
  const { count } = await tx.recoveryCode.updateMany({
    where: { userId: opts.userId, codeHash: hashRecoveryCode(opts.code), usedAt: null },
    data: { usedAt: new Date() },
  });
  if (count !== 1) return null;
  const left = await tx.recoveryCode.count({ where: { userId: opts.userId, usedAt: null } });
  await writeAuditEvent(tx, {
    type: "auth.recovery_code_used",
    actor: customerActor(opts.userId, opts.client),
    subject: opts.userId,
    metadata: { left },
  });
  return left;
}
