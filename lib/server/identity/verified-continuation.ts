import "server-only";
/**
 * After the verification link (docs/decisions/0056): the browser that registered continues signed
 * in, through the one door into a session; any other browser goes to the sign-in form. A used link
 * of an address that is proven by now says so kindly instead of "invalid".
 */
import { timingSafeEqual } from "node:crypto";
import { db } from "@/lib/db";
import { hashToken } from "@/lib/server/crypto/token-hash";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { completeSignIn, type SignInOutcome } from "./complete-sign-in";
import type { FirstFactor } from "./sign-in-factors";

const sameBinding = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Signs in the browser whose registration cookie matches the binding stored with the link just
 * confirmed; null for any other browser (or a link without binding). The factor is the account's
 * sign-up credential, which this browser presented when it registered; the door applies the risk
 * engine and may still ask for a second factor. Never a second-factor session (AAL1).
 */
export async function signInRegisteringBrowser(opts: {
  userId: string;
  registeredBy: string | null;
  browserBinding: string | null;
  deviceCookieId: string;
  client: ClientInfo;
}): Promise<SignInOutcome | null> {
  if (!opts.registeredBy || !opts.browserBinding || !sameBinding(opts.registeredBy, opts.browserBinding))
    return null;
  const user = await db.user.findUnique({
    where: { id: opts.userId },
    select: {
      emailVerifiedAt: true,
      passwordCredential: { select: { id: true } },
      passkeys: { select: { id: true }, orderBy: { createdAt: "asc" }, take: 1 },
    },
  });
  if (!user?.emailVerifiedAt) return null;
  const passkey = user.passkeys[0];
  const factor: FirstFactor | null = user.passwordCredential
    ? { method: "PASSWORD" }
    : passkey
      ? { method: "PASSKEY", passkeyId: passkey.id, userVerified: false }
      : null;
  if (!factor) return null;
  return completeSignIn({
    userId: opts.userId,
    factor,
    deviceCookieId: opts.deviceCookieId,
    client: opts.client,
    continuesRegistration: true,
  });
}

/**
 * True when `token` is a verification link that was used (or replaced) and its account's address
 * is proven now. Only the holder of a real link can ask; the answer names no address.
 */
export async function isUsedLinkOfProvenAddress(token: string): Promise<boolean> {
  if (!token || token.length > 200) return false;
  const row = await db.verificationToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { purpose: true, consumedAt: true, user: { select: { emailVerifiedAt: true } } },
  });
  return (
    row?.purpose === "EMAIL_VERIFICATION" && row.consumedAt !== null && row.user.emailVerifiedAt !== null
  );
}
