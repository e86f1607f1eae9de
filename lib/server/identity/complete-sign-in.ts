import "server-only";
/**
 * The writes every successful sign-in makes, whichever step finished it (the password alone, or
 * the second factor at /login/verify, a passkey, a social provider): device record, session,
 * sign-in attempt, counters, audit and the new-device notice. One place so the paths cannot drift
 * apart, and the security page and the risk engine see one kind of sign-in whatever the method.
 */
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma-sqlite/client";
import type { AuditEventType } from "@/lib/server/audit/event-types";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { recordDeviceSignIn } from "@/lib/server/devices/devices";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { createSession, type AuthMethodName, type NewSession } from "@/lib/server/sessions/sessions";
import { localeOf, sendMailInBackground, sendSecurityPushInBackground, signInMailFacts } from "./notify";

type Tx = Prisma.TransactionClient;

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

export type SignInRecord = {
  user: { id: string; email: string; locale: string };
  rememberMe: boolean;
  deviceCookieId: string;
  client: ClientInfo;
  /** How the first step was proven; PASSWORD unless another sign-in method reuses this. */
  firstFactor?: "PASSWORD" | "PASSKEY" | "SOCIAL";
  secondFactor?: SecondFactorMethod;
  /** Session methods when they are more than first + second factor (e.g. a proven social link). */
  methods?: AuthMethodName[];
  /** Overrides the level derived from the factors (a user-verified passkey alone is AAL2). */
  aal?: 1 | 2;
  /** The SECOND_FACTOR_REQUIRED attempt to mark as succeeded; without it a new row is written. */
  attemptId?: string | null;
  /** The sign-in's audit event when it is more specific than auth.sign_in_succeeded. */
  audit?: {
    type: AuditEventType;
    targetType?: string;
    targetId?: string;
    metadata?: Record<string, string | number | boolean | null>;
  };
};

export type RecordedSignIn = {
  session: NewSession;
  /** Set when the user gets the new-device notice, which is sent once the transaction committed. */
  newDeviceNotice: { userId: string; to: string; locale: string } | null;
};

/**
 * The writes of a successful sign-in inside the caller's transaction (so social sign-up, linking and
 * passkey sign-in can make them together with their own changes).
 */
export async function recordSignIn(tx: Tx, opts: SignInRecord): Promise<RecordedSignIn> {
  const { user, client, secondFactor } = opts;
  const firstFactor = opts.firstFactor ?? "PASSWORD";
  const methods: AuthMethodName[] =
    opts.methods ?? (secondFactor ? [firstFactor, secondFactor] : [firstFactor]);
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
    type: opts.audit?.type ?? "auth.sign_in_succeeded",
    actorId: user.id,
    actorRole: "CUSTOMER",
    subjectUserId: user.id,
    targetType: opts.audit?.targetType,
    targetId: opts.audit?.targetId,
    ip: client.ip,
    userAgent: client.userAgent,
    metadata: {
      method: firstFactor,
      ...(secondFactor ? { secondFactor } : {}),
      ...opts.audit?.metadata,
      newDevice: device.isNewDevice,
    },
  });
  const notify = device.isNewDevice && device.hadOtherDevices;
  if (notify) {
    await writeAuditEvent(tx, {
      type: "auth.new_device_notice_sent",
      actorRole: "SYSTEM",
      subjectUserId: user.id,
      targetType: "Device",
      targetId: device.deviceId,
    });
  }
  return {
    session,
    newDeviceNotice: notify ? { userId: user.id, to: user.email, locale: user.locale } : null,
  };
}

/** The new-device mail, after commit: a rolled-back sign-in must not announce itself. */
export function sendNewDeviceNotice(recorded: RecordedSignIn, client: ClientInfo): void {
  if (!recorded.newDeviceNotice) return;
  sendMailInBackground({
    to: recorded.newDeviceNotice.to,
    locale: localeOf(recorded.newDeviceNotice.locale),
    template: { name: "new-device-sign-in", data: signInMailFacts(client) },
  });
  sendSecurityPushInBackground(recorded.newDeviceNotice.userId, "newDeviceSignIn");
}

/** A sign-in that changes nothing else: its own transaction, then the notice. */
export async function completeSignIn(opts: SignInRecord): Promise<NewSession> {
  const recorded = await db.$transaction((tx) => recordSignIn(tx, opts));
  sendNewDeviceNotice(recorded, opts.client);
  return recorded.session;
}
