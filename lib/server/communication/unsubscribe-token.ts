import "server-only";
/**
 * The token of the unsubscribe link in every marketing mail: `u1.<userId>.<HMAC>`. It needs no
 * sign-in and no database row, so it works in any mail ever sent (RFC 8058 expects the link to keep
 * working) and costs nothing to issue per mail. The MAC key is derived from AUTH_SECRET for this
 * one purpose, so a MAC made for another feature (social connect, passkey sign-up) never verifies
 * here. What the token allows is deliberately small: ending that person's email newsletter.
 * Rotating AUTH_SECRET voids the links in old mails; the portal settings still work.
 */
import { getEnv } from "@/lib/env";
import { purposeMac, sameMac } from "@/lib/server/crypto/purpose-mac";

const VERSION = "u1";
const KEY_LABEL = "portal/newsletter-unsubscribe/v1";
// cuid() ids; anything else is refused before any MAC is computed.
const USER_ID = /^[a-z0-9]{10,40}$/i;

function mac(secret: string, userId: string): string {
  return purposeMac(KEY_LABEL, `${VERSION}\n${userId}`, secret);
}

/** Pure (secret passed in), for tests; the app uses signUnsubscribeToken. */
export function signUnsubscribeTokenWith(secret: string, userId: string): string {
  if (!USER_ID.test(userId)) throw new Error("unsubscribe token: unexpected user id format");
  return `${VERSION}.${userId}.${mac(secret, userId)}`;
}

/** The user id the token was signed for, or null when it is malformed or its MAC does not match. */
export function verifyUnsubscribeTokenWith(secret: string, token: string): string | null {
  if (typeof token !== "string" || token.length > 200) return null;
  const [version, userId, given, ...rest] = token.split(".");
  if (version !== VERSION || !userId || !given || rest.length > 0 || !USER_ID.test(userId)) return null;
  return sameMac(mac(secret, userId), given) ? userId : null;
}

export function signUnsubscribeToken(userId: string): string {
  return signUnsubscribeTokenWith(getEnv().authSecret, userId);
}

export function verifyUnsubscribeToken(token: string): string | null {
  return verifyUnsubscribeTokenWith(getEnv().authSecret, token);
}

/** The link a marketing mail carries (body and List-Unsubscribe header alike). */
export function unsubscribeUrl(userId: string): string {
  return `${getEnv().appUrl.replace(/\/+$/, "")}/newsletter/unsubscribe?token=${encodeURIComponent(signUnsubscribeToken(userId))}`;
}
