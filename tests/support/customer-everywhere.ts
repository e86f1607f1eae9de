/**
 * A customer with a row in every model that can hold personal data, and the search for every row
 * that still mentions them, for the erasure test. `db` is this module's own client: vitest loads
 * the module once per test file, and the file disconnects it in `afterAll`.
 */
import { randomUUID } from "node:crypto";
import { Prisma } from "@/lib/generated/prisma-sqlite/client";
import { hashToken } from "@/lib/server/crypto/token-hash";
import { createPrismaClient, type Db } from "@/lib/db/prisma-client";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { rateLimitKey } from "@/lib/server/rate-limit/rate-limit";
import { prepareDataExport } from "@/lib/server/privacy/data-exports";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { customerActor } from "@/lib/server/actor";

export const db = createPrismaClient();

export const client: ClientInfo = {
  ip: "203.0.113.99",
  userAgent: "vitest erasure",
  browser: "Vitest",
  os: "Linux",
  location: null,
};
export const DAY = 24 * 60 * 60 * 1000;

/** A customer with a row in every model that can hold personal data; the marker is in each. */
export async function customerEverywhere() {
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
      phoneVerificationCodes: {
        create: { phoneE164: "+4915199999999", codeHash: marker, expiresAt: new Date(Date.now() + 60_000) },
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
export async function rowsMentioning(client: Db, marker: string, userId: string): Promise<string[]> {
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
