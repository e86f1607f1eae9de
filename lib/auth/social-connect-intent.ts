import "server-only";
/**
 * Marks a social sign-in as "connect this provider to the account I am signed in to", started from
 * /account/security. The mark is a short-lived cookie bound to the session and the provider by an
 * HMAC, so a stale or copied cookie cannot turn an ordinary sign-in into a link to another account.
 */
import { cookies } from "next/headers";
import { getEnv } from "@/lib/env";
import { purposeMac, sameMac } from "@/lib/server/crypto/purpose-mac";

const CONNECT_COOKIE = "portal_social_connect";
// Only next-auth's callback route needs to see it.
const COOKIE_PATH = "/api/auth/callback";
const MAX_AGE_SECONDS = 10 * 60;

function mac(sessionId: string, provider: string): string {
  return purposeMac("portal/social-connect/v1", `${sessionId}\n${provider}`);
}

export async function setConnectIntent(sessionId: string, provider: string): Promise<void> {
  (await cookies()).set(CONNECT_COOKIE, `${provider}.${mac(sessionId, provider)}`, {
    httpOnly: true,
    // Lax still sends it on the provider's top-level redirect back to the callback.
    sameSite: "lax",
    secure: getEnv().secureCookies,
    path: COOKIE_PATH,
    maxAge: MAX_AGE_SECONDS,
  });
}

/** Whether this callback completes a connect started in `sessionId` for `provider`; clears the mark. */
export async function takeConnectIntent(sessionId: string | null, provider: string): Promise<boolean> {
  const jar = await cookies();
  const value = jar.get(CONNECT_COOKIE)?.value;
  if (value === undefined) return false;
  jar.set(CONNECT_COOKIE, "", {
    path: COOKIE_PATH,
    maxAge: 0,
    httpOnly: true,
    secure: getEnv().secureCookies,
  });
  if (!sessionId) return false;
  const [key, given] = value.split(".", 2);
  if (key !== provider || !given) return false;
  return sameMac(mac(sessionId, provider), given);
}
