import "server-only";
/**
 * Password sign-in. Unknown addresses, wrong passwords and throttled attempts are told apart only
 * where it reveals nothing: the caller shows one message for INVALID_CREDENTIALS whatever the reason,
 * and an unknown address costs the same argon2 verification as a known one.
 */
import { hashPassword, verifyPassword } from "@/lib/auth/password-hash";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { recordDeviceSignIn } from "@/lib/server/devices/devices";
import { rateLimitIpSubject } from "@/lib/server/rate-limit/ip-subject";
import { consumeRateLimit, refundRateLimitHit, resetRateLimit } from "@/lib/server/rate-limit/rate-limit";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { createSession, type NewSession } from "@/lib/server/sessions/sessions";
import { localeOf, sendMailInBackground } from "./notify";
import { padResponse, RESPONSE_FLOOR_MS } from "./response-floor";

export type SignInResult =
  | { ok: true; session: NewSession; userId: string }
  | { ok: false; code: "INVALID_CREDENTIALS" }
  | { ok: false; code: "ACCOUNT_LOCKED" }
  | { ok: false; code: "RATE_LIMITED"; retryAfterSeconds: number; untilReset: boolean };

let dummyHash: Promise<string> | undefined;

export async function signInWithPassword(opts: {
  email: string;
  password: string;
  rememberMe: boolean;
  deviceCookieId: string;
  client: ClientInfo;
}): Promise<SignInResult> {
  const startedAt = performance.now();
  const emailNormalized = opts.email.trim().toLowerCase();
  const ipKey = rateLimitIpSubject(opts.client.ip);
  const attempt = {
    emailNormalized,
    method: "PASSWORD" as const,
    ip: opts.client.ip,
    userAgent: opts.client.userAgent,
    ...geo(opts.client),
  };

  // Count the attempt BEFORE checking the password, so a burst of parallel guesses cannot all pass
  // a read-only check; a success resets the account counter and refunds the IP's hit. Throttled by
  // the address as typed, so unknown addresses are throttled exactly like known ones.
  const [byAccount, byIp] = await Promise.all([
    consumeRateLimit(db, "signInAccount", emailNormalized),
    consumeRateLimit(db, "signInIp", ipKey),
  ]);
  const refused = [byAccount, byIp].find((d) => !d.allowed);
  if (refused && !refused.allowed) {
    const user = await db.user.findUnique({ where: { emailNormalized }, select: { id: true } });
    await db.$transaction(async (tx) => {
      await tx.signInAttempt.create({ data: { ...attempt, userId: user?.id, result: "THROTTLED" } });
      await writeAuditEvent(tx, {
        type: "auth.sign_in_throttled",
        actorRole: "ANONYMOUS",
        subjectUserId: user?.id,
        ip: opts.client.ip,
        userAgent: opts.client.userAgent,
        metadata: { locked: refused.locked },
      });
    });
    return {
      ok: false,
      code: "RATE_LIMITED",
      retryAfterSeconds: refused.retryAfterSeconds,
      untilReset: refused.untilReset === true,
    };
  }

  const user = await db.user.findUnique({
    where: { emailNormalized },
    include: { passwordCredential: true },
  });
  dummyHash ??= hashPassword("dummy password for timing equality");
  const valid = await verifyPassword(user?.passwordCredential?.hash ?? (await dummyHash), opts.password);
  if (!user || !user.passwordCredential || !valid) {
    await db.$transaction(async (tx) => {
      await tx.signInAttempt.create({
        data: { ...attempt, userId: user?.id, result: "INVALID_CREDENTIALS" },
      });
      await writeAuditEvent(tx, {
        type: "auth.sign_in_failed",
        actorRole: "ANONYMOUS",
        subjectUserId: user?.id,
        ip: opts.client.ip,
        userAgent: opts.client.userAgent,
        metadata: { method: "PASSWORD", reason: user ? "wrong_password" : "unknown_account" },
      });
    });
    await padResponse(startedAt, RESPONSE_FLOOR_MS.signInFailure);
    return { ok: false, code: "INVALID_CREDENTIALS" };
  }
  await Promise.all([
    resetRateLimit(db, "signInAccount", emailNormalized),
    refundRateLimitHit(db, "signInIp", ipKey),
  ]);
  if (user.status === "LOCKED") {
    await db.signInAttempt.create({ data: { ...attempt, userId: user.id, result: "ACCOUNT_LOCKED" } });
    return { ok: false, code: "ACCOUNT_LOCKED" };
  }

  const { session, device } = await db.$transaction(async (tx) => {
    const device = await recordDeviceSignIn(tx, {
      userId: user.id,
      deviceCookieId: opts.deviceCookieId,
      client: opts.client,
    });
    const session = await createSession(tx, {
      userId: user.id,
      deviceId: device.deviceId,
      methods: ["PASSWORD"],
      rememberMe: opts.rememberMe,
      client: opts.client,
    });
    await tx.signInAttempt.create({
      data: {
        ...attempt,
        userId: user.id,
        result: "SUCCEEDED",
        deviceId: device.deviceId,
        sessionId: session.id,
      },
    });
    await tx.user.update({
      where: { id: user.id },
      data: { signInCount: { increment: 1 }, lastSignInAt: new Date() },
    });
    await writeAuditEvent(tx, {
      type: "auth.sign_in_succeeded",
      actorId: user.id,
      actorRole: "CUSTOMER",
      subjectUserId: user.id,
      ip: opts.client.ip,
      userAgent: opts.client.userAgent,
      metadata: { method: "PASSWORD", newDevice: device.isNewDevice },
    });
    if (device.isNewDevice && device.hadOtherDevices) {
      await writeAuditEvent(tx, {
        type: "auth.new_device_notice_sent",
        actorRole: "SYSTEM",
        subjectUserId: user.id,
        targetType: "Device",
        targetId: device.deviceId,
      });
    }
    return { session, device };
  });
  if (device.isNewDevice && device.hadOtherDevices) {
    sendMailInBackground({
      to: user.email,
      locale: localeOf(user.locale),
      template: {
        name: "new-device-sign-in",
        data: {
          time: new Date(),
          browser: opts.client.browser ?? "?",
          os: opts.client.os ?? "?",
          location: opts.client.location
            ? [opts.client.location.city, opts.client.location.country].filter(Boolean).join(", ")
            : null,
          ip: opts.client.ip,
          reviewUrl: `${getEnv().appUrl}/account/security`,
        },
      },
    });
  }
  return { ok: true, session, userId: user.id };
}

function geo(client: ClientInfo) {
  const l = client.location;
  return {
    country: l?.country ?? null,
    city: l?.city ?? null,
    latitude: l?.latitude ?? null,
    longitude: l?.longitude ?? null,
  };
}
