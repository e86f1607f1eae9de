import "server-only";
/**
 * Six-digit codes by mail, bound to one pending sign-in or, for step-up, to one session. Stored as HMAC-SHA256 under AUTH_SECRET
 * (a plain hash of 10^6 values is reversed instantly); what really protects them is the 10-minute
 * expiry and the budget of 5 attempts per code, counted atomically before the comparison.
 */
import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { localeOf, sendMailInBackground } from "@/lib/server/identity/notify";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { systemActor } from "@/lib/server/actor";

export const EMAIL_CODE_TTL_MINUTES = 10;
export const EMAIL_CODE_MAX_ATTEMPTS = 5;

function hmacCode(code: string): string {
  return createHmac("sha256", getEnv().authSecret).update(`email-code:${code}`).digest("hex");
}

export function newEmailCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, "0");
}

/** What a code is bound to: a pending sign-in (/login/verify) or a session (step-up). */
type CodeBinding = { pendingSignInId: string } | { sessionId: string };

function bindingWhere(binding: CodeBinding) {
  return "pendingSignInId" in binding
    ? { pendingSignInId: binding.pendingSignInId, purpose: "SIGN_IN" as const }
    : { sessionId: binding.sessionId, purpose: "STEP_UP" as const };
}

/**
 * Issues a fresh code for the pending sign-in or session (earlier ones stop working) and mails it
 * off the request path. Returns the code only so tests can use it; callers never show it.
 */
export async function sendEmailCode(opts: {
  binding: CodeBinding;
  user: { id: string; email: string; locale: string };
  client: ClientInfo;
}): Promise<string> {
  const code = newEmailCode();
  const where = bindingWhere(opts.binding);
  await db.$transaction(async (tx) => {
    await tx.emailOneTimeCode.updateMany({
      where: { ...where, consumedAt: null },
      data: { consumedAt: new Date() },
    });
    await tx.emailOneTimeCode.create({
      data: {
        userId: opts.user.id,
        ...where,
        codeHash: hmacCode(code),
        expiresAt: new Date(Date.now() + EMAIL_CODE_TTL_MINUTES * 60_000),
      },
    });
    await writeAuditEvent(tx, {
      type: "auth.email_code_sent",
      actor: systemActor(opts.client),
      subject: opts.user.id,
      metadata: { purpose: where.purpose },
    });
  });
  sendMailInBackground({
    to: opts.user.email,
    locale: localeOf(opts.user.locale),
    template: { name: "sign-in-code", data: { code, expiresMinutes: EMAIL_CODE_TTL_MINUTES } },
  });
  return code;
}

export async function sendSignInEmailCode(opts: {
  pendingSignInId: string;
  user: { id: string; email: string; locale: string };
  client: ClientInfo;
}): Promise<string> {
  return sendEmailCode({
    binding: { pendingSignInId: opts.pendingSignInId },
    user: opts.user,
    client: opts.client,
  });
}

export type EmailCodeCheck = "ok" | "invalid" | "expired" | "locked";

/** Checks a code against the newest open code of the binding and consumes it on a match. */
export async function checkEmailCode(opts: { binding: CodeBinding; code: string }): Promise<EmailCodeCheck> {
  const current = await db.emailOneTimeCode.findFirst({
    where: { ...bindingWhere(opts.binding), consumedAt: null },
    orderBy: { createdAt: "desc" },
  });
  if (!current || current.expiresAt <= new Date()) return "expired";
  // Spend one attempt before comparing, conditional on the budget, so parallel guesses cannot
  // all slip through under the limit.
  const { count } = await db.emailOneTimeCode.updateMany({
    where: { id: current.id, consumedAt: null, attempts: { lt: EMAIL_CODE_MAX_ATTEMPTS } },
    data: { attempts: { increment: 1 } },
  });
  if (count === 0) return "locked";
  const given = Buffer.from(hmacCode(opts.code.replace(/\s+/g, "")), "hex");
  if (!timingSafeEqual(given, Buffer.from(current.codeHash, "hex"))) {
    return current.attempts + 1 >= EMAIL_CODE_MAX_ATTEMPTS ? "locked" : "invalid";
  }
  const consumed = await db.emailOneTimeCode.updateMany({
    where: { id: current.id, consumedAt: null },
    data: { consumedAt: new Date() },
  });
  return consumed.count === 1 ? "ok" : "expired";
}

export async function checkSignInEmailCode(opts: {
  pendingSignInId: string;
  code: string;
}): Promise<EmailCodeCheck> {
  return checkEmailCode({ binding: { pendingSignInId: opts.pendingSignInId }, code: opts.code });
}
