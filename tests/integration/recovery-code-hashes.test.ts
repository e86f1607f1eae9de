/**
 * Recovery codes at rest (docs/decisions/0025), on SQLite and PostgreSQL: new
 * codes are stored as a keyed hash (HMAC under a key derived from AUTH_SECRET), so a copy of the
 * database alone cannot test the ~50-bit codes offline; codes stored by an older version as plain
 * SHA-256 keep working (once each) and are re-keyed in place, at their owner's next use or by
 * `npm run jobs`, without anyone knowing the codes.
 */
import { createHash } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { decryptValue } from "@/lib/server/crypto/encryption";
import { consumeRecoveryCode } from "@/lib/server/factors/recovery-code-store";
import { generateRecoveryCodes, normalizeRecoveryCode } from "@/lib/server/factors/recovery-codes";
import { generateTotpCode } from "@/lib/server/factors/totp";
import { confirmTotpEnrolment, startTotpEnrolment } from "@/lib/server/factors/totp-factors";
import { runJobs } from "@/lib/server/privacy/jobs";

const db = createPrismaClient();
afterAll(() => db.$disconnect());

const client = { ip: "198.51.100.70", userAgent: "vitest", browser: null, os: null, location: null };
const sha256 = (code: string) => createHash("sha256").update(normalizeRecoveryCode(code)).digest("hex");

async function customer() {
  const email = `recovery.${Date.now()}.${Math.random().toString(36).slice(2)}@example.com`;
  return db.user.create({
    data: {
      email,
      emailNormalized: email,
      emailVerifiedAt: new Date(),
      roles: { create: { role: "CUSTOMER" } },
    },
  });
}

/** Codes as a version before the keyed hash stored them: SHA-256 hex of the normalised code. */
async function customerWithLegacyCodes() {
  const user = await customer();
  const codes = generateRecoveryCodes(3);
  await db.recoveryCode.createMany({
    data: codes.map((code) => ({ userId: user.id, codeHash: sha256(code) })),
  });
  return { userId: user.id, codes };
}

const use = (userId: string, code: string) =>
  db.$transaction((tx) => consumeRecoveryCode({ userId, code, client }, { tx }));

describe("recovery codes at rest", () => {
  it("are stored as a keyed hash, never as the plain SHA-256 of the code", async () => {
    const user = await customer();
    await startTotpEnrolment(user.id);
    const factor = await db.totpFactor.findUniqueOrThrow({ where: { userId: user.id } });
    const secret = decryptValue(factor.secretCiphertext);
    const codes = await confirmTotpEnrolment({ userId: user.id, code: generateTotpCode({ secret }), client });
    if (!codes) throw new Error("enrolment failed");

    const stored = (await db.recoveryCode.findMany({ where: { userId: user.id } })).map((r) => r.codeHash);
    expect(stored).toHaveLength(10);
    for (const hash of stored) expect(hash).toMatch(/^k1:[A-Za-z0-9_-]{43}$/);
    for (const code of codes) expect(stored).not.toContain(sha256(code));
    // Each still works exactly once.
    expect(await use(user.id, codes[0] ?? "")).toBe(9);
    expect(await use(user.id, codes[0] ?? "")).toBeNull();
  });

  it("stored by an older version still work once each, and are re-keyed at the first use", async () => {
    const { userId, codes } = await customerWithLegacyCodes();
    expect(await use(userId, codes[0] ?? "")).toBe(2);
    const stored = (await db.recoveryCode.findMany({ where: { userId } })).map((r) => r.codeHash);
    for (const hash of stored) expect(hash).toMatch(/^k1:/);
    expect(await use(userId, codes[0] ?? "")).toBeNull();
    expect(await use(userId, codes[1] ?? "")).toBe(1);
  });

  it("stored by an older version are re-keyed by `npm run jobs`, and still work", async () => {
    const { userId, codes } = await customerWithLegacyCodes();
    const report = await runJobs({}, { tx: db });
    expect(report.recoveryCodesRekeyed).toBeGreaterThanOrEqual(3);
    const stored = (await db.recoveryCode.findMany({ where: { userId } })).map((r) => r.codeHash);
    for (const hash of stored) expect(hash).toMatch(/^k1:/);
    expect((await runJobs({}, { tx: db })).recoveryCodesRekeyed).toBe(0);
    expect(await use(userId, codes[2] ?? "")).toBe(2);
  });
});
