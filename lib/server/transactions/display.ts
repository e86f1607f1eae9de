import "server-only";
/**
 * What a page needs to show a transaction for confirmation: the details as stored (checked against
 * the kind's schema), the hash of exactly what is shown, and which method the customer can use.
 */
import type { ClientInfo } from "@/lib/server/request/client-info";
import { hashDetails } from "./binding";
import { createTransaction } from "./create-transaction";
import { TRANSACTION_KINDS, type TransactionKind } from "./kinds";
import { db as defaultDb, type Db } from "@/lib/db";

/** PASSKEY when the customer has one, else TOTP with an active authenticator app, else NONE. */
export type AvailableConfirmationMethod = "PASSKEY" | "TOTP" | "NONE";

export type DisplayedTransaction<K extends TransactionKind> = {
  id: string;
  kind: K;
  details: ReturnType<(typeof TRANSACTION_KINDS)[K]["details"]["parse"]>;
  /** Hash of the details as rendered; the confirmation must match it. */
  shownHash: string;
  expiresAt: Date;
};

/** A pending transaction this close to expiry is not offered any more: a new one is opened. */
const MIN_TIME_LEFT_MS = 60 * 1000;

export async function availableConfirmationMethod(
  userId: string,
  { tx: db = defaultDb }: { tx?: Db } = {},
): Promise<AvailableConfirmationMethod> {
  const [passkeys, totp] = await Promise.all([
    db.passkey.count({ where: { userId } }),
    db.totpFactor.findUnique({ where: { userId }, select: { confirmedAt: true } }),
  ]);
  if (passkeys > 0) return "PASSKEY";
  return totp?.confirmedAt ? "TOTP" : "NONE";
}

/**
 * The session's newest pending transaction of this kind with time left, or a new one with
 * `newDetails()`. Details that no longer fit the kind's schema are not shown (a new one is opened;
 * the old one can only expire or be rejected).
 */
export async function pendingTransactionFor<K extends TransactionKind>(
  opts: {
    userId: string;
    sessionId: string;
    kind: K;
    newDetails: () => unknown;
    client?: ClientInfo;
    now?: Date;
  },
  { tx: db = defaultDb }: { tx?: Db } = {},
): Promise<DisplayedTransaction<K>> {
  const now = opts.now ?? new Date();
  const schema = TRANSACTION_KINDS[opts.kind].details;
  const existing = await db.transactionConfirmation.findFirst({
    where: {
      userId: opts.userId,
      sessionId: opts.sessionId,
      kind: opts.kind,
      status: "PENDING",
      expiresAt: { gt: new Date(now.getTime() + MIN_TIME_LEFT_MS) },
    },
    orderBy: { createdAt: "desc" },
    select: { id: true, details: true, expiresAt: true },
  });
  const parsed = existing ? schema.safeParse(existing.details) : null;
  if (existing && parsed?.success) {
    const details = parsed.data as DisplayedTransaction<K>["details"];
    return {
      id: existing.id,
      kind: opts.kind,
      details,
      shownHash: hashDetails(details),
      expiresAt: existing.expiresAt,
    };
  }
  const created = await createTransaction(
    {
      userId: opts.userId,
      sessionId: opts.sessionId,
      kind: opts.kind,
      details: opts.newDetails(),
      client: opts.client,
      now,
    },
    { tx: db },
  );
  return {
    id: created.id,
    kind: opts.kind,
    details: created.details as DisplayedTransaction<K>["details"],
    shownHash: hashDetails(created.details),
    expiresAt: created.expiresAt,
  };
}
