import "server-only";
/**
 * Setting a password through a mailed link (a reset, a staff invitation). The hash is computed and
 * the common-password list loaded before the transaction, not while it holds the database. Inside
 * it the link is spent, the password checked against the policy with the account's own address,
 * and the caller's change applied; a rejected password rolls everything back, so the link stays
 * usable for a better one.
 */
import { db, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma-sqlite/client";
import {
  checkPasswordPolicy,
  loadCommonPasswords,
  type PasswordRejectReason,
} from "@/lib/server/passwords/common-passwords";
import { passwordContextWords } from "@/lib/server/passwords/context-words";
import { hashPassword } from "@/lib/server/passwords/password-hash";
import { consumeToken, type TokenPurpose } from "./tokens";

export type LinkUser = Prisma.UserGetPayload<object>;

export type PasswordByLinkResult<T> =
  | { ok: true; value: T }
  | { ok: false; code: "INVALID_TOKEN" }
  | { ok: false; code: "PASSWORD_REJECTED"; reason: PasswordRejectReason };

class RollBack extends Error {}

/**
 * Spends the link and runs `apply` with the account and `savePassword`, which stores the new hash
 * (the caller decides when: a reclaim removes every credential first). INVALID_TOKEN when the
 * link is unknown, used or expired.
 */
export async function setPasswordByLink<T>(
  opts: { token: string; purpose: TokenPurpose; password: string },
  apply: (tx: Tx, user: LinkUser, savePassword: () => Promise<void>) => Promise<T>,
): Promise<PasswordByLinkResult<T>> {
  const hash = await hashPassword(opts.password);
  await loadCommonPasswords();
  let rejected: PasswordRejectReason | undefined;
  const applied = await db
    .$transaction(async (tx) => {
      const used = await consumeToken({ token: opts.token, purpose: opts.purpose }, { tx });
      if (!used) return null;
      const user = await tx.user.findUniqueOrThrow({ where: { id: used.userId } });
      const policy = await checkPasswordPolicy({
        password: opts.password,
        email: user.emailNormalized,
        contextWords: passwordContextWords(),
      });
      if (!policy.ok) {
        rejected = policy.reason;
        throw new RollBack();
      }
      const savePassword = async () => {
        await tx.passwordCredential.upsert({
          where: { userId: user.id },
          create: { userId: user.id, hash },
          update: { hash, changedAt: new Date() },
        });
      };
      return { value: await apply(tx, user, savePassword) };
    })
    .catch((error: unknown) => {
      if (error instanceof RollBack) return null;
      throw error;
    });
  if (rejected) return { ok: false, code: "PASSWORD_REJECTED", reason: rejected };
  return applied ? { ok: true, value: applied.value } : { ok: false, code: "INVALID_TOKEN" };
}
