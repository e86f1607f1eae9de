import "server-only";
/**
 * SEPA direct-debit mandates. The mandate text is the published version of the consent purpose
 * `sepa_mandate` (versioned, per language, hashed like every consent text), and granting it is a
 * consent record (source PAYMENT_SETUP) that the SepaMandate row points at: the record proves which
 * wording, version and language the customer agreed to, and when.
 */
import { randomBytes } from "node:crypto";
import { getEnv } from "@/lib/env";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { recordConsent } from "@/lib/server/consent/record-consent";
import type { Locale } from "@/lib/i18n/config";
import { db, type Tx } from "@/lib/db";
import { customerActor } from "@/lib/server/actor";

export type MandateClient = { ip: string | null; userAgent: string | null };

export const SEPA_MANDATE_PURPOSE = "sepa_mandate";

/**
 * The creditor named in every mandate: SEPA_CREDITOR_NAME and SEPA_CREDITOR_ID (validated at start;
 * the default is the Deutsche Bundesbank's test identifier, refused on a public URL).
 */
export function sepaCreditor(): { name: string; identifier: string } {
  return getEnv().sepaCreditor;
}

export type MandateText = {
  version: number;
  locale: string;
  title: string;
  body: string;
  textHash: string;
};

/** The current mandate text in `locale` (falling back like recordConsent does), or null if unseeded. */
export async function getMandateText(
  locale: Locale,
  { tx = db }: { tx?: Tx } = {},
): Promise<MandateText | null> {
  const version = await tx.consentPurposeVersion.findFirst({
    where: { purpose: { key: SEPA_MANDATE_PURPOSE }, publishedAt: { not: null } },
    orderBy: { version: "desc" },
    include: { texts: true },
  });
  const text = version?.texts.find((t) => t.locale === locale) ?? version?.texts[0];
  if (!version || !text) return null;
  return {
    version: version.version,
    locale: text.locale,
    title: text.title,
    body: text.body,
    textHash: text.textHash,
  };
}

/** "KP-20261121-7G4K2M9QXA": creditor prefix, date, 10 random base32 characters (35 at most). */
function newMandateReference(now: Date): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const random = Array.from(randomBytes(10), (b) => alphabet[b % alphabet.length]).join("");
  return `KP-${now.toISOString().slice(0, 10).replaceAll("-", "")}-${random}`;
}

export class MandateTextChangedError extends Error {
  constructor() {
    super("The mandate text changed after the form was shown");
    this.name = "MandateTextChangedError";
  }
}

/**
 * Grants a mandate for `bankAccountId`: consent record + mandate row + audit event, in `tx`.
 * `shownTextHash` is the hash of the text the form displayed; a newer text must be read first.
 */
export async function grantMandate(
  opts: {
    userId: string;
    bankAccountId: string;
    locale: Locale;
    shownTextHash: string | undefined;
    client: MandateClient;
  },
  { tx = db }: { tx?: Tx } = {},
): Promise<{ mandateReference: string }> {
  const text = await getMandateText(opts.locale, { tx });
  if (!text) throw new Error(`consent purpose "${SEPA_MANDATE_PURPOSE}" is not seeded`);
  if (opts.shownTextHash !== text.textHash) throw new MandateTextChangedError();
  await recordConsent(
    {
      userId: opts.userId,
      purposeKey: SEPA_MANDATE_PURPOSE,
      action: "GRANTED",
      source: "PAYMENT_SETUP",
      locale: opts.locale,
      ip: opts.client.ip,
      userAgent: opts.client.userAgent,
    },
    { tx },
  );
  // recordConsent moved the purpose's state to the record it just wrote.
  const state = await tx.consentState.findFirstOrThrow({
    where: { userId: opts.userId, purpose: { key: SEPA_MANDATE_PURPOSE } },
    select: { lastRecordId: true },
  });
  const mandate = await tx.sepaMandate.create({
    data: {
      userId: opts.userId,
      bankAccountId: opts.bankAccountId,
      mandateReference: newMandateReference(new Date()),
      creditorIdentifier: sepaCreditor().identifier,
      textVersion: String(text.version),
      textLocale: text.locale,
      textHash: text.textHash,
      consentRecordId: state.lastRecordId,
    },
  });
  await writeAuditEvent(tx, {
    type: "sepa_mandate.granted",
    actor: customerActor(opts.userId, opts.client),
    subject: opts.userId,
    target: { type: "SepaMandate", id: mandate.id },
    metadata: {
      bankAccountId: opts.bankAccountId,
      mandateReference: mandate.mandateReference,
      textVersion: text.version,
      textLocale: text.locale,
    },
  });
  return { mandateReference: mandate.mandateReference };
}

/**
 * Ends the active mandates of one account (its IBAN changed, or it is being removed) and, when
 * the customer has no active mandate left, records the withdrawal so the consent state stays true.
 * Returns the ended mandate references for the caller's audit event.
 */
export async function endMandates(
  opts: { userId: string; bankAccountId: string; locale: Locale; client: MandateClient },
  { tx = db }: { tx?: Tx } = {},
): Promise<string[]> {
  const active = await tx.sepaMandate.findMany({
    where: { userId: opts.userId, bankAccountId: opts.bankAccountId, revokedAt: null },
    select: { id: true, mandateReference: true },
  });
  if (active.length === 0) return [];
  await tx.sepaMandate.updateMany({
    where: { id: { in: active.map((m) => m.id) }, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  const remaining = await tx.sepaMandate.count({
    where: { userId: opts.userId, revokedAt: null, bankAccountId: { not: opts.bankAccountId } },
  });
  if (remaining === 0) {
    await recordConsent(
      {
        userId: opts.userId,
        purposeKey: SEPA_MANDATE_PURPOSE,
        action: "WITHDRAWN",
        source: "PAYMENT_SETUP",
        locale: opts.locale,
        ip: opts.client.ip,
        userAgent: opts.client.userAgent,
      },
      { tx },
    );
  }
  return active.map((m) => m.mandateReference);
}
