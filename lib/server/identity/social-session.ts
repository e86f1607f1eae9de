import "server-only";
/**
 * What every successful social sign-in shares (first sign-up, returning identity, proven link):
 * the same device, session, history and counter writes as a password sign-in (sign-in.ts), so the
 * security page and the risk engine see one kind of sign-in whatever the method.
 */
import { getEnv } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma-sqlite/client";
import type { AuditEventType } from "@/lib/server/audit/event-types";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { recordDeviceSignIn } from "@/lib/server/devices/devices";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { createSession, type AuthMethodName, type NewSession } from "@/lib/server/sessions/sessions";
import { localeOf, sendMailInBackground } from "./notify";

type Tx = Prisma.TransactionClient;

/** The configured display name ("Google"); the key itself once a provider left the configuration. */
export function providerDisplayName(key: string): string {
  return getEnv().oidcProviders.find((p) => p.key === key)?.name ?? key;
}

export function attemptLocation(client: ClientInfo) {
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

export type OpenedSocialSession = {
  session: NewSession;
  /** Set when the user should get the new-device notice once the transaction has committed. */
  newDeviceNotice: { to: string; locale: string } | null;
};

/**
 * Signs the user in inside the caller's transaction and writes `auditType` as the sign-in event.
 * Social sign-ins never "remember me": the NIST default lifetimes apply (docs/decisions/0004).
 */
export async function openSocialSession(
  tx: Tx,
  opts: {
    user: { id: string; email: string; emailNormalized: string; locale: string };
    provider: string;
    methods: AuthMethodName[];
    deviceCookieId: string;
    client: ClientInfo;
    auditType: Extract<AuditEventType, `auth.social_${string}`>;
  },
): Promise<OpenedSocialSession> {
  const { user, client } = opts;
  const device = await recordDeviceSignIn(tx, {
    userId: user.id,
    deviceCookieId: opts.deviceCookieId,
    client,
  });
  const session = await createSession(tx, {
    userId: user.id,
    deviceId: device.deviceId,
    methods: opts.methods,
    rememberMe: false,
    client,
  });
  await tx.signInAttempt.create({
    data: {
      ...attemptLocation(client),
      userId: user.id,
      emailNormalized: user.emailNormalized,
      method: "SOCIAL",
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
    type: opts.auditType,
    actorId: user.id,
    actorRole: "CUSTOMER",
    subjectUserId: user.id,
    targetType: "SocialIdentity",
    targetId: opts.provider,
    ip: client.ip,
    userAgent: client.userAgent,
    metadata: { method: "SOCIAL", provider: opts.provider, newDevice: device.isNewDevice },
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
  return { session, newDeviceNotice: notify ? { to: user.email, locale: user.locale } : null };
}

/** The new-device mail, sent after commit (as for password sign-ins). */
export function sendNewDeviceNotice(opened: OpenedSocialSession, client: ClientInfo): void {
  if (!opened.newDeviceNotice) return;
  sendMailInBackground({
    to: opened.newDeviceNotice.to,
    locale: localeOf(opened.newDeviceNotice.locale),
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

/** The notice to the account's address that a provider can now sign in to it. */
export function sendLinkedNotice(user: { email: string; locale: string }, provider: string): void {
  sendMailInBackground({
    to: user.email,
    locale: localeOf(user.locale),
    template: {
      name: "social-account-linked",
      data: {
        provider: providerDisplayName(provider),
        time: new Date(),
        reviewUrl: `${getEnv().appUrl}/account/security`,
      },
    },
  });
}
