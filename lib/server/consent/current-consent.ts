import "server-only";
/**
 * The reader every feature asks "may we?" (marketing audiences, push, profiling questions). The
 * answer is derived from the latest consent record of each purpose (found through the ConsentState
 * projection, which the one writer moves in the same transaction as it appends the record) and
 * the purpose's published versions, with the rule in derive-state.ts: a grant followed by a newer
 * material version is suspended and does not count. Always scoped by the caller's userId.
 */
import { cache } from "react";
import { deriveFromLatest, type DerivedConsent } from "./derive-state";
import { db as defaultDb, type Db, type Tx } from "@/lib/db";

type Reader = Tx | Db;

export type LegalBasisName = "CONSENT" | "CONTRACT" | "LEGITIMATE_INTEREST" | "LEGAL_OBLIGATION";

export type CurrentConsent = DerivedConsent & {
  purposeKey: string;
  legalBasis: LegalBasisName;
  /** The record the state rests on (null without records). */
  lastRecordId: string | null;
};

const VERSION_FACTS = {
  where: { publishedAt: { not: null } },
  select: { version: true, isMaterial: true, publishedAt: true },
} as const;

/** The derived state of every active purpose for the user (purposes without records: NONE). */
export async function currentConsents(
  userId: string,
  { tx: reader = defaultDb }: { tx?: Reader } = {},
): Promise<CurrentConsent[]> {
  if (reader !== defaultDb) return readCurrentConsents(userId, reader);
  // Copies, so no caller can change what another one of the same render reads.
  return (await readOncePerRender(userId)).map((consent) => ({ ...consent }));
}

/**
 * The account layout's re-consent prompt and the page's own readers (profiling question, privacy
 * centre) all ask in one render: React's per-request cache reads it once there (issue 16). Outside
 * a render (server actions, jobs) it reads each time, so a write is never answered from the cache;
 * transactions never come here.
 */
const readOncePerRender = cache((userId: string) => readCurrentConsents(userId, defaultDb));

async function readCurrentConsents(userId: string, reader: Reader): Promise<CurrentConsent[]> {
  const [purposes, states] = await Promise.all([
    reader.consentPurpose.findMany({
      where: { active: true },
      orderBy: [{ sortOrder: "asc" }, { key: "asc" }],
      select: { id: true, key: true, legalBasis: true, versions: VERSION_FACTS },
    }),
    reader.consentState.findMany({
      where: { userId },
      select: {
        purposeId: true,
        lastRecord: { select: { id: true, action: true, version: { select: { version: true } } } },
      },
    }),
  ]);
  return purposes.map((purpose) => {
    const record = states.find((s) => s.purposeId === purpose.id)?.lastRecord ?? null;
    const latest = record ? { action: record.action, version: record.version.version } : null;
    return {
      purposeKey: purpose.key,
      legalBasis: purpose.legalBasis,
      lastRecordId: record?.id ?? null,
      ...deriveFromLatest(latest, purpose.versions),
    };
  });
}

/** Whether the user's consent for `purposeKey` is current (false for unknown or inactive purposes). */
export async function hasCurrentConsent(
  { userId, purposeKey }: { userId: string; purposeKey: string },
  { tx: reader = defaultDb }: { tx?: Reader } = {},
): Promise<boolean> {
  return (await currentConsent({ userId, purposeKey }, { tx: reader }))?.isCurrent ?? false;
}

/** The derived state of one active purpose, or null if there is no such active purpose. */
export async function currentConsent(
  { userId, purposeKey }: { userId: string; purposeKey: string },
  { tx: reader = defaultDb }: { tx?: Reader } = {},
): Promise<CurrentConsent | null> {
  const purpose = await reader.consentPurpose.findUnique({
    where: { key: purposeKey },
    select: { id: true, key: true, legalBasis: true, active: true, versions: VERSION_FACTS },
  });
  if (!purpose || !purpose.active) return null;
  const state = await reader.consentState.findUnique({
    where: { userId_purposeId: { userId, purposeId: purpose.id } },
    select: { lastRecord: { select: { id: true, action: true, version: { select: { version: true } } } } },
  });
  const record = state?.lastRecord ?? null;
  return {
    purposeKey: purpose.key,
    legalBasis: purpose.legalBasis,
    lastRecordId: record?.id ?? null,
    ...deriveFromLatest(
      record ? { action: record.action, version: record.version.version } : null,
      purpose.versions,
    ),
  };
}
