import "server-only";
import { randomBytes } from "node:crypto";
import { cookies } from "next/headers";
import { hashToken } from "@/lib/server/crypto/token-hash";
import { TOKEN_TTL_MINUTES } from "@/lib/server/identity/tokens";
import { authCookie } from "./auth-cookies";

/**
 * The browser that submitted a sign-up (docs/decisions/0056): a random value and the address as
 * typed, HttpOnly, for as long as the verification link lives. Set on every sign-up that passed
 * validation, whether the address was new or not, so the cookie reveals no account. The check-email
 * page shows the address from it; the SHA-256 of the random value is stored with the verification
 * link, so only this browser may resend, replace the address, or continue signed in after confirming.
 */
export const REGISTRATION_COOKIE = "portal_registration";

export type RegistrationCookie = { email: string; binding: string };

const registrationCookie = () => authCookie(REGISTRATION_COOKIE);

/** A new cookie value for the address typed; `binding` is what the verification link stores. */
export function newRegistrationCookie(email: string): { value: string; binding: string } {
  const nonce = randomBytes(32).toString("base64url");
  return {
    value: `${nonce}.${Buffer.from(email.trim(), "utf8").toString("base64url")}`,
    binding: hashToken(nonce),
  };
}

/** Sets the cookie once the sign-up was accepted (a refused password leaves the last one in place). */
export async function setRegistrationCookie(cookie: { value: string }): Promise<void> {
  const { name, path, secure } = registrationCookie();
  (await cookies()).set(name, cookie.value, {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path,
    maxAge: TOKEN_TTL_MINUTES.EMAIL_VERIFICATION * 60,
  });
}

/** The address typed at this browser's last sign-up and its binding; null without (or with a bad) cookie. */
export async function readRegistrationCookie(): Promise<RegistrationCookie | null> {
  const value = (await cookies()).get(registrationCookie().name)?.value;
  const [nonce, encoded, extra] = value?.split(".") ?? [];
  if (!nonce || !encoded || extra !== undefined || nonce.length !== 43 || encoded.length > 400) return null;
  const email = Buffer.from(encoded, "base64url").toString("utf8");
  if (!email.includes("@") || email.length > 254) return null;
  return { email, binding: hashToken(nonce) };
}

export async function clearRegistrationCookie(): Promise<void> {
  const { name, path, secure } = registrationCookie();
  (await cookies()).set(name, "", { httpOnly: true, sameSite: "lax", secure, path, maxAge: 0 });
}
