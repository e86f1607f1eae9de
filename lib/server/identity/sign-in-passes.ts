import "server-only";
/**
 * One-time passes the account holder grants from their mailbox to ONE browser (its long-lived
 * device cookie, stored hashed): "Das war ich" after a risk block (docs/decisions/0021) and the
 * unlock link past the account throttle (docs/decisions/0022). A pass is used up by the sign-in it
 * lets through, conditionally on `usedAt: null`, so two parallel sign-ins cannot both use it.
 */
import { hashToken } from "@/lib/server/crypto/token-hash";
import { db, type Tx } from "@/lib/db";

export type SignInPassKind = "RISK_RELEASE" | "THROTTLE_UNLOCK";

/** How long a granted pass waits for its sign-in: long enough to go back to the login page. */
export const SIGN_IN_PASS_TTL_MINUTES = 30;

export function deviceCookieHash(deviceCookieId: string): string {
  return hashToken(deviceCookieId);
}

export async function grantSignInPass(
  opts: { userId: string; kind: SignInPassKind; deviceCookieHash: string },
  { tx = db }: { tx?: Tx } = {},
): Promise<{ expiresAt: Date }> {
  const expiresAt = new Date(Date.now() + SIGN_IN_PASS_TTL_MINUTES * 60_000);
  await tx.signInPass.create({ data: { ...opts, expiresAt } });
  return { expiresAt };
}

function usable(kind: SignInPassKind, deviceCookieId: string) {
  return {
    kind,
    deviceCookieHash: deviceCookieHash(deviceCookieId),
    usedAt: null,
    expiresAt: { gt: new Date() },
  };
}

/** The user id of an open pass of this kind for this browser and typed address, or null. */
export async function findSignInPassByEmail(opts: {
  emailNormalized: string;
  kind: SignInPassKind;
  deviceCookieId: string;
}): Promise<string | null> {
  const pass = await db.signInPass.findFirst({
    where: { ...usable(opts.kind, opts.deviceCookieId), user: { emailNormalized: opts.emailNormalized } },
    select: { userId: true },
  });
  return pass?.userId ?? null;
}

/** Uses up one open pass of this kind for the user and browser; false when there is none. */
export async function spendSignInPass(opts: {
  userId: string;
  kind: SignInPassKind;
  deviceCookieId: string;
}): Promise<boolean> {
  const pass = await db.signInPass.findFirst({
    where: { userId: opts.userId, ...usable(opts.kind, opts.deviceCookieId) },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  if (!pass) return false;
  const { count } = await db.signInPass.updateMany({
    where: { id: pass.id, usedAt: null },
    data: { usedAt: new Date() },
  });
  return count === 1;
}

/** Withdraws every open pass of this kind (the person said a blocked sign-in was not them). */
export async function withdrawSignInPasses(
  opts: { userId: string; kind: SignInPassKind },
  { tx = db }: { tx?: Tx } = {},
): Promise<void> {
  await tx.signInPass.updateMany({
    where: { userId: opts.userId, kind: opts.kind, usedAt: null },
    data: { usedAt: new Date() },
  });
}
