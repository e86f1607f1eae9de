/**
 * The full terms of use, one document per published version of the consent purpose `terms`
 * (docs/decisions/0053). The purpose's version holds the one sentence the sign-up checkbox records;
 * the document it refers to is kept here, in the repository, so a change to the contract is reviewed
 * like code and every version a customer ever accepted can still be read at /terms?version=N.
 * A published version is never edited: a change is a new entry and a new version published in
 * /admin (which refuses to publish a `terms` version that has no document here).
 */
export type TermsSection = { heading: string; paragraphs: readonly string[] };
export type TermsDocument = { sections: readonly TermsSection[] };
export type TermsLocale = "de" | "en";

const VERSION_1: Record<TermsLocale, TermsDocument> = {
  de: {
    sections: [
      {
        heading: "1. Geltungsbereich",
        paragraphs: [
          "Diese Nutzungsbedingungen gelten für das Kundenkonto, das die im Impressum genannte Betreiberin (im Folgenden „wir“) Ihnen kostenlos zur Verfügung stellt. Für Bestellungen gelten zusätzlich die Allgemeinen Geschäftsbedingungen des jeweiligen Shops.",
        ],
      },
      {
        heading: "2. Ihr Konto",
        paragraphs: [
          "Ein Konto anlegen dürfen volljährige Personen und Minderjährige mit Zustimmung ihrer Erziehungsberechtigten. Pro Person ist ein Konto vorgesehen.",
          "Bitte machen Sie wahre Angaben und halten Sie Ihre E-Mail-Adresse aktuell: Über sie erreichen Sie wichtige Hinweise zu Ihrem Konto, und mit ihr setzen Sie Ihr Passwort zurück.",
        ],
      },
      {
        heading: "3. Zugangsdaten und Sicherheit",
        paragraphs: [
          "Halten Sie Ihr Passwort, Ihre Wiederherstellungscodes und Ihre Geräte mit Passkeys geheim bzw. geschützt. Geben Sie Anmeldecodes niemals an Dritte weiter – auch nicht an Personen, die sich als unser Kundenservice ausgeben; wir fragen Sie nie danach.",
          "Wenn Sie vermuten, dass jemand Ihr Konto nutzt, ändern Sie bitte sofort Ihr Passwort, melden Sie alle anderen Geräte ab und benachrichtigen Sie uns.",
        ],
      },
      {
        heading: "4. Unsere Leistungen",
        paragraphs: [
          "Im Konto verwalten Sie Ihre Daten, Adressen, Zahlungsangaben, Einwilligungen und Bestellungen. Wir bemühen uns um eine hohe Verfügbarkeit, können aber Wartungsarbeiten und Störungen nicht ausschließen.",
        ],
      },
      {
        heading: "5. Ihre Daten",
        paragraphs: [
          "Wie wir Ihre Daten verarbeiten, erklären die Datenschutzhinweise. Einwilligungen, etwa in den Newsletter, sind freiwillig und jederzeit im Konto widerrufbar; diese Nutzungsbedingungen berühren sie nicht.",
        ],
      },
      {
        heading: "6. Kündigung",
        paragraphs: [
          "Sie können Ihr Konto jederzeit selbst unter „Datenschutz“ löschen. Wir können das Konto mit einer Frist von zwei Wochen kündigen, bei schwerwiegenden Verstößen gegen diese Bedingungen auch fristlos.",
        ],
      },
      {
        heading: "7. Änderungen",
        paragraphs: [
          "Neue Fassungen veröffentlichen wir auf dieser Seite mit ihrem Datum und teilen Ihnen wesentliche Änderungen vorab per E-Mail mit. Alle früheren Fassungen bleiben hier abrufbar.",
        ],
      },
    ],
  },
  en: {
    sections: [
      {
        heading: "1. Scope",
        paragraphs: [
          "These terms of use apply to the customer account provided to you free of charge by the operator named in the imprint (“we”). Orders are additionally governed by the general terms and conditions of the respective shop.",
        ],
      },
      {
        heading: "2. Your account",
        paragraphs: [
          "Adults may open an account, as may minors with the consent of their parents or guardians. One account per person.",
          "Please give truthful details and keep your e-mail address up to date: it is where important notices about your account reach you and how you reset your password.",
        ],
      },
      {
        heading: "3. Sign-in details and security",
        paragraphs: [
          "Keep your password and recovery codes secret and the devices holding your passkeys protected. Never pass sign-in codes on to anyone – not even to people claiming to be our customer service; we never ask for them.",
          "If you suspect that someone is using your account, change your password at once, sign out all other devices and let us know.",
        ],
      },
      {
        heading: "4. Our services",
        paragraphs: [
          "In your account you manage your details, addresses, payment details, consents and orders. We aim for high availability but cannot rule out maintenance and outages.",
        ],
      },
      {
        heading: "5. Your data",
        paragraphs: [
          "How we process your data is explained in the privacy notice. Consents, for example to the newsletter, are voluntary and can be withdrawn in your account at any time; these terms do not affect them.",
        ],
      },
      {
        heading: "6. Termination",
        paragraphs: [
          "You can delete your account yourself at any time under “Privacy”. We may terminate the account with two weeks’ notice, or without notice for serious breaches of these terms.",
        ],
      },
      {
        heading: "7. Changes",
        paragraphs: [
          "We publish new versions on this page with their date and tell you about material changes by e-mail in advance. All earlier versions remain available here.",
        ],
      },
    ],
  },
};

/** Keyed by the version number of the purpose `terms` (ConsentPurposeVersion.version). */
export const TERMS_DOCUMENTS: Readonly<Record<number, Record<TermsLocale, TermsDocument>>> = {
  1: VERSION_1,
};

export function termsDocument(version: number, locale: TermsLocale): TermsDocument | null {
  return TERMS_DOCUMENTS[version]?.[locale] ?? null;
}
