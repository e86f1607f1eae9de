import "server-only";
/**
 * Re-encrypts everything sealed with DATA_ENCRYPTION_KEY under an older key: IBANs (with their blind
 * index, which is keyed too), TOTP secrets and webhook signing secrets. Used by `npm run keys:rotate`
 * (scripts/rotate-encryption-key.ts) after an operator moved the old key to
 * DATA_ENCRYPTION_PREVIOUS_KEYS and set a new DATA_ENCRYPTION_KEY.
 *
 * Batched by the indexed key-id columns; each row is written with a compare-and-swap on its old
 * ciphertext, so a row the app changes meanwhile is left as the app wrote it (already current).
 * Idempotent: a second run finds nothing to do. Rows naming a key that is not configured are
 * counted and left alone (they could not be opened anyway).
 */
import type { EncryptionKey } from "@/lib/env";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { decryptWithKeys, encryptWithKey, envelopeKeyId } from "@/lib/server/crypto/encryption";
import { openIban, sealIban } from "./iban-crypto";
import { db as defaultDb, type Db } from "@/lib/db";
import { systemActor } from "@/lib/server/actor";

export type RotationCounts = { rotated: number; unknownKey: number; skipped: number };
export type RotationReport = {
  bankAccounts: RotationCounts;
  totpFactors: RotationCounts;
  webhookSecrets: RotationCounts;
  keyId: string;
};

export type RotationOptions = {
  current: EncryptionKey;
  previous: readonly EncryptionKey[];
  batchSize?: number;
  /** Progress lines for the command's output. */
  log?: (line: string) => void;
};

const empty = (): RotationCounts => ({ rotated: 0, unknownKey: 0, skipped: 0 });

async function rotateBankAccounts(db: Db, opts: Required<RotationOptions>): Promise<RotationCounts> {
  const counts = empty();
  const keys = [opts.current, ...opts.previous];
  const known = new Set(opts.previous.map((k) => k.id));
  let afterId: string | undefined;
  for (;;) {
    const batch = await db.bankAccount.findMany({
      where: { ibanKeyId: { not: opts.current.id }, ...(afterId ? { id: { gt: afterId } } : {}) },
      orderBy: { id: "asc" },
      take: opts.batchSize,
      select: { id: true, ibanCiphertext: true, ibanKeyId: true },
    });
    if (batch.length === 0) return counts;
    afterId = batch.at(-1)?.id;
    for (const row of batch) {
      if (!known.has(row.ibanKeyId)) {
        counts.unknownKey++;
        continue;
      }
      const sealed = sealIban(row.id, openIban(row.id, row.ibanCiphertext, keys), opts.current);
      const { count } = await db.bankAccount.updateMany({
        where: { id: row.id, ibanCiphertext: row.ibanCiphertext },
        data: sealed,
      });
      if (count === 1) counts.rotated++;
      else counts.skipped++;
    }
    opts.log(`  bank accounts: ${counts.rotated} re-encrypted so far`);
  }
}

async function rotateTotpFactors(db: Db, opts: Required<RotationOptions>): Promise<RotationCounts> {
  const counts = empty();
  const keys = [opts.current, ...opts.previous];
  const known = new Set(opts.previous.map((k) => k.id));
  let afterId: string | undefined;
  for (;;) {
    const batch = await db.totpFactor.findMany({
      where: { secretKeyId: { not: opts.current.id }, ...(afterId ? { id: { gt: afterId } } : {}) },
      orderBy: { id: "asc" },
      take: opts.batchSize,
      select: { id: true, secretCiphertext: true, secretKeyId: true },
    });
    if (batch.length === 0) return counts;
    afterId = batch.at(-1)?.id;
    for (const row of batch) {
      if (!known.has(row.secretKeyId)) {
        counts.unknownKey++;
        continue;
      }
      const secretCiphertext = encryptWithKey(decryptWithKeys(row.secretCiphertext, keys), opts.current);
      const { count } = await db.totpFactor.updateMany({
        where: { id: row.id, secretCiphertext: row.secretCiphertext },
        data: { secretCiphertext, secretKeyId: envelopeKeyId(secretCiphertext) },
      });
      if (count === 1) counts.rotated++;
      else counts.skipped++;
    }
    opts.log(`  TOTP secrets: ${counts.rotated} re-encrypted so far`);
  }
}

/** Webhook endpoints are few (admins register them): one read, no batches, no index needed. */
async function rotateWebhookSecrets(db: Db, opts: Required<RotationOptions>): Promise<RotationCounts> {
  const counts = empty();
  const keys = [opts.current, ...opts.previous];
  const known = new Set(opts.previous.map((k) => k.id));
  const rows = await db.webhookEndpoint.findMany({
    where: { secretKeyId: { not: opts.current.id } },
    select: { id: true, secretCiphertext: true, secretKeyId: true },
  });
  for (const row of rows) {
    if (!known.has(row.secretKeyId)) {
      counts.unknownKey++;
      continue;
    }
    const secretCiphertext = encryptWithKey(decryptWithKeys(row.secretCiphertext, keys), opts.current);
    const { count } = await db.webhookEndpoint.updateMany({
      where: { id: row.id, secretCiphertext: row.secretCiphertext },
      data: { secretCiphertext, secretKeyId: envelopeKeyId(secretCiphertext) },
    });
    if (count === 1) counts.rotated++;
    else counts.skipped++;
  }
  if (rows.length > 0) opts.log(`  webhook secrets: ${counts.rotated} re-encrypted`);
  return counts;
}

export async function rotateEncryptionKeys(
  options: RotationOptions,
  { tx: db = defaultDb }: { tx?: Db } = {},
): Promise<RotationReport> {
  const opts: Required<RotationOptions> = { batchSize: 200, log: () => {}, ...options };
  const bankAccounts = await rotateBankAccounts(db, opts);
  const totpFactors = await rotateTotpFactors(db, opts);
  const webhookSecrets = await rotateWebhookSecrets(db, opts);
  if (bankAccounts.rotated + totpFactors.rotated + webhookSecrets.rotated > 0) {
    await writeAuditEvent(db, {
      type: "bank_account.keys_rotated",
      actor: systemActor(),
      metadata: {
        keyId: opts.current.id,
        bankAccounts: bankAccounts.rotated,
        totpFactors: totpFactors.rotated,
        webhookSecrets: webhookSecrets.rotated,
      },
    });
  }
  return { bankAccounts, totpFactors, webhookSecrets, keyId: opts.current.id };
}
