/**
 * What the seed writes. Consent purposes are reference data every installation needs; the demo
 * accounts exist only on a local URL (README: Demo accounts). Texts are the first published version;
 * admins publish new versions in /admin.
 */
export type SeedPurpose = {
  key: string;
  legalBasis: "CONSENT" | "CONTRACT" | "LEGITIMATE_INTEREST" | "LEGAL_OBLIGATION";
  texts: Record<"de" | "en", { title: string; body: string }>;
};

export const CONSENT_PURPOSES: SeedPurpose[] = [
  {
    // One checkbox at sign-up, one record: the text is the checkbox's label (auth.register.acceptTerms,
    // kept equal by tests/unit/sign-up-consent-text.test.ts), so the record proves what was ticked.
    key: "terms",
    legalBasis: "CONTRACT",
    texts: {
      de: {
        title: "Nutzungsbedingungen und Datenschutzhinweise",
        body: "Ich akzeptiere die Nutzungsbedingungen und habe die Datenschutzhinweise gelesen.",
      },
      en: {
        title: "Terms of use and privacy notice",
        body: "I accept the terms of use and have read the privacy notice.",
      },
    },
  },
  {
    key: "personalisation",
    legalBasis: "CONSENT",
    texts: {
      de: {
        title: "Personalisierung",
        body: "Wir dürfen meine Angaben nutzen, um Inhalte und Angebote auf mich zuzuschneiden.",
      },
      en: { title: "Personalisation", body: "You may use my details to tailor content and offers to me." },
    },
  },
  {
    key: "analytics",
    legalBasis: "CONSENT",
    texts: {
      de: {
        title: "Analyse",
        body: "Wir dürfen pseudonymisiert auswerten, wie ich das Portal nutze, um es zu verbessern.",
      },
      en: {
        title: "Analytics",
        body: "You may analyse, pseudonymised, how I use the portal in order to improve it.",
      },
    },
  },
  {
    key: "marketing_email",
    legalBasis: "CONSENT",
    texts: {
      de: {
        title: "Newsletter per E-Mail",
        body: "Ich möchte Angebote und Neuigkeiten per E-Mail erhalten. Abmeldung jederzeit mit einem Klick.",
      },
      en: {
        title: "Email newsletter",
        body: "I would like to receive offers and news by email. Unsubscribe at any time with one click.",
      },
    },
  },
  {
    key: "marketing_push",
    legalBasis: "CONSENT",
    texts: {
      de: {
        title: "Angebote per Push",
        body: "Ich möchte Angebote als Push-Benachrichtigung auf meinen Geräten erhalten.",
      },
      en: {
        title: "Offers by push",
        body: "I would like to receive offers as push notifications on my devices.",
      },
    },
  },
  {
    key: "birthday_offers",
    legalBasis: "CONSENT",
    texts: {
      de: {
        title: "Geburtstagsangebote",
        body: "Wir dürfen mein Geburtsdatum nutzen, um mir zum Geburtstag ein Angebot zu schicken.",
      },
      en: {
        title: "Birthday offers",
        body: "You may use my date of birth to send me an offer on my birthday.",
      },
    },
  },
  {
    // The SEPA direct-debit mandate text (docs/decisions/0012): granting it is a consent record with this
    // wording's hash; creditor name, creditor identifier and mandate reference are shown with it.
    key: "sepa_mandate",
    legalBasis: "CONTRACT",
    texts: {
      de: {
        title: "SEPA-Lastschriftmandat",
        body: "Ich ermächtige den Zahlungsempfänger, Zahlungen von meinem Konto mittels Lastschrift einzuziehen. Zugleich weise ich mein Kreditinstitut an, die vom Zahlungsempfänger auf mein Konto gezogenen Lastschriften einzulösen.\n\nHinweis: Ich kann innerhalb von acht Wochen, beginnend mit dem Belastungsdatum, die Erstattung des belasteten Betrages verlangen. Es gelten dabei die mit meinem Kreditinstitut vereinbarten Bedingungen.",
      },
      en: {
        title: "SEPA direct debit mandate",
        body: "By signing this mandate form, I authorise the creditor to send instructions to my bank to debit my account and my bank to debit my account in accordance with the instructions from the creditor.\n\nNote: As part of my rights, I am entitled to a refund from my bank under the terms and conditions of my agreement with my bank. A refund must be claimed within eight weeks starting from the date on which my account was debited.",
      },
    },
  },
];

export type DemoAccount = {
  email: string;
  password: string;
  displayName: string;
  role: "CUSTOMER" | "SUPPORT" | "MARKETING" | "ADMIN";
  locale: "de" | "en";
};

/** Development only; listed in the README. The start script refuses them on a public URL. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    email: "kunde@example.com",
    password: "Demo-Kunde-2026",
    displayName: "Erika Mustermann",
    role: "CUSTOMER",
    locale: "de",
  },
  {
    email: "support@example.com",
    password: "Demo-Support-2026",
    displayName: "Sam Support",
    role: "SUPPORT",
    locale: "de",
  },
  {
    email: "marketing@example.com",
    password: "Demo-Marketing-2026",
    displayName: "Mia Marketing",
    role: "MARKETING",
    locale: "de",
  },
  {
    email: "admin@example.com",
    password: "Demo-Admin-2026",
    displayName: "Alex Admin",
    role: "ADMIN",
    locale: "en",
  },
];
