import "server-only";
/**
 * Marks a social sign-in as "connect this provider to the account I am signed in to", started from
 * /account/security. The mark is a short-lived cookie bound to the session and the provider by an
 * HMAC, so a stale or copied cookie cannot turn an ordinary sign-in into a link to another account.
 */
import { cookies } from "next/headers";
import { purposeMac, sameMac } from "@/lib/server/crypto/purpose-mac";
import { authCookie } from "./auth-cookies";

// Only next-auth's callback route needs to see it; on https a __Host- cookie needs Path=/.
const connectCookie = () => authCookie("portal_social_connect", { path: "/api/auth/callback" });
const MAX_AGE_SECONDS = 10 * 60;

function mac(sessionId: string, provider: string): string {
  return purposeMac("portal/social-connect/v1", `${sessionId}\n${provider}`);
}

export async function setConnectIntent(sessionId: string, provider: string): Promise<void> {
  const { name, path, secure } = connectCookie();
  (await cookies()).set(name, `${provider}.${mac(sessionId, provider)}`, {
    httpOnly: true,
    // Lax still sends it on the provider's top-level redirect back to the callback.
    sameSite: "lax",
    secure,
    path,
    maxAge: MAX_AGE_SECONDS,
  });
}

/** Whether this callback completes a connect started in `sessionId` for `provider`; clears the mark. */
export async function takeConnectIntent(sessionId: string | null, provider: string): Promise<boolean> {
  const jar = await cookies();
  const { name, path, secure } = connectCookie();
  const value = jar.get(name)?.value;
  if (value === undefined) return false;
  jar.set(name, "", { path, maxAge: 0, httpOnly: true, sameSite: "lax", secure });
  if (!sessionId) return false;
  const [key, given] = value.split(".", 2);
  if (key !== provider || !given) return false;
  return sameMac(mac(sessionId, provider), given);
}
