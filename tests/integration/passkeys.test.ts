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
    const challenge = await issueChallenge({ purpose: "AUTHENTICATION" }, { tx: instanceA });
    expect(await consumeChallenge({ challenge, purpose: "AUTHENTICATION" }, { tx: instanceA })).toBe(true);
    expect(await consumeChallenge({ challenge, purpose: "AUTHENTICATION" }, { tx: instanceA })).toBe(false);
  });

  it("expire after five minutes", async () => {
    const issuedAt = new Date(Date.now() - CHALLENGE_TTL_MS - 1000);
    const challenge = await issueChallenge({ purpose: "AUTHENTICATION", now: issuedAt }, { tx: instanceA });
    expect(await consumeChallenge({ challenge, purpose: "AUTHENTICATION" }, { tx: instanceA })).toBe(false);
    const fresh = await issueChallenge({ purpose: "AUTHENTICATION" }, { tx: instanceA });
    const almostExpired = new Date(Date.now() + CHALLENGE_TTL_MS - 1000);
    expect(
      await consumeChallenge(
        { challenge: fresh, purpose: "AUTHENTICATION", now: almostExpired },
        { tx: instanceA },
      ),
    ).toBe(true);
  });

  it("only match their purpose and user", async () => {
    const user = await customer();
    const other = await customer();
    const challenge = await issueChallenge({ purpose: "REGISTRATION", userId: user.id }, { tx: instanceA });
    expect(await consumeChallenge({ challenge, purpose: "AUTHENTICATION" }, { tx: instanceA })).toBe(false);
    expect(
      await consumeChallenge({ challenge, purpose: "REGISTRATION", userId: other.id }, { tx: instanceA }),
    ).toBe(false);
    expect(
      await consumeChallenge({ challenge, purpose: "REGISTRATION", userId: null }, { tx: instanceA }),
    ).toBe(false);
    expect(
      await consumeChallenge({ challenge, purpose: "REGISTRATION", userId: user.id }, { tx: instanceA }),
    ).toBe(true);
  });

  it("issued on instance A are consumed exactly once when A and B race", async () => {
    for (let round = 0; round < 10; round++) {
      const challenge = await issueChallenge({ purpose: "AUTHENTICATION" }, { tx: instanceA });
      const results = await Promise.all([
        consumeChallenge({ challenge, purpose: "AUTHENTICATION" }, { tx: instanceA }),
        consumeChallenge({ challenge, purpose: "AUTHENTICATION" }, { tx: instanceB }),
        consumeChallenge({ challenge, purpose: "AUTHENTICATION" }, { tx: instanceB }),
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
      recordPasskeyUse({ passkeyId: passkey.id, newCounter: 12, backedUp: false }, { tx: instanceA }),
      recordPasskeyUse({ passkeyId: passkey.id, newCounter: 11, backedUp: false }, { tx: instanceB }),
    ]);
    expect((await instanceB.passkey.findUniqueOrThrow({ where: { id: passkey.id } })).counter).toBe(12n);
    // A late, lower value (an older assertion landing last) never moves it back.
    await recordPasskeyUse({ passkeyId: passkey.id, newCounter: 11, backedUp: true }, { tx: instanceB });
    const after = await instanceA.passkey.findUniqueOrThrow({ where: { id: passkey.id } });
    expect(after.counter).toBe(12n);
    expect(after.backedUp).toBe(true);
    expect(after.lastUsedAt).not.toBeNull();
  });

  it("give a user one WebAuthn user handle even when two instances create it at once", async () => {
    const user = await customer();
    const [a, b] = await Promise.all([
      ensureWebAuthnUserId(user.id, { tx: instanceA }),
      ensureWebAuthnUserId(user.id, { tx: instanceB }),
    ]);
    expect(a).toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
