import "server-only";
/**
 * Admin side of consent purposes (/admin/consent): the list with each purpose's current version,
 * and publishing a new version. Publishing is the one explicit act that makes new wording apply:
 * the version row is created already published (immutable from then on), its per-language texts
 * hashed, and `consent.version_published` audited in the same transaction. A material version
 * suspends existing grants (derive-state.ts); a minor one does not.
 */
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/db-retry";
import type { PublishConsentVersion } from "@/lib/schemas/consent";
import { TERMS_DOCUMENTS } from "@/lib/config/terms-documents";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import type { StaffActor } from "@/lib/server/actor";
import type { LegalBasisName } from "./current-consent";
import { consentTextHash } from "./text-hash";

export const CONSENT_LOCALES = ["de", "en"] as const;
type TextPair = { title: string; body: string };

export type AdminPurposeVersion = {
  version: number;
  isMaterial: boolean;
  publishedAt: Date;
  changeNote: string | null;
  texts: Partial<Record<(typeof CONSENT_LOCALES)[number], TextPair>>;
};

export type AdminPurpose = {
  key: string;
  legalBasis: LegalBasisName;
  active: boolean;
  current: AdminPurposeVersion | null;
};

const CURRENT_VERSION = {
  where: { publishedAt: { not: null } },
  orderBy: { version: "desc" },
  take: 1,
  select: {
    version: true,
    isMaterial: true,
    publishedAt: true,
    changeNote: true,
    texts: { select: { locale: true, title: true, body: true } },
  },
} as const;

type VersionRow = {
  version: number;
  isMaterial: boolean;
  publishedAt: Date | null;
  changeNote: string | null;
  texts: { locale: string; title: string; body: string }[];
};

function toVersion(row: VersionRow | undefined): AdminPurposeVersion | null {
  if (!row || !row.publishedAt) return null;
  const texts: AdminPurposeVersion["texts"] = {};
  for (const text of row.texts)
    if ((CONSENT_LOCALES as readonly string[]).includes(text.locale))
      texts[text.locale as (typeof CONSENT_LOCALES)[number]] = { title: text.title, body: text.body };
  return { ...row, publishedAt: row.publishedAt, texts };
}

export async function listConsentPurposes(): Promise<AdminPurpose[]> {
  const purposes = await db.consentPurpose.findMany({
    orderBy: [{ sortOrder: "asc" }, { key: "asc" }],
    select: { key: true, legalBasis: true, active: true, versions: CURRENT_VERSION },
  });
  return purposes.map((p) => ({ ...p, current: toVersion(p.versions[0]) }));
}

export async function getConsentPurpose(key: string): Promise<AdminPurpose | null> {
  const purpose = await db.consentPurpose.findUnique({
    where: { key },
    select: { key: true, legalBasis: true, active: true, versions: CURRENT_VERSION },
  });
  return purpose ? { ...purpose, current: toVersion(purpose.versions[0]) } : null;
}

export type PublishResult =
  | { ok: true; version: number }
  | { ok: false; code: "NOT_FOUND" | "VERSION_CHANGED" | "UNCHANGED" | "TERMS_DOCUMENT_MISSING" };

export async function publishConsentVersion(
  actor: StaffActor,
  input: PublishConsentVersion,
): Promise<PublishResult> {
  const texts: Record<(typeof CONSENT_LOCALES)[number], TextPair> = {
    de: { title: input.titleDe, body: input.bodyDe },
    en: { title: input.titleEn, body: input.bodyEn },
  };
  const isMaterial = input.isMaterial === "yes";
  try {
    return await db.$transaction(async (tx) => {
      const purpose = await tx.consentPurpose.findUnique({
        where: { key: input.purposeKey },
        select: {
          id: true,
          versions: {
            orderBy: { version: "desc" },
            take: 1,
            select: {
              version: true,
              publishedAt: true,
              texts: { select: { locale: true, title: true, body: true } },
            },
          },
        },
      });
      if (!purpose) return { ok: false, code: "NOT_FOUND" } as const;
      const newest = purpose.versions[0];
      // Any newer row (even an unpublished draft someone else created) means the admin's texts
      // are based on stale wording.
      if ((newest?.version ?? 0) !== input.basedOnVersion)
        return { ok: false, code: "VERSION_CHANGED" } as const;
      const isUnchanged = CONSENT_LOCALES.every((locale) => {
        const before = newest?.texts.find((t) => t.locale === locale);
        return before?.title === texts[locale].title && before.body === texts[locale].body;
      });
      if (isUnchanged) return { ok: false, code: "UNCHANGED" } as const;

      const version = input.basedOnVersion + 1;
      // The checkbox sentence refers to a full document; /terms shows it per version, so a version
      // of `terms` goes live only with its document in lib/config/terms-documents.ts (decision 0053).
      if (input.purposeKey === "terms" && !TERMS_DOCUMENTS[version])
        return { ok: false, code: "TERMS_DOCUMENT_MISSING" } as const;
      const created = await tx.consentPurposeVersion.create({
        data: {
          purposeId: purpose.id,
          version,
          isMaterial,
          changeNote: input.changeNote,
          publishedAt: new Date(),
          publishedById: actor.userId,
          texts: {
            create: CONSENT_LOCALES.map((locale) => ({
              locale,
              title: texts[locale].title,
              body: texts[locale].body,
              textHash: consentTextHash(texts[locale].title, texts[locale].body),
            })),
          },
        },
        select: { id: true },
      });
      await writeAuditEvent(tx, {
        type: "consent.version_published",
        actor,
        target: { type: "ConsentPurposeVersion", id: created.id },
        metadata: { purpose: input.purposeKey, version, isMaterial, changeNote: input.changeNote },
      });
      return { ok: true, version } as const;
    });
  } catch (error) {
    // Two admins publishing at once: (purposeId, version) is unique, the second one lost.
    if (isUniqueViolation(error)) return { ok: false, code: "VERSION_CHANGED" };
    throw error;
  }
}
