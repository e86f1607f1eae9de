import "server-only";
/**
 * The two answers to the mail about a blocked sign-in (docs/decisions/0021). Opening a link changes
 * nothing (mail scanners fetch links); the button on its page does, through these functions.
 * - "Das war ich": a one-time pass for the blocked browser, so its next sign-in continues with a
 *   second factor instead of being blocked. It never lets anyone in by itself: whoever holds that
 *   browser still needs the person's factor (for most customers a code sent to this mailbox).
 * - "Das war ich nicht": the first factor is in someone else's hands, so every session ends, any
 *   release is withdrawn and a password reset starts on the spot.
 * Both tokens are single use, expire, are stored hashed, and every use or refusal is audited.
 */
import { z } from "zod";
import { db } from "@/lib/db";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { consumeRateLimit, rateLimitIpSubject } from "@/lib/server/rate-limit/rate-limit";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { revokeSessions } from "@/lib/server/sessions/sessions";
import { grantSignInPass, SIGN_IN_PASS_TTL_MINUTES, withdrawSignInPasses } from "./sign-in-passes";
import { consumeToken, isTokenUsable, issueToken, voidTokens, type TokenPurpose } from "./tokens";
import { anonymousActor, customerActor } from "@/lib/server/actor";

export type SignInLink = "it-was-me" | "not-me" | "unlock";

const PURPOSES: Record<SignInLink, TokenPurpose> = {
  "it-was-me": "RISK_RELEASE",
  "not-me": "RISK_REPORT",
  unlock: "SIGN_IN_UNLOCK",
};

export type SignInLinkFailure = { ok: false; code: "INVALID_LINK" | "RATE_LIMITED" };

/** Whether the link's page should offer its button (it may still be refused when pressed). */
export async function isSignInLinkUsable(link: SignInLink, token: string): Promise<boolean> {
  return isTokenUsable({ token, purpose: PURPOSES[link] });
}

/**
 * Throttles the buttons per IP (the tokens carry 256 bits, so this bounds noise, not guessing) and
 * audits a refused link. Returns null when the attempt may go ahead.
 */
export async function guardSignInLink(client: ClientInfo): Promise<SignInLinkFailure | null> {
  const limit = await consumeRateLimit({ policy: "signInLinkIp", subject: rateLimitIpSubject(client.ip) });
  return limit.allowed ? null : { ok: false, code: "RATE_LIMITED" };
}

export async function refuseSignInLink(link: SignInLink, client: ClientInfo): Promise<SignInLinkFailure> {
  await writeAuditEvent(db, {
    type: "auth.sign_in_link_refused",
    actor: anonymousActor(client),
    metadata: { link },
  });
  return { ok: false, code: "INVALID_LINK" };
}

const ReleasePayloadSchema = z.object({ signInAttemptId: z.string(), deviceCookieHash: z.string() });
const ReportPayloadSchema = z.object({ signInAttemptId: z.string() });

export async function confirmBlockedSignIn(opts: {
  token: string;
  client: ClientInfo;
}): Promise<{ ok: true; validMinutes: number } | SignInLinkFailure> {
  const { client } = opts;
  const refused = await guardSignInLink(client);
  if (refused) return refused;
  const released = await db.$transaction(async (tx) => {
    const used = await consumeToken({ token: opts.token, purpose: "RISK_RELEASE" }, { tx });
    const payload = ReleasePayloadSchema.safeParse(used?.payload);
    if (!used || !payload.success) return false;
    await grantSignInPass(
      {
        userId: used.userId,
        kind: "RISK_RELEASE",
        deviceCookieHash: payload.data.deviceCookieHash,
      },
      { tx },
    );
    await writeAuditEvent(tx, {
      type: "auth.risk_block_released",
      actor: customerActor(used.userId, client),
      subject: used.userId,
      target: { type: "SignInAttempt", id: payload.data.signInAttemptId },
      metadata: { validMinutes: SIGN_IN_PASS_TTL_MINUTES },
    });
    return true;
  });
  if (!released) return refuseSignInLink("it-was-me", client);
  return { ok: true, validMinutes: SIGN_IN_PASS_TTL_MINUTES };
}

export async function reportBlockedSignIn(opts: {
  token: string;
  client: ClientInfo;
}): Promise<{ ok: true; resetToken: string; sessionsRevoked: number } | SignInLinkFailure> {
  const { client } = opts;
  const refused = await guardSignInLink(client);
  if (refused) return refused;
  const reported = await db.$transaction(async (tx) => {
    const used = await consumeToken({ token: opts.token, purpose: "RISK_REPORT" }, { tx });
    const payload = ReportPayloadSchema.safeParse(used?.payload);
    if (!used || !payload.success) return null;
    const userId = used.userId;
    // Whoever caused the block must not be let through by an earlier, hasty "Das war ich".
    await voidTokens({ userId, purpose: "RISK_RELEASE" }, { tx });
    await withdrawSignInPasses({ userId, kind: "RISK_RELEASE" }, { tx });
    await withdrawSignInPasses({ userId, kind: "THROTTLE_UNLOCK" }, { tx });
    const sessionsRevoked = await revokeSessions({ userId, reason: "REVOKED_BY_USER" }, { tx });
    await voidTokens({ userId, purpose: "PASSWORD_RESET" }, { tx });
    const resetToken = await issueToken({ userId, purpose: "PASSWORD_RESET" }, { tx });
    await writeAuditEvent(tx, {
      type: "auth.risk_block_reported",
      actor: customerActor(userId, client),
      subject: userId,
      target: { type: "SignInAttempt", id: payload.data.signInAttemptId },
      metadata: { sessionsRevoked },
    });
    return { resetToken, sessionsRevoked };
  });
  if (!reported) return refuseSignInLink("not-me", client);
  return { ok: true, ...reported };
}
