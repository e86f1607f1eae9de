/**
 * The one rule for "is this consent current?", as a pure function of a purpose's consent records
 * and its published versions (docs/decisions/0015). No database and no `server-only`, so the
 * readers in this folder and the unit tests share exactly the same logic.
 *
 * - No record: NONE. Latest record a withdrawal: WITHDRAWN.
 * - Latest record a grant, and no material version was published after the version it was given
 *   for: GRANTED (a minor version does not ask again; the grant carries over).
 * - Latest record a grant, but a newer published version is material: SUSPENDED. The grant no
 *   longer counts as current; the customer is asked again (re-consent prompt) and either grants
 *   the new version or the refusal is recorded as a withdrawal.
 * Unpublished (draft) versions never count.
 */

export type ConsentActionName = "GRANTED" | "WITHDRAWN";
export type ConsentStatus = "NONE" | "GRANTED" | "WITHDRAWN" | "SUSPENDED";

export type VersionFacts = { version: number; isMaterial: boolean; publishedAt: Date | null };
export type RecordFacts = { action: ConsentActionName; version: number; createdAt: Date };

export type DerivedConsent = {
  status: ConsentStatus;
  /** Only GRANTED counts: audiences, pushes and profiling questions read this. */
  isCurrent: boolean;
  /** Version the latest record applied to; null without records. */
  recordVersion: number | null;
  /** Newest published version; null if the purpose has none. */
  latestVersion: number | null;
  /** A newer material version waits for the customer's answer (status SUSPENDED). */
  needsReConsent: boolean;
};

/** The latest record by time; among equal timestamps the one later in the input wins. */
export function latestRecord<T extends { createdAt: Date }>(records: readonly T[]): T | null {
  let latest: T | null = null;
  for (const record of records) {
    if (!latest || record.createdAt.getTime() >= latest.createdAt.getTime()) latest = record;
  }
  return latest;
}

/** Derives the state from the latest record alone (what ConsentState points at). */
export function deriveFromLatest(
  latest: Pick<RecordFacts, "action" | "version"> | null,
  versions: readonly VersionFacts[],
): DerivedConsent {
  const published = versions.filter((v) => v.publishedAt !== null);
  const latestVersion = published.length > 0 ? Math.max(...published.map((v) => v.version)) : null;
  if (!latest) {
    return { status: "NONE", isCurrent: false, recordVersion: null, latestVersion, needsReConsent: false };
  }
  const base = { recordVersion: latest.version, latestVersion };
  if (latest.action === "WITHDRAWN") {
    return { ...base, status: "WITHDRAWN", isCurrent: false, needsReConsent: false };
  }
  const isSuspended = published.some((v) => v.isMaterial && v.version > latest.version);
  return isSuspended
    ? { ...base, status: "SUSPENDED", isCurrent: false, needsReConsent: true }
    : { ...base, status: "GRANTED", isCurrent: true, needsReConsent: false };
}

/** Derives the state from a purpose's full record sequence (any order). */
export function deriveConsentState(
  records: readonly RecordFacts[],
  versions: readonly VersionFacts[],
): DerivedConsent {
  return deriveFromLatest(latestRecord(records), versions);
}
