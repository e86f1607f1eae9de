import "server-only";
/**
 * Opens a transaction confirmation: the details exactly as they will be shown, their hash, a fresh
 * server nonce and the WebAuthn challenge derived from both, stored as a TRANSACTION challenge row
 * linked to the transaction. The challenge is fixed here, at creation: whatever happens to the
 * stored details later, the customer's passkey signs this challenge, and the confirming request
 * recomputes it from the details it is about to execute.
 */
import { randomBytes } from "node:crypto";
import { withTransientRetry } from "@/lib/db/db-retry";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { deriveTransactionChallenge, hashDetails, type TransactionDetails } from "./binding";
import { transactionKind, type TransactionKind } from "./kinds";
import { db as defaultDb, type Db } from "@/lib/db";
import { customerActor } from "@/lib/server/actor";

/** As long as a WebAuthn challenge lives: long enough to read the details and touch the sensor. */
export const TRANSACTION_TTL_MS = 5 * 60 * 1000;

export type CreatedTransaction = {
  id: string;
  kind: TransactionKind;
  details: TransactionDetails;
  detailsHash: string;
  expiresAt: Date;
};

export async function createTransaction(
  opts: {
    userId: string;
    sessionId: string;
    kind: TransactionKind;
    details: unknown;
    client?: ClientInfo;
    now?: Date;
  },
  { tx: db = defaultDb }: { tx?: Db } = {},
): Promise<CreatedTransaction> {
  const definition = transactionKind(opts.kind);
  // A kind without its executor could be confirmed but never carried out: refuse it up front.
  if (!definition.execute) throw new Error(`Transaction kind "${opts.kind}" has no executor yet`);
  const details = definition.details.parse(opts.details);
  const detailsHash = hashDetails(details);
  const nonce = randomBytes(32).toString("base64url");
  const challenge = deriveTransactionChallenge({ kind: opts.kind, detailsHash, nonce });
  const now = opts.now ?? new Date();
  const expiresAt = new Date(now.getTime() + TRANSACTION_TTL_MS);

  const id = await withTransientRetry(() =>
    db.$transaction(async (tx) => {
      const row = await tx.transactionConfirmation.create({
        data: {
          userId: opts.userId,
          sessionId: opts.sessionId,
          kind: opts.kind,
          details,
          detailsHash,
          nonce,
          expiresAt,
          webauthnChallenges: {
            create: { challenge, purpose: "TRANSACTION", userId: opts.userId, expiresAt },
          },
        },
        select: { id: true },
      });
      await writeAuditEvent(tx, {
        type: "transaction.created",
        actor: customerActor(opts.userId, opts.client),
        subject: opts.userId,
        target: { type: "TransactionConfirmation", id: row.id },
        metadata: { kind: opts.kind, detailsHash },
      });
      return row.id;
    }),
  );
  return { id, kind: opts.kind, details, detailsHash, expiresAt };
}
