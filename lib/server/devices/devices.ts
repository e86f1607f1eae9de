import "server-only";
/**
 * Known devices. A browser is recognised by a long-lived random cookie id (only its hash is stored,
 * per user). A sign-in from a browser without a record for this user is a new device: the user
 * gets a notice mail when they already had another device (not on their very first sign-in).
 */
import { randomBytes, randomUUID } from "node:crypto";
import { hashToken } from "@/lib/server/crypto/token-hash";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { db, type Tx } from "@/lib/db";

export const DEVICE_COOKIE = "portal_device";
export const DEVICE_COOKIE_MAX_AGE_SECONDS = 400 * 24 * 3600; // the longest lifetime browsers allow

export function newDeviceCookieId(): string {
  return randomBytes(24).toString("base64url");
}

export async function recordDeviceSignIn(
  opts: { userId: string; deviceCookieId: string; client: ClientInfo },
  { tx = db }: { tx?: Tx } = {},
): Promise<{ deviceId: string; isNewDevice: boolean; hadOtherDevices: boolean }> {
  const cookieIdHash = hashToken(opts.deviceCookieId);
  const { client } = opts;
  const seen = {
    lastSeenAt: new Date(),
    lastIp: client.ip,
    lastCountry: client.location?.country ?? null,
    lastCity: client.location?.city ?? null,
    lastLatitude: client.location?.latitude ?? null,
    lastLongitude: client.location?.longitude ?? null,
    browser: client.browser,
    os: client.os,
    userAgent: client.userAgent,
  };
  const key = { userId_cookieIdHash: { userId: opts.userId, cookieIdHash } };
  // A known browser (the usual case): one UPDATE … RETURNING on both databases, which finds and
  // updates the row at once (no row, no error: a new browser then takes the path below).
  const [existing] = await tx.device.updateManyAndReturn({
    where: { userId: opts.userId, cookieIdHash },
    data: seen,
    select: { id: true },
  });
  if (existing) return { deviceId: existing.id, isNewDevice: false, hadOtherDevices: true };
  const others = await tx.device.count({ where: { userId: opts.userId } });
  // Not a find-then-create: parallel first sign-ins from one browser (a double click, two tabs, a
  // retried request) all miss the lookup, and on PostgreSQL every INSERT but the first hit the
  // unique (userId, cookieIdHash) and failed the sign-in. The upsert is one INSERT … ON CONFLICT DO
  // UPDATE on both databases: a second one waits for the first to commit and updates its row. The
  // id chosen here tells which of them created the device, so the new-device notice goes out once.
  const candidateId = randomUUID();
  const device = await tx.device.upsert({
    where: key,
    create: { id: candidateId, userId: opts.userId, cookieIdHash, ...seen },
    update: seen,
    select: { id: true },
  });
  const isNewDevice = device.id === candidateId;
  return { deviceId: device.id, isNewDevice, hadOtherDevices: !isNewDevice || others > 0 };
}
