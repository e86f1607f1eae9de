import "server-only";
/** What a signed-in customer does about their own sessions and address, each step audited. */
import { parseSignInReasons, type SignInReasonCode } from "@/lib/config/sign-in-reasons";
import { db } from "@/lib/db";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { consumeRateLimit } from "@/lib/server/rate-limit/rate-limit";
import { describeUserAgent } from "@/lib/server/request/client-info";
import { revokeSession, revokeSessions } from "@/lib/server/sessions/sessions";
import { localeOf, sendMailInBackground } from "./notify";
import { issueToken, tokenLink, voidTokens } from "./tokens";
import { customerActor, type SessionActor } from "@/lib/server/actor";

export async function signOut(actor: SessionActor): Promise<void> {
  await db.$transaction(async (tx) => {
    await revokeSession({ userId: actor.userId, sessionId: actor.sessionId, reason: "SIGNED_OUT" }, { tx });
    await writeAuditEvent(tx, {
      type: "auth.signed_out",
      actor,
      subject: actor.userId,
      target: { type: "Session", id: actor.sessionId },
    });
  });
}

/** Signs out one of the user's own sessions; an id of someone else's session changes nothing. */
export async function signOutSession(actor: SessionActor, sessionId: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const done = await revokeSession({ userId: actor.userId, sessionId, reason: "REVOKED_BY_USER" }, { tx });
    if (done) {
      await writeAuditEvent(tx, {
        type: "auth.session_revoked",
        actor,
        subject: actor.userId,
        target: { type: "Session", id: sessionId },
      });
    }
    return done;
  });
}

export async function signOutOtherSessions(actor: SessionActor): Promise<number> {
  return db.$transaction(async (tx) => {
    const count = await revokeSessions(
      {
        userId: actor.userId,
        reason: "REVOKED_BY_USER",
        exceptSessionId: actor.sessionId,
      },
      { tx },
    );
    await writeAuditEvent(tx, {
      type: "auth.sessions_revoked_others",
      actor,
      subject: actor.userId,
      metadata: { count },
    });
    return count;
  });
}

export type EmailChangeResult =
  | { ok: true }
  | { ok: false; code: "SAME_EMAIL" }
  | { ok: false; code: "RATE_LIMITED"; retryAfterSeconds: number };

/**
 * Starts an email change: the new address must confirm a link before it replaces the old one, and
 * the old address gets a notice once it does. The caller has proved the person by a recent
 * authentication (step-up). A taken address is not revealed here; confirming fails later.
 */
export async function requestEmailChange(
  actor: SessionActor,
  opts: { newEmail: string },
): Promise<EmailChangeResult> {
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.userId } });
  const newEmail = opts.newEmail.trim();
  if (newEmail.toLowerCase() === user.emailNormalized) return { ok: false, code: "SAME_EMAIL" };
  // Each request mails an address the account does not own yet: bounded per person.
  const limit = await consumeRateLimit({ policy: "emailChange", subject: user.id });
  if (!limit.allowed) return { ok: false, code: "RATE_LIMITED", retryAfterSeconds: limit.retryAfterSeconds };
  const token = await db.$transaction(async (tx) => {
    await voidTokens({ userId: user.id, purpose: "EMAIL_CHANGE" }, { tx });
    const token = await issueToken(
      { userId: user.id, purpose: "EMAIL_CHANGE", payload: { newEmail } },
      { tx },
    );
    await writeAuditEvent(tx, {
      type: "auth.email_change_requested",
      actor: customerActor(user.id, actor.client),
      subject: user.id,
    });
    return token;
  });
  sendMailInBackground({
    to: newEmail,
    locale: localeOf(user.locale),
    template: {
      name: "email-change-verify",
      data: { url: tokenLink("/verify-email", token), newEmail },
    },
  });
  return { ok: true };
}

export type SignInHistoryItem = {
  id: string;
  createdAt: Date;
  method: string;
  result: string;
  ip: string | null;
  country: string | null;
  city: string | null;
  browser: string | null;
  os: string | null;
  /** Why a code was asked or the sign-in stopped (risk above low), for the customer in words. */
  reasons: SignInReasonCode[];
};

export async function listSignInHistory(userId: string, take = 20): Promise<SignInHistoryItem[]> {
  const rows = await db.signInAttempt.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, take });
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.createdAt,
    method: r.method,
    result: r.result,
    ip: r.ip,
    country: r.country,
    city: r.city,
    ...describeUserAgent(r.userAgent),
    reasons:
      r.riskLevel && r.riskLevel !== "LOW" && r.riskSignals && typeof r.riskSignals === "object"
        ? parseSignInReasons((r.riskSignals as { reasons?: unknown }).reasons)
        : [],
  }));
}
