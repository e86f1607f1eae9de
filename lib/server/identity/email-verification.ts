import "server-only";
/**
 * Email verification links (registration) and email-change confirmation links share /verify-email.
 * Opening the link only shows what it will do (describeEmailLink); the page's buttons post, because
 * mail scanners open links. A verification link proves the mailbox for the registration it was
 * sent for: confirming keeps the account as it is (it holds only its first credential, see
 * mailbox-proof.ts), "Das war ich nicht" deletes it. Resending is throttled per account.
 */
import { db } from "@/lib/db";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { maskEmail } from "@/lib/server/mail/mask-email";
import { consumeRateLimit, rateLimitIpSubject } from "@/lib/server/rate-limit/rate-limit";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { localeOf, sendMailInBackground } from "./notify";
import { discardUnprovenAccount } from "./mailbox-proof";
import { consumeToken, findUsableToken, issueToken, voidLinksAfterChange, voidTokens } from "./tokens";
import { registeredByOf, sendVerificationMail } from "./registration-steps";
import { anonymousActor, customerActor } from "@/lib/server/actor";

export type VerifyResult =
  | {
      ok: true;
      kind: "verified";
      userId: string;
      email: string;
      /** The registering browser's binding stored with the link (decision 0056), if any. */
      registeredBy: string | null;
    }
  | { ok: true; kind: "email-changed" }
  | { ok: false; code: "INVALID_TOKEN" | "EMAIL_TAKEN" };
type Notice = { to: string; locale: "de" | "en"; newEmail: string };

export async function verifyEmailToken(opts: { token: string; client: ClientInfo }): Promise<VerifyResult> {
  let notice: Notice | undefined;
  const result = await db.$transaction(async (tx): Promise<VerifyResult> => {
    const verification = await consumeToken({ token: opts.token, purpose: "EMAIL_VERIFICATION" }, { tx });
    if (verification) {
      const user = await tx.user.update({
        where: { id: verification.userId },
        data: { emailVerifiedAt: new Date() },
      });
      await writeAuditEvent(tx, {
        type: "auth.email_verified",
        actor: customerActor(verification.userId, opts.client),
        subject: verification.userId,
      });
      return {
        ok: true,
        kind: "verified",
        userId: user.id,
        email: user.email,
        registeredBy: registeredByOf(verification.payload),
      } as const;
    }
    const change = await consumeToken({ token: opts.token, purpose: "EMAIL_CHANGE" }, { tx });
    const newEmail = (change?.payload as { newEmail?: string } | null)?.newEmail;
    if (!change || !newEmail) {
      await writeAuditEvent(tx, {
        type: "auth.email_verification_failed",
        actor: anonymousActor(opts.client),
      });
      return { ok: false, code: "INVALID_TOKEN" } as const;
    }
    const emailNormalized = newEmail.toLowerCase();
    if (await tx.user.findUnique({ where: { emailNormalized } }))
      return { ok: false, code: "EMAIL_TAKEN" } as const;
    const before = await tx.user.findUniqueOrThrow({ where: { id: change.userId } });
    await tx.user.update({
      where: { id: change.userId },
      data: { email: newEmail, emailNormalized, emailVerifiedAt: new Date() },
    });
    await voidLinksAfterChange({ userId: change.userId, change: "address" }, { tx });
    await writeAuditEvent(tx, {
      type: "auth.email_changed",
      actor: customerActor(change.userId, opts.client),
      subject: change.userId,
      metadata: { from: maskEmail(before.email), to: maskEmail(newEmail) },
    });
    notice = { to: before.email, locale: localeOf(before.locale), newEmail };
    return { ok: true, kind: "email-changed" } as const;
  });
  if (notice) {
    // The old address learns of the change, so a hijacked account does not change hands silently.
    sendMailInBackground({
      to: notice.to,
      locale: notice.locale,
      template: {
        name: "email-change-notice",
        data: { newEmailMasked: maskEmail(notice.newEmail), time: new Date() },
      },
    });
  }
  return result;
}

/** What a link on /verify-email would do, shown before the person presses a button. */
export type EmailLinkPreview =
  | {
      kind: "verification";
      emailMasked: string;
      registeredAt: Date;
      /** The account's only credential: what confirming vouches for. */
      method: "password" | "passkey" | "social";
    }
  | { kind: "email-change"; newEmail: string };

export async function describeEmailLink(token: string): Promise<EmailLinkPreview | null> {
  const verification = await findUsableToken({ token, purpose: "EMAIL_VERIFICATION" });
  if (verification) {
    const user = await db.user.findUnique({
      where: { id: verification.userId },
      select: {
        email: true,
        createdAt: true,
        emailVerifiedAt: true,
        passwordCredential: { select: { id: true } },
        _count: { select: { passkeys: true } },
      },
    });
    if (!user) return null;
    const method = user.passwordCredential ? "password" : user._count.passkeys > 0 ? "passkey" : "social";
    return { kind: "verification", emailMasked: maskEmail(user.email), registeredAt: user.createdAt, method };
  }
  const change = await findUsableToken({ token, purpose: "EMAIL_CHANGE" });
  const newEmail = (change?.payload as { newEmail?: string } | null)?.newEmail;
  return change && newEmail ? { kind: "email-change", newEmail } : null;
}

export type DiscardRegistrationResult = { ok: true } | { ok: false; code: "INVALID_TOKEN" };

/**
 * "Das war ich nicht": the mailbox owner did not register. Uses the verification link up and
 * deletes the account if its address is still unproven (a proven one is never touched here).
 */
export async function discardUnverifiedRegistration(opts: {
  token: string;
  client: ClientInfo;
}): Promise<DiscardRegistrationResult> {
  return db.$transaction(async (tx): Promise<DiscardRegistrationResult> => {
    const verification = await consumeToken({ token: opts.token, purpose: "EMAIL_VERIFICATION" }, { tx });
    if (!verification) return { ok: false, code: "INVALID_TOKEN" };
    const discarded = await discardUnprovenAccount(
      { userId: verification.userId, client: opts.client },
      { tx },
    );
    return discarded.ok ? { ok: true } : { ok: false, code: "INVALID_TOKEN" };
  });
}

export type ResendResult =
  | { ok: true }
  | { ok: false; code: "RATE_LIMITED"; retryAfterSeconds: number }
  | { ok: false; code: "ALREADY_VERIFIED" };

export async function resendVerificationMail(opts: {
  userId: string;
  client: ClientInfo;
}): Promise<ResendResult> {
  const user = await db.user.findUniqueOrThrow({ where: { id: opts.userId } });
  if (user.emailVerifiedAt) return { ok: false, code: "ALREADY_VERIFIED" };
  // Per IP as well: one client holding many unverified accounts must not become a mail cannon.
  for (const [policy, subject] of [
    ["verificationResendIp", rateLimitIpSubject(opts.client.ip)],
    ["verificationResend", user.id],
  ] as const) {
    const limit = await consumeRateLimit({ policy, subject });
    if (!limit.allowed)
      return { ok: false, code: "RATE_LIMITED", retryAfterSeconds: limit.retryAfterSeconds };
  }
  const token = await db.$transaction(async (tx) => {
    await voidTokens({ userId: user.id, purpose: "EMAIL_VERIFICATION" }, { tx });
    const token = await issueToken({ userId: user.id, purpose: "EMAIL_VERIFICATION" }, { tx });
    await writeAuditEvent(tx, {
      type: "auth.email_verification_sent",
      actor: customerActor(user.id, opts.client),
      subject: user.id,
    });
    return token;
  });
  sendVerificationMail({ to: user.email, locale: localeOf(user.locale), token });
  return { ok: true };
}
