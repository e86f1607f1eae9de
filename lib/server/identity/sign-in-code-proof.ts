import "server-only";
/**
 * An e-mailed sign-in code proves the mailbox (docs/decisions/0057). On an unproven account the
 * sign-in that passed it verifies the address through the reclaim of decision 0018
 * (mailbox-proof.ts), which keeps this sign-in — its session, its device, the credential its first
 * step used — and ends every other way in that was set up before it.
 */
import { db, type Tx } from "@/lib/db";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { reclaimUnprovenAccount, type MailboxProof, type ReclaimReport } from "./mailbox-proof";
import type { PendingFirstFactor } from "./pending-sign-in";

type Kept = Extract<MailboxProof, { kind: "SIGN_IN_CODE" }>["keep"];

/** The credential the first step used: the password, or the most recently used passkey or identity. */
async function usedCredential(tx: Tx, userId: string, firstFactor: PendingFirstFactor): Promise<Kept> {
  const newest = { where: { userId }, orderBy: { lastUsedAt: "desc" as const }, select: { id: true } };
  if (firstFactor === "PASSWORD") return { password: true };
  if (firstFactor === "PASSKEY") {
    const passkey = await tx.passkey.findFirst(newest);
    return passkey ? { passkeyId: passkey.id } : null;
  }
  const identity = await tx.socialIdentity.findFirst(newest);
  return identity ? { socialIdentityId: identity.id } : null;
}

/** Null when the address was proven already (nothing to do) or another proof won the race. */
export async function proveMailboxBySignInCode(opts: {
  userId: string;
  sessionId: string;
  firstFactor: PendingFirstFactor;
  client: ClientInfo;
}): Promise<ReclaimReport | null> {
  return db
    .$transaction(async (tx) => {
      const user = await tx.user.findUnique({
        where: { id: opts.userId },
        select: { emailVerifiedAt: true },
      });
      if (!user || user.emailVerifiedAt) return null;
      const session = await tx.session.findUnique({
        where: { id: opts.sessionId },
        select: { deviceId: true },
      });
      const proof: MailboxProof = {
        kind: "SIGN_IN_CODE",
        sessionId: opts.sessionId,
        deviceId: session?.deviceId ?? null,
        keep: await usedCredential(tx, opts.userId, opts.firstFactor),
      };
      return reclaimUnprovenAccount({ userId: opts.userId, client: opts.client, proof }, { tx });
    })
    .catch(async (error: unknown) => {
      // A concurrent proof (a reset, another code) committed first: the address is proven, done.
      if (await isProvenNow(opts.userId)) return null;
      throw error;
    });
}

async function isProvenNow(userId: string): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { emailVerifiedAt: true } });
  return user?.emailVerifiedAt != null;
}
