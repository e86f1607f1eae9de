/**
 * `npm run jobs` deletes e-mail and SMS codes a day after they expired, on SQLite and PostgreSQL,
 * and keeps every code that is still valid or expired less than a day ago.
 */
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { pruneExpiredCodes } from "@/lib/server/privacy/prune-codes";

const db = createPrismaClient();
const HOUR = 3_600_000;

afterAll(() => db.$disconnect());

async function customerWithCodes(now: Date) {
  const email = `codes.${Date.now()}.${Math.random().toString(36).slice(2)}@example.com`;
  const user = await db.user.create({ data: { email, emailNormalized: email, emailVerifiedAt: now } });
  const at = (hoursFromNow: number) => new Date(now.getTime() + hoursFromNow * HOUR);
  for (const [name, expiresAt] of [
    ["long-expired", at(-25)],
    ["just-expired", at(-23)],
    ["valid", at(1)],
  ] as const) {
    await db.emailOneTimeCode.create({
      data: { userId: user.id, purpose: "STEP_UP", codeHash: `mail-${name}`, expiresAt },
    });
    await db.phoneVerificationCode.create({
      data: { userId: user.id, phoneE164: "+4915112345678", codeHash: `sms-${name}`, expiresAt },
    });
  }
  return user.id;
}

describe("pruning expired codes", () => {
  it("deletes mailed and texted codes a day past their expiry and keeps the rest", async () => {
    const now = new Date(Date.now() + 1000 * HOUR); // after every other file's codes: only ours count
    const userId = await customerWithCodes(now);

    const deleted = await pruneExpiredCodes({ now }, { tx: db });

    const left = async () => [
      ...(await db.emailOneTimeCode.findMany({ where: { userId }, select: { codeHash: true } })),
      ...(await db.phoneVerificationCode.findMany({ where: { userId }, select: { codeHash: true } })),
    ];
    expect((await left()).map((c) => c.codeHash).sort()).toEqual([
      "mail-just-expired",
      "mail-valid",
      "sms-just-expired",
      "sms-valid",
    ]);
    expect(deleted).toBeGreaterThanOrEqual(2);
    // A second run finds nothing more of ours.
    await pruneExpiredCodes({ now }, { tx: db });
    expect(await left()).toHaveLength(4);
  });
});
