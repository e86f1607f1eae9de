/**
 * Passkey state shared by app instances, on SQLite and PostgreSQL (docs/decisions/0006): two
 * Prisma clients play two instances on one database. A challenge is single use and expires; one
 * issued through instance A is consumed exactly once even when A and B race for it; the signature
 * counter only moves up whichever instance writes last.
 */
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { CHALLENGE_TTL_MS, consumeChallenge, issueChallenge } from "@/lib/server/passkeys/challenges";
import { recordPasskeyUse } from "@/lib/server/passkeys/passkey-authentication";
import { ensureWebAuthnUserId } from "@/lib/server/passkeys/passkey-registration";

const instanceA = createPrismaClient();
const instanceB = createPrismaClient();

afterAll(async () => {
  await Promise.all([instanceA.$disconnect(), instanceB.$disconnect()]);
});

async function customer() {
  const email = `passkeys.${Date.now()}.${Math.random().toString(36).slice(2)}@example.com`;
  return instanceA.user.create({ data: { email, emailNormalized: email } });
}

describe("WebAuthn challenges", () => {
  it("are single use", async () => {
    const challenge = await issueChallenge(instanceA, { purpose: "AUTHENTICATION" });
    expect(await consumeChallenge(instanceA, { challenge, purpose: "AUTHENTICATION" })).toBe(true);
    expect(await consumeChallenge(instanceA, { challenge, purpose: "AUTHENTICATION" })).toBe(false);
  });

  it("expire after five minutes", async () => {
    const issuedAt = new Date(Date.now() - CHALLENGE_TTL_MS - 1000);
    const challenge = await issueChallenge(instanceA, { purpose: "AUTHENTICATION", now: issuedAt });
    expect(await consumeChallenge(instanceA, { challenge, purpose: "AUTHENTICATION" })).toBe(false);
    const fresh = await issueChallenge(instanceA, { purpose: "AUTHENTICATION" });
    const almostExpired = new Date(Date.now() + CHALLENGE_TTL_MS - 1000);
    expect(
      await consumeChallenge(instanceA, { challenge: fresh, purpose: "AUTHENTICATION", now: almostExpired }),
    ).toBe(true);
  });

  it("only match their purpose and user", async () => {
    const user = await customer();
    const other = await customer();
    const challenge = await issueChallenge(instanceA, { purpose: "REGISTRATION", userId: user.id });
    expect(await consumeChallenge(instanceA, { challenge, purpose: "AUTHENTICATION" })).toBe(false);
    expect(await consumeChallenge(instanceA, { challenge, purpose: "REGISTRATION", userId: other.id })).toBe(
      false,
    );
    expect(await consumeChallenge(instanceA, { challenge, purpose: "REGISTRATION", userId: null })).toBe(
      false,
    );
    expect(await consumeChallenge(instanceA, { challenge, purpose: "REGISTRATION", userId: user.id })).toBe(
      true,
    );
  });

  it("issued on instance A are consumed exactly once when A and B race", async () => {
    for (let round = 0; round < 10; round++) {
      const challenge = await issueChallenge(instanceA, { purpose: "AUTHENTICATION" });
      const results = await Promise.all([
        consumeChallenge(instanceA, { challenge, purpose: "AUTHENTICATION" }),
        consumeChallenge(instanceB, { challenge, purpose: "AUTHENTICATION" }),
        consumeChallenge(instanceB, { challenge, purpose: "AUTHENTICATION" }),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
    }
  });
});

describe("passkey records", () => {
  it("keep the highest signature counter when two instances record uses at once", async () => {
    const user = await customer();
    const passkey = await instanceA.passkey.create({
      data: {
        userId: user.id,
        credentialId: `cred-${user.id}`,
        publicKey: new Uint8Array([1, 2, 3]),
        counter: 10n,
        deviceType: "SINGLE_DEVICE",
        backedUp: false,
        name: "Test",
      },
    });
    await Promise.all([
      recordPasskeyUse(instanceA, { passkeyId: passkey.id, newCounter: 12, backedUp: false }),
      recordPasskeyUse(instanceB, { passkeyId: passkey.id, newCounter: 11, backedUp: false }),
    ]);
    expect((await instanceB.passkey.findUniqueOrThrow({ where: { id: passkey.id } })).counter).toBe(12n);
    // A late, lower value (an older assertion landing last) never moves it back.
    await recordPasskeyUse(instanceB, { passkeyId: passkey.id, newCounter: 11, backedUp: true });
    const after = await instanceA.passkey.findUniqueOrThrow({ where: { id: passkey.id } });
    expect(after.counter).toBe(12n);
    expect(after.backedUp).toBe(true);
    expect(after.lastUsedAt).not.toBeNull();
  });

  it("give a user one WebAuthn user handle even when two instances create it at once", async () => {
    const user = await customer();
    const [a, b] = await Promise.all([
      ensureWebAuthnUserId(instanceA, user.id),
      ensureWebAuthnUserId(instanceB, user.id),
    ]);
    expect(a).toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
