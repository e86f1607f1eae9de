import "server-only";
/**
 * "Download my data" (GDPR Art. 15 and 20): everything the portal holds about one customer, as
 * plain JSON. Secrets are left out (password hash, token and code hashes, TOTP secret, passkey
 * public keys): they are not information about the person and would only help an attacker who
 * gets hold of the file. IBANs are masked like everywhere else (docs/decisions/0016).
 */
import { dataKeys, maskStoredIban } from "@/lib/server/bank-accounts/iban-crypto";
import { db, type Tx } from "@/lib/db";
import { collectExportOrders } from "./export-orders";

export const EXPORT_FORMAT = "kundenportal-data-export";
export const EXPORT_FORMAT_VERSION = 1;

/** JSON-safe copy: dates as ISO strings, BigInt as numbers, undefined dropped. */
function plain<T>(value: T): unknown {
  return JSON.parse(
    JSON.stringify(value, (_key, inner: unknown) => (typeof inner === "bigint" ? Number(inner) : inner)),
  );
}

/** The row without internal columns that mean nothing to the customer. */
function omit<T extends object, K extends keyof T>(row: T, keys: readonly K[]): Omit<T, K> {
  const copy = { ...row };
  for (const key of keys) delete copy[key];
  return copy;
}

export type ExportData = {
  format: typeof EXPORT_FORMAT;
  formatVersion: number;
  generatedAt: string;
  account: Record<string, unknown>;
  profile: unknown;
  profileAttributes: unknown[];
  profilingPrompts: unknown[];
  addresses: unknown[];
  bankAccounts: unknown[];
  communication: { preferences: unknown; topicSubscriptions: unknown[]; pushSubscriptions: unknown[] };
  consents: { current: unknown[]; history: unknown[] };
  security: Record<string, unknown>;
  sessions: unknown[];
  devices: unknown[];
  signInHistory: unknown[];
  transactionConfirmations: unknown[];
  orders: unknown[];
  returns: unknown[];
  dataExports: unknown[];
  auditEvents: unknown[];
};

/** Reads the customer's rows (every query filtered by userId) and returns the export document. */
export async function collectExportData(
  { userId, now = new Date() }: { userId: string; now?: Date },
  { tx = db }: { tx?: Tx } = {},
): Promise<ExportData> {
  const user = await tx.user.findUniqueOrThrow({
    where: { id: userId },
    include: { roles: { select: { role: true, grantedAt: true } } },
  });
  const where = { userId };
  const [
    profile,
    profileAttributes,
    profilingPrompts,
    addresses,
    bankAccounts,
    preferences,
    topicSubscriptions,
    pushSubscriptions,
    consentStates,
    consentRecords,
    password,
    passkeys,
    totp,
    recoveryCodes,
    socialIdentities,
    sessions,
    devices,
    signIns,
    transactions,
    exports,
    auditEvents,
    orderData,
  ] = await Promise.all([
    tx.profile.findUnique({ where }),
    tx.profileAttributeValue.findMany({ where, orderBy: { attributeKey: "asc" } }),
    tx.profilingPrompt.findMany({ where, orderBy: { attributeKey: "asc" } }),
    tx.address.findMany({ where, orderBy: { createdAt: "asc" } }),
    tx.bankAccount.findMany({ where, orderBy: { createdAt: "asc" }, include: { sepaMandates: true } }),
    tx.communicationPreference.findUnique({ where }),
    tx.topicSubscription.findMany({ where, orderBy: { createdAt: "asc" } }),
    tx.pushSubscription.findMany({ where, orderBy: { createdAt: "asc" } }),
    tx.consentState.findMany({
      where,
      include: { purpose: { select: { key: true } }, version: { select: { version: true } } },
    }),
    tx.consentRecord.findMany({
      where,
      orderBy: { createdAt: "asc" },
      include: {
        purpose: { select: { key: true, legalBasis: true } },
        version: { select: { version: true } },
      },
    }),
    tx.passwordCredential.findUnique({ where, select: { changedAt: true, createdAt: true } }),
    tx.passkey.findMany({ where, orderBy: { createdAt: "asc" } }),
    tx.totpFactor.findUnique({ where, select: { confirmedAt: true, lastUsedAt: true, createdAt: true } }),
    tx.recoveryCode.findMany({ where, select: { usedAt: true, createdAt: true } }),
    tx.socialIdentity.findMany({ where, orderBy: { linkedAt: "asc" } }),
    tx.session.findMany({ where, orderBy: { createdAt: "asc" } }),
    tx.device.findMany({ where, orderBy: { firstSeenAt: "asc" } }),
    tx.signInAttempt.findMany({ where, orderBy: { createdAt: "asc" } }),
    tx.transactionConfirmation.findMany({ where, orderBy: { createdAt: "asc" } }),
    tx.dataExport.findMany({ where, orderBy: { requestedAt: "asc" } }),
    tx.auditEvent.findMany({ where: { subjectUserId: userId }, orderBy: { createdAt: "asc" } }),
    collectExportOrders(tx, userId),
  ]);
  const keys = dataKeys().all;

  const data: ExportData = {
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    generatedAt: now.toISOString(),
    account: {
      id: user.id,
      email: user.email,
      emailVerifiedAt: user.emailVerifiedAt,
      customerNumber: user.customerNumber,
      displayName: user.displayName,
      locale: user.locale,
      status: user.status,
      roles: user.roles,
      signInCount: user.signInCount,
      lastSignInAt: user.lastSignInAt,
      deletionRequestedAt: user.deletionRequestedAt,
      deletionScheduledFor: user.deletionScheduledFor,
      createdAt: user.createdAt,
      updatedAt: user.updatedAt,
    },
    profile: profile && {
      firstName: profile.firstName,
      lastName: profile.lastName,
      dateOfBirth: profile.dateOfBirth,
      phone: profile.phoneE164,
      phoneVerifiedAt: profile.phoneVerifiedAt,
      createdAt: profile.createdAt,
      updatedAt: profile.updatedAt,
    },
    profileAttributes: profileAttributes.map((a) => ({
      attribute: a.attributeKey,
      value: a.value,
      source: a.source,
      createdAt: a.createdAt,
      updatedAt: a.updatedAt,
    })),
    profilingPrompts: profilingPrompts.map((row) => omit(row, ["id", "userId"])),
    addresses: addresses.map((row) => omit(row, ["userId"])),
    bankAccounts: bankAccounts.map((account) => ({
      id: account.id,
      holderName: account.holderName,
      ibanMasked: maskStoredIban(account, keys),
      bic: account.bic,
      bankName: account.bankName,
      isDefault: account.isDefault,
      createdAt: account.createdAt,
      updatedAt: account.updatedAt,
      sepaMandates: account.sepaMandates.map((m) => ({
        mandateReference: m.mandateReference,
        creditorIdentifier: m.creditorIdentifier,
        signedAt: m.signedAt,
        textVersion: m.textVersion,
        textLocale: m.textLocale,
        textHash: m.textHash,
        revokedAt: m.revokedAt,
      })),
    })),
    communication: {
      preferences: preferences && {
        emailEnabled: preferences.emailEnabled,
        pushEnabled: preferences.pushEnabled,
        smsEnabled: preferences.smsEnabled,
        frequency: preferences.frequency,
        serviceNotices: { email: preferences.serviceEmailEnabled, push: preferences.servicePushEnabled },
        updatedAt: preferences.updatedAt,
      },
      topicSubscriptions: topicSubscriptions.map((row) => omit(row, ["id", "userId", "consentRecordId"])),
      pushSubscriptions: pushSubscriptions.map((p) => ({
        deviceLabel: p.deviceLabel,
        userAgent: p.userAgent,
        allowsTransactional: p.allowsTransactional,
        allowsMarketing: p.allowsMarketing,
        createdAt: p.createdAt,
        lastUsedAt: p.lastUsedAt,
      })),
    },
    consents: {
      current: consentStates.map((s) => ({
        purpose: s.purpose.key,
        version: s.version.version,
        state: s.lastAction,
        since: s.updatedAt,
      })),
      history: consentRecords.map((r) => ({
        purpose: r.purpose.key,
        legalBasis: r.purpose.legalBasis,
        version: r.version.version,
        action: r.action,
        source: r.source,
        locale: r.locale,
        textHash: r.textHash,
        ip: r.ip,
        userAgent: r.userAgent,
        at: r.createdAt,
      })),
    },
    security: {
      password: password ? { setAt: password.createdAt, changedAt: password.changedAt } : null,
      passkeys: passkeys.map((p) => ({
        name: p.name,
        deviceType: p.deviceType,
        backedUp: p.backedUp,
        createdAt: p.createdAt,
        lastUsedAt: p.lastUsedAt,
      })),
      authenticatorApp: totp,
      recoveryCodes: {
        total: recoveryCodes.length,
        unused: recoveryCodes.filter((c) => c.usedAt === null).length,
      },
      socialIdentities: socialIdentities.map((s) => ({
        provider: s.provider,
        email: s.email,
        linkedAt: s.linkedAt,
        lastUsedAt: s.lastUsedAt,
      })),
    },
    sessions: sessions.map((s) => ({
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
      authMethods: s.authMethods,
      ip: s.ip,
      country: s.country,
      city: s.city,
      userAgent: s.userAgent,
      revokedAt: s.revokedAt,
      revokeReason: s.revokeReason,
    })),
    devices: devices.map((d) => ({
      name: d.name,
      browser: d.browser,
      os: d.os,
      userAgent: d.userAgent,
      firstSeenAt: d.firstSeenAt,
      lastSeenAt: d.lastSeenAt,
      lastIp: d.lastIp,
      lastCountry: d.lastCountry,
      lastCity: d.lastCity,
    })),
    signInHistory: signIns.map((a) => ({
      at: a.createdAt,
      method: a.method,
      secondFactorMethod: a.secondFactorMethod,
      result: a.result,
      riskLevel: a.riskLevel,
      ip: a.ip,
      country: a.country,
      city: a.city,
      userAgent: a.userAgent,
    })),
    transactionConfirmations: transactions.map((c) => ({
      kind: c.kind,
      details: c.details,
      status: c.status,
      method: c.method,
      createdAt: c.createdAt,
      confirmedAt: c.confirmedAt,
      rejectedAt: c.rejectedAt,
    })),
    ...orderData,
    dataExports: exports.map((e) => ({
      requestedAt: e.requestedAt,
      status: e.status,
      readyAt: e.readyAt,
      downloadedAt: e.downloadedAt,
    })),
    auditEvents: auditEvents.map((e) => ({
      sequence: e.sequence,
      type: e.type,
      at: e.createdAt,
      actorRole: e.actorRole,
      byThemselves: e.actorId === userId,
      targetType: e.targetType,
      ip: e.ip,
      userAgent: e.userAgent,
      details: e.metadata,
    })),
  };
  return plain(data) as ExportData;
}
