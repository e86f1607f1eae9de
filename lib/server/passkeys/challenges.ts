import "server-only";
/**
 * WebAuthn challenges as database rows, so the instance that verifies an answer need not be the
 * one that issued the challenge (several app instances behind a load balancer). A challenge is
 * consumed with a conditional update (`consumedAt: null`): of two concurrent verifications, across
 * instances, exactly one wins; the loser sees count 0 and fails.
 */
import { randomBytes } from "node:crypto";
import { withTransientRetry } from "@/lib/db/db-retry";
import { db as defaultDb, type Tx } from "@/lib/db";

/** TRANSACTION rows are written and consumed by lib/server/transactions, linked to their transaction. */
export type ChallengePurpose = "REGISTRATION" | "AUTHENTICATION" | "STEP_UP" | "TRANSACTION";

/** Short enough that a stolen page state is useless soon, long enough for a fingerprint or PIN. */
export const CHALLENGE_TTL_MS = 5 * 60 * 1000;

export async function issueChallenge(
  opts: { purpose: ChallengePurpose; challenge?: string; userId?: string | null; now?: Date },
  { tx: db = defaultDb }: { tx?: Tx } = {},
): Promise<string> {
  // The options generator picks the challenge; tests may let this module pick one.
  const challenge = opts.challenge ?? randomBytes(32).toString("base64url");
  const now = opts.now ?? new Date();
  await withTransientRetry(() =>
    db.webAuthnChallenge.create({
      data: {
        challenge,
        purpose: opts.purpose,
        userId: opts.userId ?? null,
        expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS),
      },
    }),
  );
  return challenge;
}

/**
 * Marks the challenge used if it exists, has this purpose (and user, when given), is unexpired and
 * unused. Returns whether this call consumed it; any other answer means "reject the response".
 */
export async function consumeChallenge(
  opts: { challenge: string; purpose: ChallengePurpose; userId?: string | null; now?: Date },
  { tx: db = defaultDb }: { tx?: Tx } = {},
): Promise<boolean> {
  const now = opts.now ?? new Date();
  const { count } = await withTransientRetry(() =>
    db.webAuthnChallenge.updateMany({
      where: {
        challenge: opts.challenge,
        purpose: opts.purpose,
        consumedAt: null,
        expiresAt: { gt: now },
        ...(opts.userId !== undefined ? { userId: opts.userId } : {}),
      },
      data: { consumedAt: now },
    }),
  );
  return count === 1;
}

/** Periodic cleanup (the jobs runner calls it with the other pruners). */
export async function pruneWebAuthnChallenges(
  { now = new Date() }: { now?: Date } = {},
  { tx: db = defaultDb }: { tx?: Tx } = {},
): Promise<number> {
  const { count } = await db.webAuthnChallenge.deleteMany({
    where: { expiresAt: { lt: now }, transactionId: null },
  });
  return count;
}
