/**
 * One browser, several sign-ins at once (a double-clicked button, two tabs restoring, a retried
 * request): the device record is the same browser, so every sign-in succeeds and exactly one
 * Device row exists for it. Before the fix, recordDeviceSignIn looked the device up and then
 * created it; on PostgreSQL the second transaction's INSERT hit the unique (userId, cookieIdHash)
 * constraint and the sign-in failed with P2002 (the flaky CI failure of 2026-12-06).
 */
import { afterAll, describe, expect, it } from "vitest";
import { databaseKind, resolveDatabaseUrl } from "@/lib/db/database-url";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { hashToken } from "@/lib/server/crypto/token-hash";
import { recordDeviceSignIn } from "@/lib/server/devices/devices";
import { signInWithPassword } from "@/lib/server/identity/sign-in";
import { hashPassword } from "@/lib/server/passwords/password-hash";
import type { ClientInfo } from "@/lib/server/request/client-info";

const db = createPrismaClient();
// A second app instance on the same PostgreSQL. Two clients on one SQLite file fail a deferred
// transaction's first write with SQLITE_BUSY instead (issue 16); there one client serialises them.
const isPostgres = databaseKind(resolveDatabaseUrl(process.env.DATABASE_URL)) === "postgres";
const other = isPostgres ? createPrismaClient() : db;
afterAll(() => Promise.all([db.$disconnect(), other.$disconnect()]));

const password = "Ein Browser, viele Klicks gleichzeitig";
const client: ClientInfo = {
  ip: "192.0.2.77",
  userAgent: "Firefox race",
  browser: "Firefox",
  os: "Linux",
  location: null,
};
const unique = () => `${Date.now()}.${Math.random().toString(36).slice(2)}`;

async function customer() {
  const email = `device-race.${unique()}@example.com`;
  const user = await db.user.create({
    data: {
      email,
      emailNormalized: email,
      passwordCredential: { create: { hash: await hashPassword(password) } },
    },
  });
  return { id: user.id, email };
}

describe("parallel sign-ins from one browser", () => {
  it("transactions that all look the device up before any commits record one device, none fails", async () => {
    const user = await customer();
    const cookie = `cookie-${unique()}`;
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        (i % 2 ? other : db).$transaction(
          async (tx) => {
            const recorded = await recordDeviceSignIn(
              { userId: user.id, deviceCookieId: cookie, client },
              { tx },
            );
            // Hold the transaction open, as the door does while it writes session, attempt and
            // audit: every other transaction has done its own lookup by the time this one commits.
            await new Promise((resolve) => setTimeout(resolve, 150));
            return recorded;
          },
          { timeout: 20_000 },
        ),
      ),
    );
    const devices = await db.device.findMany({ where: { userId: user.id } });
    expect(devices).toHaveLength(1);
    expect(devices[0]?.cookieIdHash).toBe(hashToken(cookie));
    expect(new Set(results.map((r) => r.deviceId))).toEqual(new Set([devices[0]?.id]));
    // Exactly one of them saw a new device: the notice mail is sent once, not once per click.
    expect(results.filter((r) => r.isNewDevice)).toHaveLength(1);
    expect(results.every((r) => !r.hadOtherDevices || !r.isNewDevice)).toBe(true);
  });

  it("four first sign-ins at once with the same browser cookie all open a session on one device", async () => {
    const user = await customer();
    const cookie = `cookie-${unique()}`;
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        signInWithPassword({
          email: user.email,
          password,
          rememberMe: false,
          deviceCookieId: cookie,
          client,
        }),
      ),
    );
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true]);
    const devices = await db.device.findMany({ where: { userId: user.id } });
    expect(devices).toHaveLength(1);
    const sessions = await db.session.findMany({ where: { userId: user.id } });
    expect(sessions).toHaveLength(4);
    expect(sessions.every((s) => s.deviceId === devices[0]?.id)).toBe(true);
    // The first sign-in ever is no "new device" notice (there was no other device to compare with).
    expect(
      await db.auditEvent.count({ where: { subjectUserId: user.id, type: "auth.new_device_notice_sent" } }),
    ).toBe(0);
  });
});
