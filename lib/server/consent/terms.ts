import "server-only";
/**
 * The terms of use as /terms shows them (docs/decisions/0053): every published version of the
 * purpose `terms` with its date, the sentence the sign-up checkbox records for it, and the full
 * document of that version (lib/config/terms-documents.ts). Drafts are never shown; a version
 * without a document is left out rather than shown with another version's text.
 */
import { termsDocument, type TermsDocument, type TermsLocale } from "@/lib/config/terms-documents";
import { db } from "@/lib/db";

export type TermsVersionSummary = { version: number; publishedAt: Date };

export type TermsPage = TermsVersionSummary & {
  /** The statement a customer ticks at sign-up for this version. */
  statement: string;
  document: TermsDocument;
  isCurrent: boolean;
  /** Every published version with a document, newest first. */
  versions: TermsVersionSummary[];
};

/** The requested published version (the current one without `version`), or null. */
export async function getTermsPage(locale: TermsLocale, version?: number): Promise<TermsPage | null> {
  const rows = await db.consentPurposeVersion.findMany({
    where: { purpose: { key: "terms" }, publishedAt: { not: null } },
    orderBy: { version: "desc" },
    select: { version: true, publishedAt: true, texts: { select: { locale: true, body: true } } },
  });
  const readable = rows.flatMap((row) =>
    row.publishedAt && termsDocument(row.version, locale) ? [{ ...row, publishedAt: row.publishedAt }] : [],
  );
  const current = readable[0];
  const chosen = version === undefined ? current : readable.find((row) => row.version === version);
  const document = chosen ? termsDocument(chosen.version, locale) : null;
  if (!chosen || !document) return null;
  const text = chosen.texts.find((t) => t.locale === locale) ?? chosen.texts.find((t) => t.locale === "de");
  return {
    version: chosen.version,
    publishedAt: chosen.publishedAt,
    statement: text?.body ?? "",
    document,
    isCurrent: chosen.version === current?.version,
    versions: readable.map(({ version: v, publishedAt }) => ({ version: v, publishedAt })),
  };
}
