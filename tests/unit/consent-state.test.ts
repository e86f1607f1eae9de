/**
 * The consent state rule (lib/server/consent/derive-state.ts) as a table of record sequences and
 * published versions, including material and minor version changes, drafts and ties.
 */
import { describe, expect, it } from "vitest";
import {
  deriveConsentState,
  latestRecord,
  type ConsentStatus,
  type RecordFacts,
  type VersionFacts,
} from "@/lib/server/consent/derive-state";
import { consentTextHash } from "@/lib/server/consent/text-hash";
import { consentTextHash as seedConsentTextHash } from "../../prisma/seed";

const t0 = Date.UTC(2026, 0, 1);
/** G2 = granted for version 2, W1 = withdrawn for version 1; one minute apart, in order. */
function records(...steps: string[]): RecordFacts[] {
  return steps.map((step, index) => ({
    action: step[0] === "G" ? "GRANTED" : "WITHDRAWN",
    version: Number(step.slice(1)),
    createdAt: new Date(t0 + index * 60_000),
  }));
}
/** "1M" = version 1 material, "2m" = version 2 minor, a trailing "d" = draft (not published). */
function versions(...specs: string[]): VersionFacts[] {
  return specs.map((spec) => ({
    version: Number.parseInt(spec, 10),
    isMaterial: spec.includes("M"),
    publishedAt: spec.endsWith("d") ? null : new Date(t0 - 86_400_000),
  }));
}

type Row = [string, RecordFacts[], VersionFacts[], ConsentStatus, boolean, number | null];

describe("deriveConsentState", () => {
  it.each<Row>([
    // case, records, versions, status, needsReConsent, latestVersion
    ["no records", records(), versions("1M"), "NONE", false, 1],
    ["granted", records("G1"), versions("1M"), "GRANTED", false, 1],
    ["granted, then withdrawn", records("G1", "W1"), versions("1M"), "WITHDRAWN", false, 1],
    ["withdrawn, then granted again", records("G1", "W1", "G1"), versions("1M"), "GRANTED", false, 1],
    ["a withdrawal without a grant before", records("W1"), versions("1M"), "WITHDRAWN", false, 1],
    ["minor version after the grant: carries over", records("G1"), versions("1M", "2m"), "GRANTED", false, 2],
    [
      "material version after the grant: suspended",
      records("G1"),
      versions("1M", "2M"),
      "SUSPENDED",
      true,
      2,
    ],
    ["material then minor: still suspended", records("G1"), versions("1M", "2M", "3m"), "SUSPENDED", true, 3],
    ["minor then material: suspended", records("G1"), versions("1M", "2m", "3M"), "SUSPENDED", true, 3],
    [
      "material draft not published: still granted",
      records("G1"),
      versions("1M", "2Md"),
      "GRANTED",
      false,
      1,
    ],
    ["re-granted the material version", records("G1", "G2"), versions("1M", "2M"), "GRANTED", false, 2],
    ["declined the material version", records("G1", "W2"), versions("1M", "2M"), "WITHDRAWN", false, 2],
    [
      "withdrawn before a material version: not asked",
      records("G1", "W1"),
      versions("1M", "2M"),
      "WITHDRAWN",
      false,
      2,
    ],
    ["granted v2, then a minor v3", records("G2"), versions("1M", "2M", "3m"), "GRANTED", false, 3],
    [
      "granted v2 of three material versions",
      records("G2"),
      versions("1M", "2M", "3M"),
      "SUSPENDED",
      true,
      3,
    ],
    ["no published version at all", records(), versions("1Md"), "NONE", false, null],
  ])("%s", (_case, recordList, versionList, status, needsReConsent, latestVersion) => {
    const derived = deriveConsentState(recordList, versionList);
    expect(derived.status).toBe(status);
    expect(derived.isCurrent).toBe(status === "GRANTED");
    expect(derived.needsReConsent).toBe(needsReConsent);
    expect(derived.latestVersion).toBe(latestVersion);
    expect(derived.recordVersion).toBe(recordList.at(-1)?.version ?? null);
  });

  it("orders by time, not by input order", () => {
    const [grant, withdrawal] = records("G1", "W1") as [RecordFacts, RecordFacts];
    expect(deriveConsentState([withdrawal, grant], versions("1M")).status).toBe("WITHDRAWN");
    const later = { ...grant, createdAt: new Date(t0 + 3_600_000) };
    expect(deriveConsentState([later, withdrawal], versions("1M")).status).toBe("GRANTED");
  });

  it("on equal timestamps the record written later (later in the input) wins", () => {
    const at = new Date(t0);
    const grant: RecordFacts = { action: "GRANTED", version: 1, createdAt: at };
    const withdrawal: RecordFacts = { action: "WITHDRAWN", version: 1, createdAt: at };
    expect(latestRecord([grant, withdrawal])).toBe(withdrawal);
    expect(deriveConsentState([withdrawal, grant], versions("1M")).status).toBe("GRANTED");
  });
});

describe("consent text hash", () => {
  it("hashes title and body like the seed, so seeded and published versions compare", () => {
    const title = "Analyse";
    const body = "Wir dürfen pseudonymisiert auswerten, wie ich das Portal nutze.";
    expect(consentTextHash(title, body)).toBe(seedConsentTextHash(title, body));
    expect(consentTextHash(title, body)).toMatch(/^[0-9a-f]{64}$/);
    expect(consentTextHash(title, `${body} `)).not.toBe(consentTextHash(title, body));
  });
});
