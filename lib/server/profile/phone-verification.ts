import "server-only";
/**
 * Proving the profile's mobile number by a six-digit code sent by SMS (docs/decisions/0052), so
 * the SMS channel is used only with a number the customer has shown to receive. Like the mailed
 * codes (lib/server/factors/email-codes.ts): stored as an HMAC under a key derived from
 * AUTH_SECRET, valid 10 minutes, 5 attempts per code counted before the comparison, single use,
 * sending and guessing throttled per account, every step audited. A code is bound to the number it
 * went to: after a change of number (which un-verifies it, lib/server/profile/profile.ts) an
 * earlier code verifies nothing. Every query is keyed by the session's user id.
 */
import { randomInt } from "node:crypto";
import { db } from "@/lib/db";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { purposeMac, sameMac } from "@/lib/server/crypto/purpose-mac";
import { consumeRateLimit } from "@/lib/server/rate-limit/rate-limit";
import { sendSms } from "@/lib/server/sms/send-sms";
import { translatorFor } from "@/lib/server/mail/templates/kit";
import { toLocale } from "@/lib/i18n/config";
import type { SessionActor } from "@/lib/server/actor";
import { maskPhone } from "./profile";

export const PHONE_CODE_TTL_MINUTES = 10;
export const PHONE_CODE_MAX_ATTEMPTS = 5;
const MAC_PURPOSE = "portal/phone-code/v1";

/** The code's MAC, bound to the number, so the same digits for another number do not match. */
function codeMac(phoneE164: string, code: string): string {
  return purposeMac(MAC_PURPOSE, `${phoneE164}:${code}`);
}

export type PhoneStatus = { phoneMasked: string | null; verified: boolean };

export async function phoneStatus(userId: string): Promise<PhoneStatus> {
  const profile = await db.profile.findUnique({
    where: { userId },
    select: { phoneE164: true, phoneVerifiedAt: true },
  });
  return {
    phoneMasked: maskPhone(profile?.phoneE164 ?? null),
    verified: Boolean(profile?.phoneE164 && profile.phoneVerifiedAt),
  };
}

export type SendPhoneCodeResult =
  | { ok: true; code: string }
  | { ok: false; code: "NO_PHONE" | "ALREADY_VERIFIED" }
  | { ok: false; code: "RATE_LIMITED"; retryAfterSeconds: number };

/**
 * Sends a fresh code to the profile's number (earlier open codes stop working). Returns the code
 * only for tests; callers never show it.
 */
export async function sendPhoneVerificationCode(actor: SessionActor): Promise<SendPhoneCodeResult> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: actor.userId },
    select: { locale: true, profile: { select: { phoneE164: true, phoneVerifiedAt: true } } },
  });
  const phone = user.profile?.phoneE164;
  if (!phone) return { ok: false, code: "NO_PHONE" };
  if (user.profile?.phoneVerifiedAt) return { ok: false, code: "ALREADY_VERIFIED" };
  // Each SMS costs money and reaches a number the customer typed: a few per quarter hour.
  const limit = await consumeRateLimit({ policy: "phoneCodeSend", subject: actor.userId });
  if (!limit.allowed) return { ok: false, code: "RATE_LIMITED", retryAfterSeconds: limit.retryAfterSeconds };

  const code = randomInt(0, 1_000_000).toString().padStart(6, "0");
  await db.$transaction(async (tx) => {
    await tx.phoneVerificationCode.updateMany({
      where: { userId: actor.userId, consumedAt: null },
      data: { consumedAt: new Date() },
    });
    await tx.phoneVerificationCode.create({
      data: {
        userId: actor.userId,
        phoneE164: phone,
        codeHash: codeMac(phone, code),
        expiresAt: new Date(Date.now() + PHONE_CODE_TTL_MINUTES * 60_000),
      },
    });
    await writeAuditEvent(tx, {
      type: "profile.phone_code_sent",
      actor,
      subject: actor.userId,
      metadata: { phone: maskPhone(phone) },
    });
  });
  // Worded in the notification catalog (messages/mail/*.json), in the customer's language.
  const text = translatorFor(toLocale(user.locale))("sms.phoneCode", {
    code,
    minutes: PHONE_CODE_TTL_MINUTES,
  });
  await sendSms({ to: phone, text });
  return { ok: true, code };
}

export type VerifyPhoneResult =
  | { ok: true }
  | { ok: false; code: "INVALID" | "EXPIRED" | "LOCKED" }
  | { ok: false; code: "RATE_LIMITED"; retryAfterSeconds: number };

type CodeCheck = "ok" | "invalid" | "expired" | "locked";

async function checkCode(userId: string, code: string): Promise<{ check: CodeCheck; phone?: string }> {
  const [profile, current] = await Promise.all([
    db.profile.findUnique({ where: { userId }, select: { phoneE164: true } }),
    db.phoneVerificationCode.findFirst({
      where: { userId, consumedAt: null },
      orderBy: { createdAt: "desc" },
    }),
  ]);
  // A code for an earlier number, or none at all, or too old: send a new one.
  if (!current || current.expiresAt <= new Date() || current.phoneE164 !== profile?.phoneE164)
    return { check: "expired" };
  const { count } = await db.phoneVerificationCode.updateMany({
    where: { id: current.id, consumedAt: null, attempts: { lt: PHONE_CODE_MAX_ATTEMPTS } },
    data: { attempts: { increment: 1 } },
  });
  if (count === 0) return { check: "locked" };
  if (!sameMac(current.codeHash, codeMac(current.phoneE164, code.replace(/\s+/g, ""))))
    return { check: current.attempts + 1 >= PHONE_CODE_MAX_ATTEMPTS ? "locked" : "invalid" };
  return { check: "ok", phone: current.phoneE164 };
}

/** Checks the code against the newest open one of this account; a match verifies the number. */
export async function verifyPhoneCode(actor: SessionActor, code: string): Promise<VerifyPhoneResult> {
  const limit = await consumeRateLimit({ policy: "phoneCodeCheck", subject: actor.userId });
  if (!limit.allowed) return { ok: false, code: "RATE_LIMITED", retryAfterSeconds: limit.retryAfterSeconds };
  const { check, phone } = await checkCode(actor.userId, code);
  const verified =
    check === "ok" && phone
      ? await db.$transaction(async (tx) => {
          // Single use, and only while the profile still has the number the code went to.
          const consumed = await tx.phoneVerificationCode.updateMany({
            where: { userId: actor.userId, phoneE164: phone, consumedAt: null },
            data: { consumedAt: new Date() },
          });
          const marked = await tx.profile.updateMany({
            where: { userId: actor.userId, phoneE164: phone },
            data: { phoneVerifiedAt: new Date() },
          });
          if (consumed.count === 0 || marked.count !== 1) return false;
          await writeAuditEvent(tx, {
            type: "profile.phone_verified",
            actor,
            subject: actor.userId,
            metadata: { phone: maskPhone(phone) },
          });
          return true;
        })
      : false;
  if (verified) return { ok: true };
  const reason = check === "ok" ? "expired" : check;
  await db.$transaction((tx) =>
    writeAuditEvent(tx, {
      type: "profile.phone_verification_failed",
      actor,
      subject: actor.userId,
      metadata: { reason },
    }),
  );
  return { ok: false, code: reason === "locked" ? "LOCKED" : reason === "expired" ? "EXPIRED" : "INVALID" };
}
