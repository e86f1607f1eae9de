import "server-only";
/**
 * The emailed unlock link offered by the throttled sign-in form (docs/decisions/0022). While
 * strangers' guesses hold the account's bucket, the owner on a new browser asks for a link; the
 * browser that opens it and presses the button gets a one-time pass, and its next sign-ins count in
 * their own bucket until one succeeds. The password is still needed: the link proves the mailbox,
 * not the person's knowledge. Asking answers the same for every address (no enumeration).
 */
import { db } from "@/lib/db";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { consumeRateLimit, rateLimitIpSubject } from "@/lib/server/rate-limit/rate-limit";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { localeOf, sendMailInBackground } from "./notify";
import { RESPONSE_FLOOR_MS, withResponseFloor } from "./response-floor";
import { guardSignInLink, refuseSignInLink, type SignInLinkFailure } from "./risk-release";
import { deviceCookieHash, grantSignInPass, SIGN_IN_PASS_TTL_MINUTES } from "./sign-in-passes";
import { consumeToken, reissueToken, TOKEN_TTL_MINUTES, tokenLink } from "./tokens";
import { anonymousActor, customerActor } from "@/lib/server/actor";

export async function requestSignInUnlock(opts: {
  email: string;
  client: ClientInfo;
}): Promise<{ ok: true } | { ok: false; code: "RATE_LIMITED"; retryAfterSeconds: number }> {
  const emailNormalized = opts.email.trim().toLowerCase();
  for (const [policy, subject] of [
    ["signInUnlockIp", rateLimitIpSubject(opts.client.ip)],
    ["signInUnlockAccount", emailNormalized],
  ] as const) {
    const limit = await consumeRateLimit({ policy, subject });
    if (!limit.allowed)
      return { ok: false, code: "RATE_LIMITED", retryAfterSeconds: limit.retryAfterSeconds };
  }
  // The same work and wait as a reset request, known address or not.
  return withResponseFloor(RESPONSE_FLOOR_MS.resetRequest, async () => {
    const user = await db.user.findUnique({ where: { emailNormalized } });
    if (!user) return { ok: true as const };
    const token = await db.$transaction(async (tx) => {
      const token = await reissueToken({ userId: user.id, purpose: "SIGN_IN_UNLOCK" }, { tx });
      await writeAuditEvent(tx, {
        type: "auth.sign_in_unlock_requested",
        actor: anonymousActor(opts.client),
        subject: user.id,
      });
      return token;
    });
    sendMailInBackground({
      to: user.email,
      locale: localeOf(user.locale),
      template: {
        name: "sign-in-unlock",
        data: {
          url: tokenLink("/login/unlock", token),
          expiresMinutes: TOKEN_TTL_MINUTES.SIGN_IN_UNLOCK,
        },
      },
    });
    return { ok: true as const };
  });
}

/** The button on /login/unlock: binds the pass to the browser that pressed it. */
export async function redeemSignInUnlock(opts: {
  token: string;
  deviceCookieId: string;
  client: ClientInfo;
}): Promise<{ ok: true; validMinutes: number } | SignInLinkFailure> {
  const { client } = opts;
  const refused = await guardSignInLink(client);
  if (refused) return refused;
  const unlocked = await db.$transaction(async (tx) => {
    const used = await consumeToken({ token: opts.token, purpose: "SIGN_IN_UNLOCK" }, { tx });
    if (!used) return false;
    await grantSignInPass(
      {
        userId: used.userId,
        kind: "THROTTLE_UNLOCK",
        deviceCookieHash: deviceCookieHash(opts.deviceCookieId),
      },
      { tx },
    );
    await writeAuditEvent(tx, {
      type: "auth.sign_in_unlocked",
      actor: customerActor(used.userId, client),
      subject: used.userId,
      metadata: { validMinutes: SIGN_IN_PASS_TTL_MINUTES },
    });
    return true;
  });
  if (!unlocked) return refuseSignInLink("unlock", client);
  return { ok: true, validMinutes: SIGN_IN_PASS_TTL_MINUTES };
}
