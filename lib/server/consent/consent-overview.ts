import "server-only";
/**
 * What /account/privacy and the re-consent prompt show: every purpose with its derived state, the
 * text the customer agreed to (found by the hash the record holds), the current text and the
 * append-only history. DTOs only; every query is keyed by the session's userId.
 */
import { db } from "@/lib/db";
import { currentConsents, type CurrentConsent, type LegalBasisName } from "./current-consent";

export type ConsentTextView = { version: number; locale: string; title: string; body: string };

export type ConsentHistoryEntry = {
  id: string;
  action: "GRANTED" | "WITHDRAWN";
  version: number;
  source: string;
  locale: string;
  createdAt: Date;
};

export type PurposeOverview = {
  key: string;
  legalBasis: LegalBasisName;
  /** Only CONSENT purposes can be granted and withdrawn in the centre. */
  isChangeable: boolean;
  state: CurrentConsent;
  /** Newest published text in the page's language (falling back to any language). */
  current: ConsentTextView;
  /** The text of the grant the state rests on (GRANTED or SUSPENDED), with its time. */
  agreed: (ConsentTextView & { grantedAt: Date }) | null;
  /** Newest first. */
  history: ConsentHistoryEntry[];
};

type TextRow = { locale: string; title: string; body: string; textHash: string };

function pickText(texts: readonly TextRow[], locale: string, textHash?: string): TextRow | undefined {
  return (
    (textHash ? texts.find((t) => t.textHash === textHash) : undefined) ??
    texts.find((t) => t.locale === locale) ??
    texts[0]
  );
}

export async function getConsentOverview(userId: string, locale: "de" | "en"): Promise<PurposeOverview[]> {
  const [states, purposes, records] = await Promise.all([
    currentConsents(userId),
    db.consentPurpose.findMany({
      where: { active: true },
      select: {
        key: true,
        legalBasis: true,
        versions: {
          where: { publishedAt: { not: null } },
          orderBy: { version: "desc" },
          select: {
            id: true,
            version: true,
            texts: { select: { locale: true, title: true, body: true, textHash: true } },
          },
        },
      },
    }),
    db.consentRecord.findMany({
      where: { userId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: {
        id: true,
        purpose: { select: { key: true } },
        action: true,
        source: true,
        locale: true,
        textHash: true,
        createdAt: true,
        version: { select: { id: true, version: true } },
      },
    }),
  ]);

  const overview: PurposeOverview[] = [];
  for (const state of states) {
    const purpose = purposes.find((p) => p.key === state.purposeKey);
    const latest = purpose?.versions[0];
    const latestText = latest ? pickText(latest.texts, locale) : undefined;
    if (!purpose || !latest || !latestText) continue;
    const mine = records.filter((r) => r.purpose.key === purpose.key);
    const isChangeable = purpose.legalBasis === "CONSENT";
    // Contract and acknowledgement purposes only matter to people who have records for them.
    if (!isChangeable && mine.length === 0) continue;

    let agreed: PurposeOverview["agreed"] = null;
    const grant = mine.find((r) => r.id === state.lastRecordId && r.action === "GRANTED");
    if (grant && (state.status === "GRANTED" || state.status === "SUSPENDED")) {
      const version = purpose.versions.find((v) => v.id === grant.version.id);
      const text = version ? pickText(version.texts, grant.locale, grant.textHash) : undefined;
      if (text)
        agreed = {
          version: grant.version.version,
          locale: text.locale,
          title: text.title,
          body: text.body,
          grantedAt: grant.createdAt,
        };
    }
    overview.push({
      key: purpose.key,
      legalBasis: purpose.legalBasis,
      isChangeable,
      state,
      current: { version: latest.version, ...latestText },
      agreed,
      history: mine.map((r) => ({
        id: r.id,
        action: r.action,
        version: r.version.version,
        source: r.source,
        locale: r.locale,
        createdAt: r.createdAt,
      })),
    });
  }
  return overview;
}

export type PendingReConsent = { purposeKey: string; version: number; title: string; body: string };

/** Purposes whose grant a newer material version suspended: the prompt asks about each. */
export async function pendingReConsents(userId: string, locale: "de" | "en"): Promise<PendingReConsent[]> {
  const pending = (await currentConsents(userId)).filter(
    (c) => c.needsReConsent && c.legalBasis === "CONSENT",
  );
  if (pending.length === 0) return [];
  const versions = await db.consentPurposeVersion.findMany({
    where: {
      publishedAt: { not: null },
      OR: pending.map((c) => ({ purpose: { key: c.purposeKey }, version: c.latestVersion ?? 0 })),
    },
    select: {
      version: true,
      purpose: { select: { key: true } },
      texts: { select: { locale: true, title: true, body: true, textHash: true } },
    },
  });
  return pending.flatMap((c) => {
    const version = versions.find((v) => v.purpose.key === c.purposeKey);
    const text = version ? pickText(version.texts, locale) : undefined;
    return version && text
      ? [{ purposeKey: c.purposeKey, version: version.version, title: text.title, body: text.body }]
      : [];
  });
}
