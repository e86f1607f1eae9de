/**
 * The terms of use per version (docs/decisions/0053), on SQLite and PostgreSQL: /terms reads the
 * published versions of the purpose `terms` that have a document, and a version of `terms` cannot be
 * published before its document exists (the checkbox would point at a text nobody can read).
 */
import { afterAll, describe, expect, it } from "vitest";
import { TERMS_DOCUMENTS } from "@/lib/config/terms-documents";
import { publishConsentVersion } from "@/lib/server/consent/consent-versions";
import { getTermsPage } from "@/lib/server/consent/terms";
import { customer, db, removeTestData } from "../support/consent-centre";

afterAll(removeTestData);

describe("the terms page", () => {
  it("shows the current published version with its document and statement, in both languages", async () => {
    const de = await getTermsPage("de");
    expect(de).toMatchObject({
      version: 1,
      isCurrent: true,
      statement: "Ich akzeptiere die Nutzungsbedingungen und habe die Datenschutzhinweise gelesen.",
      document: TERMS_DOCUMENTS[1]!.de,
    });
    expect(de?.versions.map((v) => v.version)).toEqual([1]);
    expect((await getTermsPage("en", 1))?.document).toBe(TERMS_DOCUMENTS[1]!.en);
  });

  it("[ATTACKER] a version that is not published is no page", async () => {
    expect(await getTermsPage("de", 2)).toBeNull();
    expect(await getTermsPage("de", 0)).toBeNull();
  });

  it("refuses to publish a version of `terms` that has no document, and writes nothing", async () => {
    const admin = await customer();
    const before = await db.consentPurposeVersion.count({ where: { purpose: { key: "terms" } } });
    const result = await publishConsentVersion(
      { ...admin, kind: "staff", role: "ADMIN" },
      {
        purposeKey: "terms",
        basedOnVersion: before,
        titleDe: "Nutzungsbedingungen",
        bodyDe: "Ich akzeptiere die neuen Nutzungsbedingungen.",
        titleEn: "Terms of use",
        bodyEn: "I accept the new terms of use.",
        isMaterial: "yes",
        changeNote: "Test",
      },
    );
    expect(result).toEqual({ ok: false, code: "TERMS_DOCUMENT_MISSING" });
    expect(await db.consentPurposeVersion.count({ where: { purpose: { key: "terms" } } })).toBe(before);
  });
});
