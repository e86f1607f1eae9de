import "server-only";
/**
 * The writes every successful sign-in makes, whichever step finished it (the password alone, or
 * the second factor at /login/verify): device record, session, sign-in attempt, counters, audit
 * and the new-device notice. One function so the two paths cannot drift apart.
 */
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { recordDeviceSignIn } from "@/lib/server/devices/devices";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { createSession, type AuthMethodName, type NewSession } from "@/lib/server/sessions/sessions";
import { localeOf, sendMailInBackground } from "./notify";

export type SecondFactorMethod = "TOTP" | "RECOVERY_CODE" | "EMAIL_CODE";

/** The columns of a SignInAttempt that describe the request (same for every outcome). */
export function attemptContext(client: ClientInfo) {
  const l = client.location;
  return {
    ip: client.ip,
    userAgent: client.userAgent,
    country: l?.country ?? null,
    city: l?.city ?? null,
    latitude: l?.latitude ?? null,
    longitude: l?.longitude ?? null,
  };
}

export async function completeSignIn(opts: {
  user: { id: string; email: string; locale: string };
  rememberMe: boolean;
  deviceCookieId: string;
  client: ClientInfo;
  /** How the first step was proven; PASSWORD unless a later sign-in method reuses this. */
  firstFactor?: "PASSWORD" | "PASSKEY" | "SOCIAL";
  secondFactor?: SecondFactorMethod;
  /** Overrides the level derived from the factors (a user-verified passkey alone is AAL2). */
  aal?: 1 | 2;
  /** The SECOND_FACTOR_REQUIRED attempt to mark as succeeded; without it a new row is written. */
  attemptId?: string | null;
}): Promise<NewSession> {
  const { user, client, secondFactor } = opts;
  const firstFactor = opts.firstFactor ?? "PASSWORD";
  const methods: AuthMethodName[] = secondFactor ? [firstFactor, secondFactor] : [firstFactor];
  const { session, device } = await db.$transaction(async (tx) => {
    const device = await recordDeviceSignIn(tx, {
      userId: user.id,
      deviceCookieId: opts.deviceCookieId,
      client,
    });
    const session = await createSession(tx, {
      userId: user.id,
      deviceId: device.deviceId,
      methods,
      rememberMe: opts.rememberMe,
      client,
      aal: opts.aal ?? (secondFactor ? 2 : 1),
    });
    const outcome = {
      result: "SUCCEEDED" as const,
      secondFactorMethod: secondFactor ?? null,
      deviceId: device.deviceId,
      sessionId: session.id,
    };
    if (opts.attemptId) {
      await tx.signInAttempt.update({ where: { id: opts.attemptId }, data: outcome });
    } else {
      await tx.signInAttempt.create({
        data: {
          ...attemptContext(client),
          emailNormalized: user.email.trim().toLowerCase(),
          method: firstFactor,
          userId: user.id,
          ...outcome,
        },
      });
    }
    await tx.user.update({
      where: { id: user.id },
      data: { signInCount: { increment: 1 }, lastSignInAt: new Date() },
    });
    await writeAuditEvent(tx, {
      type: "auth.sign_in_succeeded",
      actorId: user.id,
      actorRole: "CUSTOMER",
      subjectUserId: user.id,
      ip: client.ip,
      userAgent: client.userAgent,
      metadata: {
        method: firstFactor,
        ...(secondFactor ? { secondFactor } : {}),
        newDevice: device.isNewDevice,
      },
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
          browser: client.browser ?? "?",
          os: client.os ?? "?",
          location: client.location
            ? [client.location.city, client.location.country].filter(Boolean).join(", ")
            : null,
          ip: client.ip,
          reviewUrl: `${getEnv().appUrl}/account/security`,
        },
      },
    });
  }
  return session;
}
