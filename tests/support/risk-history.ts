/**
 * Sign-in history written as rows (customers, devices, attempts at a given time and place), for the
 * risk-signal tests. Locations are passed in, so nothing depends on the GeoLite data. `db` is this
 * module's own client: vitest loads the module once per test file, and each file disconnects it.
 */
import { hashToken } from "@/lib/server/crypto/token-hash";
import type { SignInResult } from "@/lib/generated/prisma-sqlite/client";
import { createPrismaClient } from "@/lib/db/prisma-client";
import type { GeoLocation } from "@/lib/server/request/geo";

export const db = createPrismaClient();

export const BERLIN: GeoLocation = { country: "DE", city: "Berlin", latitude: 52.52, longitude: 13.405 };
export const PARIS: GeoLocation = { country: "FR", city: "Paris", latitude: 48.8566, longitude: 2.3522 };
export const NEW_YORK: GeoLocation = {
  country: "US",
  city: "New York",
  latitude: 40.7128,
  longitude: -74.006,
};

export const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
// Documentation-prefix IPv6 addresses with a random tail: unique per test, shared database or not.
export const uniqueIp = () =>
  `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}::${Math.floor(Math.random() * 0xffff).toString(16)}`;
export const NOW = new Date();
export const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);
export const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);

export async function createUser() {
  const email = `risk.${unique()}@example.com`;
  return db.user.create({ data: { email, emailNormalized: email } });
}

export async function attempt(opts: {
  userId?: string | null;
  email?: string | null;
  result: SignInResult;
  ip: string | null;
  at: Date;
  location?: GeoLocation | null;
}) {
  await db.signInAttempt.create({
    data: {
      userId: opts.userId ?? null,
      emailNormalized: opts.email ?? null,
      method: "PASSWORD",
      result: opts.result,
      ip: opts.ip,
      createdAt: opts.at,
      country: opts.location?.country ?? null,
      city: opts.location?.city ?? null,
      latitude: opts.location?.latitude ?? null,
      longitude: opts.location?.longitude ?? null,
    },
  });
}

/** A customer who signed in from Berlin on a known browser an hour ago. */
export async function customerSeenInBerlin() {
  const user = await createUser();
  const cookie = `device-${unique()}`;
  const ip = uniqueIp();
  await db.device.create({ data: { userId: user.id, cookieIdHash: hashToken(cookie), lastCountry: "DE" } });
  await attempt({
    userId: user.id,
    email: user.emailNormalized,
    result: "SUCCEEDED",
    ip,
    at: hoursAgo(1),
    location: BERLIN,
  });
  return { user, cookie, ip };
}
