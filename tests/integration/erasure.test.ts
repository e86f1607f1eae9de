/**
 * Account deletion through the real domain functions, on SQLite and PostgreSQL: a request ends every
 * session and schedules the erasure after the grace period; cancelling restores the account; the
 * jobs run as of a later time erases every personal row in every model, blanks the personal
 * columns of the person's audit events and the audit chain still verifies.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma-sqlite/client";
import { hashToken } from "@/lib/server/crypto/token-hash";
import { getEnv } from "@/lib/env";
import { createPrismaClient, type Db } from "@/lib/db/prisma-client";
import { AUDIT_CHAIN_HEAD_ID } from "@/lib/server/audit/audit-hash";
import { verifyAuditChain } from "@/lib/server/audit/verify-audit-chain";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { rateLimitKey } from "@/lib/server/rate-limit/rate-limit";
import { cancelAccountDeletion, requestAccountDeletion } from "@/lib/server/privacy/account-deletion";
import { prepareDataExport } from "@/lib/server/privacy/data-exports";
import { runJobs } from "@/lib/server/privacy/jobs";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { customerActor } from "@/lib/server/actor";

const db = createPrismaClient();
afterAll(() => db.$disconnect());

// The chain is one per database and other files insert raw audit rows; like audit-log.test.ts this
// file starts from an empty chain (files run one after another).
beforeAll(async () => {
  await db.auditEvent.deleteMany({});
  await db.auditChainHead.upsert({
    where: { id: AUDIT_CHAIN_HEAD_ID },
    create: { id: AUDIT_CHAIN_HEAD_ID, sequence: 0 },
    update: { sequence: 0, hash: null },
  });
});

const client: ClientInfo = {
  ip: "203.0.113.99",
  userAgent: "vitest erasure",
  browser: "Vitest",
  os: "Linux",
  location: null,
};
const DAY = 24 * 60 * 60 * 1000;

/** A customer with a row in every model that can hold personal data; the marker is in each. */
async function customerEverywhere() {
  const marker = `erasure${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const email = `${marker}@example.com`;
  const user = await db.user.create({
    data: {
      email,
      emailNormalized: email,
      displayName: `Name ${marker}`,
      roles: { create: { role: "CUSTOMER" } },
      profile: { create: { firstName: marker, lastName: "Muster", phoneE164: "+4915112345678" } },
      profileAttributes: {
        create: { attributeKey: "shoeSize", value: { size: 42, note: marker }, source: "PROFILE_FORM" },
      },
      profilingPrompts: { create: { attributeKey: "dateOfBirth", timesAsked: 1 } },
      passwordCredential: { create: { hash: `$argon2id$${marker}` } },
      socialIdentities: { create: { provider: "testidp", subject: marker, email } },
      passkeys: {
        create: {
          credentialId: marker,
          publicKey: Buffer.from("key"),
          deviceType: "MULTI_DEVICE",
          backedUp: true,
          name: `Passkey ${marker}`,
        },
      },
      totpFactor: { create: { secretCiphertext: marker, secretKeyId: "k" } },
      recoveryCodes: { create: { codeHash: hashToken(marker) } },
      emailOneTimeCodes: {
        create: { purpose: "STEP_UP", codeHash: marker, expiresAt: new Date(Date.now() + 60_000) },
      },
      verificationTokens: {
        create: {
          tokenHash: hashToken(`t${marker}`),
          purpose: "EMAIL_VERIFICATION",
          expiresAt: new Date(Date.now() + 60_000),
        },
      },
      webauthnChallenges: {
        create: { challenge: marker, purpose: "STEP_UP", expiresAt: new Date(Date.now() + 60_000) },
      },
      devices: {
        create: {
          cookieIdHash: hashToken(`d${marker}`),
          name: `Laptop ${marker}`,
          lastIp: "203.0.113.5",
          lastCity: "Bonn",
        },
      },
      addresses: {
        create: {
          recipientName: `Empf ${marker}`,
          street: `Straße ${marker}`,
          postalCode: "53111",
          city: "Bonn",
          country: "DE",
        },
      },
      communicationPreference: { create: { emailEnabled: true } },
      topicSubscriptions: { create: { topicKey: "offers", confirmedEmail: email, requestIp: "203.0.113.5" } },
      pushSubscriptions: {
        create: {
          endpoint: `https://push.example/${marker}`,
          p256dh: marker,
          auth: marker,
          userAgent: marker,
        },
      },
      transactionConfirmations: {
        create: {
          kind: "order.approve",
          details: { note: marker },
          detailsHash: marker,
          nonce: marker,
          expiresAt: new Date(Date.now() + 60_000),
        },
      },
    },
  });
  const device = await db.device.findFirstOrThrow({ where: { userId: user.id } });
  const session = await db.session.create({
    data: {
      tokenHash: hashToken(`s${marker}`),
      userId: user.id,
      deviceId: device.id,
      idleExpiresAt: new Date(Date.now() + 3_600_000),
      absoluteExpiresAt: new Date(Date.now() + 86_400_000),
      authMethods: ["PASSWORD"],
      ip: "203.0.113.5",
      userAgent: `UA ${marker}`,
    },
  });
  await db.pendingSignIn.create({
    data: {
      tokenHash: hashToken(`p${marker}`),
      userId: user.id,
      firstFactor: "PASSWORD",
      riskLevel: "LOW",
      allowedFactors: ["EMAIL_CODE"],
      ip: "203.0.113.5",
      expiresAt: new Date(Date.now() + 60_000),
    },
  });
  await db.signInAttempt.createMany({
    data: [
      {
        userId: user.id,
        emailNormalized: email,
        method: "PASSWORD",
        result: "SUCCEEDED",
        ip: "203.0.113.5",
        sessionId: session.id,
      },
      // A try before the account existed: no userId, only the address.
      { emailNormalized: email, method: "PASSWORD", result: "INVALID_CREDENTIALS", ip: "203.0.113.6" },
    ],
  });
  await db.rateLimitBucket.create({
    data: {
      key: rateLimitKey("signInAccount", email),
      count: 1,
      expiresAt: new Date(Date.now() + 365 * DAY),
    },
  });
  const purpose = await db.consentPurpose.create({
    data: {
      key: `p_${randomUUID()}`,
      legalBasis: "CONSENT",
      versions: { create: { version: 1, publishedAt: new Date() } },
    },
    include: { versions: true },
  });
  const version = purpose.versions[0]!;
  const record = await db.consentRecord.create({
    data: {
      userId: user.id,
      purposeId: purpose.id,
      versionId: version.id,
      action: "GRANTED",
      source: "CONSENT_CENTRE",
      locale: "de",
      textHash: "b".repeat(64),
      ip: "203.0.113.5",
      userAgent: marker,
    },
  });
  await db.consentState.create({
    data: {
      userId: user.id,
      purposeId: purpose.id,
      versionId: version.id,
      lastAction: "GRANTED",
      lastRecordId: record.id,
    },
  });
  const bank = await db.bankAccount.create({
    data: {
      userId: user.id,
      holderName: `Holder ${marker}`,
      ibanCiphertext: marker,
      ibanKeyId: "k",
      ibanLast4: "3000",
      ibanCountry: "DE",
      ibanLength: 22,
    },
  });
  await db.sepaMandate.create({
    data: {
      userId: user.id,
      bankAccountId: bank.id,
      mandateReference: marker,
      creditorIdentifier: "DE98ZZZ09999999999",
      textVersion: "1",
      textLocale: "de",
      textHash: "c".repeat(64),
      consentRecordId: record.id,
    },
  });
  await writeAuditEvent(db, {
    type: "profile.updated",
    actor: customerActor(user.id, { ip: "203.0.113.5", userAgent: `UA ${marker}` }),
    subject: user.id,
    metadata: { fields: ["firstName"], note: marker },
  });
  await prepareDataExport({ actor: customerActor(user.id, client) }, { tx: db });
  return { id: user.id, email, marker, purposeId: purpose.id, versionId: version.id };
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

type Delegate = { findMany: (args?: object) => Promise<Record<string, unknown>[]> };

/** Every row of every model, as JSON text, that mentions the marker (audit ids are the pseudonym). */
async function rowsMentioning(client: Db, marker: string, userId: string): Promise<string[]> {
  const hits: string[] = [];
  for (const model of Object.values(Prisma.ModelName)) {
    const delegate = (client as unknown as Record<string, Delegate>)[lowerFirst(model)]!;
    const rows = await delegate.findMany();
    for (const row of rows) {
      const text = JSON.stringify(row, (_k, v: unknown) => (typeof v === "bigint" ? Number(v) : v));
      const withoutPseudonym = model === "AuditEvent" ? text.replaceAll(userId, "") : text;
      if (withoutPseudonym.includes(marker) || withoutPseudonym.includes(userId))
        hits.push(`${model}: ${text.slice(0, 200)}`);
    }
  }
  return hits;
}

describe("account deletion and erasure", () => {
  it("a request ends every session and schedules the erasure; cancelling restores the account", async () => {
    const user = await customerEverywhere();
    const now = new Date();
    const result = await requestAccountDeletion({ actor: customerActor(user.id, client), now }, { tx: db });
    expect(result).toMatchObject({ ok: true, sessionsEnded: 1 });
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.status).toBe("PENDING_DELETION");
    expect(row.deletionScheduledFor!.getTime() - now.getTime()).toBe(getEnv().deletionGraceDays * DAY);
    expect(await db.session.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
    expect(await db.session.count({ where: { userId: user.id, revokeReason: "DELETION_REQUESTED" } })).toBe(
      1,
    );
    expect(await requestAccountDeletion({ actor: customerActor(user.id, client) }, { tx: db })).toEqual({
      ok: false,
      code: "ALREADY_PENDING",
    });

    expect(await cancelAccountDeletion(customerActor(user.id, client), { tx: db })).toBe(true);
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      status: "ACTIVE",
      deletionRequestedAt: null,
      deletionScheduledFor: null,
    });
    expect(await cancelAccountDeletion(customerActor(user.id, client), { tx: db })).toBe(false);
    const types = (
      await db.auditEvent.findMany({ where: { subjectUserId: user.id }, select: { type: true } })
    ).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(["privacy.deletion_requested", "privacy.deletion_cancelled"]),
    );
    // Cancelled: a jobs run long after the would-be date erases nothing.
    await runJobs({ now: new Date(now.getTime() + 100 * DAY) }, { tx: db });
    expect(await db.user.count({ where: { id: user.id } })).toBe(1);
  });

  it("erases every personal row after the grace period, keeps redacted audit events, and the chain verifies", async () => {
    const user = await customerEverywhere();
    const bystander = await customerEverywhere();
    const now = new Date();
    await requestAccountDeletion({ actor: customerActor(user.id, client), now }, { tx: db });

    const early = await runJobs({ now: new Date(now.getTime() + DAY) }, { tx: db });
    expect(early.erased.map((e) => e.userId)).not.toContain(user.id);
    expect(await db.user.count({ where: { id: user.id } })).toBe(1);

    const after = await runJobs(
      { now: new Date(now.getTime() + (getEnv().deletionGraceDays + 1) * DAY) },
      { tx: db },
    );
    expect(after.erased).toEqual([
      expect.objectContaining({ userId: user.id, signInAttemptsDeleted: 2, rateLimitBucketsDeleted: 1 }),
    ]);

    expect(await rowsMentioning(db, user.marker, user.id)).toEqual([]);
    expect(await rowsMentioning(db, user.email, user.id)).toEqual([]);
    // The consent purpose the test created is shared configuration, not personal data: it stays.
    expect(await db.consentPurpose.count({ where: { id: user.purposeId } })).toBe(1);

    const events = await db.auditEvent.findMany({
      where: { subjectUserId: user.id },
      orderBy: { sequence: "asc" },
    });
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining([
        "profile.updated",
        "privacy.export_requested",
        "privacy.deletion_requested",
        "privacy.account_erased",
      ]),
    );
    for (const event of events) {
      expect(event.ip).toBeNull();
      expect(event.userAgent).toBeNull();
      if (event.type === "privacy.account_erased") {
        expect(event.actorRole).toBe("SYSTEM");
      } else {
        expect(event.metadata).toBeNull();
        expect(event.redactedAt).not.toBeNull();
      }
    }
    expect(await verifyAuditChain({ tx: db })).toMatchObject({ ok: true });

    // The other customer is untouched.
    expect(await db.user.count({ where: { id: bystander.id } })).toBe(1);
    expect(await db.address.count({ where: { userId: bystander.id } })).toBe(1);
    expect(await rowsMentioning(db, bystander.marker, bystander.id)).not.toEqual([]);
  });
});
