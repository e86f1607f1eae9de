/**
 * The terms documents (docs/decisions/0053): the seeded version of `terms` has its document, and
 * every version reads the same in both languages (same sections, nothing left empty).
 */
import { describe, expect, it } from "vitest";
import { TERMS_DOCUMENTS, termsDocument } from "@/lib/config/terms-documents";

describe("terms documents", () => {
  it("the first published version of `terms` (the seed's) has a document in German and English", () => {
    expect(termsDocument(1, "de")?.sections.length).toBeGreaterThan(0);
    expect(termsDocument(1, "en")?.sections.length).toBeGreaterThan(0);
    expect(termsDocument(99, "de")).toBeNull();
  });

  it.each(Object.entries(TERMS_DOCUMENTS))(
    "version %s has the same structure in both languages",
    (_, doc) => {
      expect(doc.en.sections.map((s) => s.paragraphs.length)).toEqual(
        doc.de.sections.map((s) => s.paragraphs.length),
      );
      for (const section of [...doc.de.sections, ...doc.en.sections]) {
        expect(section.heading.trim()).not.toBe("");
        for (const paragraph of section.paragraphs) expect(paragraph.trim()).not.toBe("");
      }
    },
  );
});
