import "server-only";
/**
 * Password reset by mail: a single-use link valid 30 minutes. Requesting answers the same for known
 * and unknown addresses; completing it signs out every session and sends a notice. On an account
 * whose address was never proven, the link is the first proof of the mailbox: completing it
 * reclaims the account from whoever set it up (mailbox-proof.ts, docs/decisions/0018).
 */
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import type { PasswordRejectReason } from "@/lib/server/passwords/common-passwords";
import { rateLimitIpSubject } from "@/lib/server/rate-limit/ip-subject";
import { consumeRateLimit, resetRateLimit } from "@/lib/server/rate-limit/rate-limit";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { revokeSessions } from "@/lib/server/sessions/sessions";
import { localeOf, sendMailInBackground, sendSecurityPushInBackground } from "./notify";
import { resetOwnBrowserThrottles } from "./password-throttle";
import { RESPONSE_FLOOR_MS, withResponseFloor } from "./response-floor";
import { reclaimUnprovenAccount } from "./mailbox-proof";
import { setPasswordByLink } from "./password-by-link";
import { findUsableToken, reissueToken, TOKEN_TTL_MINUTES, tokenLink, voidLinksAfterChange } from "./tokens";
import { anonymousActor, customerActor } from "@/lib/server/actor";

export type RequestResetResult =
  { ok: true } | { ok: false; code: "RATE_LIMITED"; retryAfterSeconds: number };

export async function requestPasswordReset(opts: {
  email: string;
  client: ClientInfo;
}): Promise<RequestResetResult> {
  const emailNormalized = opts.email.trim().toLowerCase();
  for (const [policy, subject] of [
    ["passwordResetIp", rateLimitIpSubject(opts.client.ip)],
    ["passwordResetAccount", emailNormalized],
  ] as const) {
    const limit = await consumeRateLimit({ policy, subject });
    if (!limit.allowed)
      return { ok: false, code: "RATE_LIMITED", retryAfterSeconds: limit.retryAfterSeconds };
  }
  return withResponseFloor(RESPONSE_FLOOR_MS.resetRequest, () =>
    issueResetLink(emailNormalized, opts.client),
  );
}

async function issueResetLink(emailNormalized: string, client: ClientInfo): Promise<RequestResetResult> {
  const user = await db.user.findUnique({ where: { emailNormalized } });
  if (!user) return { ok: true }; // no mail to unknown addresses: the form cannot be used to send spam
  const token = await db.$transaction(async (tx) => {
    const token = await reissueToken({ userId: user.id, purpose: "PASSWORD_RESET" }, { tx });
    await writeAuditEvent(tx, {
      type: "auth.password_reset_requested",
      actor: anonymousActor(client),
      subject: user.id,
    });
    return token;
  });
  sendMailInBackground({
    to: user.email,
    locale: localeOf(user.locale),
    template: {
      name: "password-reset",
      data: {
        url: tokenLink("/reset-password", token),
        expiresMinutes: TOKEN_TTL_MINUTES.PASSWORD_RESET,
      },
    },
  });
  return { ok: true };
}

export type ResetLinkState = { willReclaim: boolean };

/**
 * What the reset page says before the form (the link is used only on submit), or null when the
 * link is unusable. Only the mailbox owner holds the link, so telling them that their address is
 * unproven (and what the reset will remove) reveals nothing to anyone else.
 */
export async function describeResetLink(token: string): Promise<ResetLinkState | null> {
  const row = await findUsableToken({ token, purpose: "PASSWORD_RESET" });
  if (!row) return null;
  const user = await db.user.findUnique({ where: { id: row.userId }, select: { emailVerifiedAt: true } });
  return user ? { willReclaim: user.emailVerifiedAt === null } : null;
}

export type ResetResult =
  | { ok: true }
  | { ok: false; code: "INVALID_TOKEN" }
  | { ok: false; code: "PASSWORD_REJECTED"; reason: PasswordRejectReason };

export async function resetPassword(opts: {
  token: string;
  password: string;
  client: ClientInfo;
}): Promise<ResetResult> {
  const result = await setPasswordByLink(
    { token: opts.token, purpose: "PASSWORD_RESET", password: opts.password },
    async (tx, user, savePassword) => {
      // Unproven address: the reclaim removes every credential (this password's predecessor too),
      // ends every session, marks the address proven and audits auth.account_reclaimed.
      const reclaimed = user.emailVerifiedAt
        ? null
        : await reclaimUnprovenAccount({ userId: user.id, client: opts.client }, { tx });
      await savePassword();
      if (reclaimed) return user;
      await voidLinksAfterChange({ userId: user.id, change: "credential" }, { tx });
      const revoked = await revokeSessions({ userId: user.id, reason: "PASSWORD_RESET" }, { tx });
      await writeAuditEvent(tx, {
        type: "auth.password_reset_completed",
        actor: customerActor(user.id, opts.client),
        subject: user.id,
        metadata: { sessionsRevoked: revoked },
      });
      return user;
    },
  );
  if (!result.ok && result.code === "PASSWORD_REJECTED") return result;
  if (!result.ok) {
    await db.$transaction((tx) =>
      writeAuditEvent(tx, {
        type: "auth.password_reset_failed",
        actor: anonymousActor(opts.client),
        metadata: { reason: "invalid_token" },
      }),
    );
    return { ok: false, code: "INVALID_TOKEN" };
  }
  const user = result.value;
  await resetRateLimit({ policy: "signInAccount", subject: user.emailNormalized });
  await resetOwnBrowserThrottles(user.id);
  sendMailInBackground({
    to: user.email,
    locale: localeOf(user.locale),
    template: {
      name: "password-changed",
      data: { time: new Date(), resetUrl: `${getEnv().appUrl}/forgot-password` },
    },
  });
  sendSecurityPushInBackground(user.id, "passwordChanged");
  return { ok: true };
}
