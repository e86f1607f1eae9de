import "server-only";
/**
 * The reader every feature asks "may we?" (marketing audiences, push, profiling questions). The
 * answer is derived from the latest consent record of each purpose and the purpose's published
 * versions, with the rule in derive-state.ts: a grant followed by a newer material version is
 * suspended and does not count. Always scoped by the caller's userId. The latest record's action
 * and version are read from the ConsentState projection, which the one writer (record-consent.ts)
 * moves in the same transaction as it appends the record, with that record's action and version:
 * one statement per read instead of three through the record (issue 16, every account page asks).
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

/** Every version of a purpose: derive-state.ts weighs the published ones, a state names its own by id. */
const VERSION_FACTS = { select: { id: true, version: true, isMaterial: true, publishedAt: true } } as const;

/** What a ConsentState row says of the latest record (the writer copies the record's action and version). */
const STATE_FACTS = { purposeId: true, versionId: true, lastAction: true, lastRecordId: true } as const;

type StateFacts = { versionId: string; lastAction: "GRANTED" | "WITHDRAWN"; lastRecordId: string };
type PurposeVersion = { id: string; version: number };

/** The latest record's action and version number, or null without a record. */
function latestOf(state: StateFacts | null | undefined, versions: readonly PurposeVersion[]) {
  if (!state) return null;
  const version = versions.find((v) => v.id === state.versionId);
  // The writer only ever names a version of the state's own purpose.
  if (!version) throw new Error(`consent state ${state.lastRecordId} names a version of another purpose`);
  return { action: state.lastAction, version: version.version };
}

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
    reader.consentState.findMany({ where: { userId }, select: STATE_FACTS }),
  ]);
  return purposes.map((purpose) => {
    const state = states.find((s) => s.purposeId === purpose.id);
    return {
      purposeKey: purpose.key,
      legalBasis: purpose.legalBasis,
      lastRecordId: state?.lastRecordId ?? null,
      ...deriveFromLatest(latestOf(state, purpose.versions), purpose.versions),
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
    select: STATE_FACTS,
  });
  return {
    purposeKey: purpose.key,
    legalBasis: purpose.legalBasis,
    lastRecordId: state?.lastRecordId ?? null,
    ...deriveFromLatest(latestOf(state, purpose.versions), purpose.versions),
  };
}
