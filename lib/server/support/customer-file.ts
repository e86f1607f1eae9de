import "server-only";
/**
 * What an agent sees of a customer (docs/decisions/0042): read-only, masked where it is sensitive.
 * The IBAN is only ever the masked form (support has no way to reveal it), the phone number is
 * masked like in the audit log, and of the ways to sign in only the kinds are listed, never a
 * secret, credential id or token. Built from the same readers the customer's own pages use.
 */
import { db } from "@/lib/db";
import { listAddresses, type AddressView } from "@/lib/server/addresses/address-book";
import { listBankAccounts } from "@/lib/server/bank-accounts/bank-account-views";
import { getCommunicationSettings, type CommunicationSettings } from "@/lib/server/communication/preferences";
import { getConsentOverview } from "@/lib/server/consent/consent-overview";
import { maskPhone } from "@/lib/server/profile/profile";
import { findCustomer } from "./access";

export type SignInMethodKind = "PASSWORD" | "PASSKEY" | "TOTP" | "RECOVERY_CODES" | `SOCIAL:${string}`;

export type CustomerFile = {
  id: string;
  email: string;
  customerNumber: string | null;
  emailVerified: boolean;
  locked: { at: Date | null; reason: string | null } | null;
  createdAt: Date;
  lastSignInAt: Date | null;
  name: string | null;
  dateOfBirth: string | null;
  phoneMasked: string | null;
  addresses: AddressView[];
  bankAccounts: { id: string; holderName: string; ibanMasked: string; isDefault: boolean }[];
  consents: { key: string; title: string; status: string; version: number | null; latestVersion: number }[];
  communication: CommunicationSettings;
  devices: { id: string; label: string; lastSeenAt: Date; lastCountry: string | null }[];
  sessions: { id: string; device: string | null; lastSeenAt: Date; country: string | null }[];
  signInMethods: SignInMethodKind[];
};

export async function getCustomerFile(customerId: string, locale: "de" | "en"): Promise<CustomerFile | null> {
  if (!(await findCustomer(customerId))) return null;
  const now = new Date();
  const [user, addresses, bankAccounts, consents, communication] = await Promise.all([
    db.user.findUniqueOrThrow({
      where: { id: customerId },
      include: {
        profile: true,
        passwordCredential: { select: { userId: true } },
        totpFactor: { select: { confirmedAt: true } },
        _count: { select: { passkeys: true, recoveryCodes: { where: { usedAt: null } } } },
        socialIdentities: { select: { provider: true } },
        devices: { orderBy: { lastSeenAt: "desc" }, take: 20 },
        sessions: {
          where: { revokedAt: null, idleExpiresAt: { gt: now }, absoluteExpiresAt: { gt: now } },
          include: { device: { select: { browser: true, os: true } } },
          orderBy: { lastSeenAt: "desc" },
          take: 20,
        },
      },
    }),
    listAddresses(customerId),
    listBankAccounts(customerId),
    getConsentOverview(customerId, locale),
    getCommunicationSettings(customerId),
  ]);
  const methods: SignInMethodKind[] = [];
  if (user.passwordCredential) methods.push("PASSWORD");
  if (user._count.passkeys > 0) methods.push("PASSKEY");
  if (user.totpFactor?.confirmedAt) methods.push("TOTP");
  if (user._count.recoveryCodes > 0) methods.push("RECOVERY_CODES");
  for (const s of user.socialIdentities) methods.push(`SOCIAL:${s.provider}`);
  const name = [user.profile?.firstName, user.profile?.lastName].filter(Boolean).join(" ");
  return {
    id: user.id,
    email: user.email,
    customerNumber: user.customerNumber,
    emailVerified: user.emailVerifiedAt !== null,
    locked: user.status === "LOCKED" ? { at: user.lockedAt, reason: user.lockReason } : null,
    createdAt: user.createdAt,
    lastSignInAt: user.lastSignInAt,
    name: name || null,
    dateOfBirth: user.profile?.dateOfBirth ?? null,
    phoneMasked: maskPhone(user.profile?.phoneE164 ?? null),
    addresses,
    bankAccounts: bankAccounts.map(({ id, holderName, ibanMasked, isDefault }) => ({
      id,
      holderName,
      ibanMasked,
      isDefault,
    })),
    consents: consents.map((c) => ({
      key: c.key,
      title: c.current.title,
      status: c.state.status,
      version: c.state.recordVersion,
      latestVersion: c.current.version,
    })),
    communication,
    devices: user.devices.map((d) => ({
      id: d.id,
      label: d.name ?? ([d.browser, d.os].filter(Boolean).join(" · ") || "?"),
      lastSeenAt: d.lastSeenAt,
      lastCountry: d.lastCountry,
    })),
    sessions: user.sessions.map((s) => ({
      id: s.id,
      device: [s.device?.browser, s.device?.os].filter(Boolean).join(" · ") || null,
      lastSeenAt: s.lastSeenAt,
      country: s.country,
    })),
    signInMethods: methods,
  };
}
