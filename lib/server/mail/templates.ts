/**
 * The mails the portal sends, in German and English (texts in messages/mail/*.json). Pure: no
 * environment, no I/O, so tests render every template in both languages. Each template only picks
 * texts and values; mail-layout.ts builds the HTML and text parts and escapes every value.
 */
import { createTranslator } from "use-intl/core";
import de from "@/messages/mail/de.json";
import en from "@/messages/mail/en.json";
import type { NewsletterTopic } from "@/lib/config/newsletter-topics";
import type { RiskReason } from "@/lib/config/risk";
import { assertHttpUrl, renderMailHtml, renderMailText, type MailBlock } from "./mail-layout";
import { staffInvitationBody } from "./staff-mails";
import { signInBlockedBody, signInUnlockBody } from "./sign-in-mails";

export type MailLocale = "de" | "en";

export type MailTemplate =
  | { name: "verify-email"; data: { url: string } }
  /** Someone tried to register an existing address: the answer on screen is the same (no enumeration). */
  | { name: "registration-attempt"; data: { loginUrl: string; resetUrl: string; isUnconfirmed: boolean } }
  | { name: "password-reset"; data: { url: string; expiresMinutes: number } }
  /** An admin invited a new staff member (staff-mails.ts, docs/decisions/0041). */
  | {
      name: "staff-invitation";
      data: { url: string; role: "SUPPORT" | "MARKETING" | "ADMIN"; expiresHours: number };
    }
  /** Reset requested for an address without an account; sending it is the caller's choice. */
  | { name: "password-reset-unknown"; data: { registerUrl: string } }
  /** After a reset or change; all other sessions were signed out. */
  | { name: "password-changed"; data: { time: Date; resetUrl: string } }
  | { name: "email-change-verify"; data: { url: string; newEmail: string } }
  /** To the OLD address once the change is confirmed: a hijacked account must not change hands silently. */
  | { name: "email-change-notice"; data: { newEmailMasked: string; time: Date } }
  | { name: "new-device-sign-in"; data: SignInFacts }
  /**
   * The risk engine stopped a sign-in: why, in words, and the two ways out (docs/decisions/0021):
   * "Das war ich" (valid `expiresMinutes`; the next sign-in within `continueMinutes` asks for a
   * code instead) and "Das war ich nicht" (sign out everywhere, new password).
   */
  | {
      name: "sign-in-blocked";
      data: SignInFacts & {
        reasons: RiskReason[];
        itWasMeUrl: string;
        notMeUrl: string;
        expiresMinutes: number;
        continueMinutes: number;
      };
    }
  /** Asked for on the throttled sign-in form: lets the browser that opens it sign in (0022). */
  | { name: "sign-in-unlock"; data: { url: string; expiresMinutes: number } }
  | { name: "social-account-linked"; data: { provider: string; time: Date; reviewUrl: string } }
  | { name: "social-account-unlinked"; data: { provider: string; time: Date; reviewUrl: string } }
  /** The email one-time code of /login/verify. */
  | { name: "sign-in-code"; data: { code: string; expiresMinutes: number } }
  /** NIST SP 800-63B-4 §4.6: the account holder hears of every authenticator bound or removed. */
  | { name: "factor-added"; data: { factor: MailFactor; time: Date; reviewUrl: string } }
  | { name: "factor-removed"; data: { factor: MailFactor; time: Date; reviewUrl: string } }
  /** Newsletter double opt-in: the link activates; the consent text and its version are the proof. */
  | {
      name: "newsletter-confirm";
      data: {
        url: string;
        topics: NewsletterTopic[];
        consentText: string;
        textVersion: string;
        expiresHours: number;
      };
    }
  /** A marketing mail: every one carries `unsubscribeUrl` (footer and List-Unsubscribe header). */
  | { name: "newsletter-welcome"; data: { topics: NewsletterTopic[]; unsubscribeUrl: string } }
  /** Bank details added, changed or removed (issue 5); the account appears masked only. */
  | {
      name: "bank-account-changed";
      data: { change: BankAccountMailChange; accountMasked: string; time: Date; reviewUrl: string };
    }
  /** Account deletion requested (issue 6): when erasure happens, what is kept, how to cancel. */
  | { name: "account-deletion-requested"; data: { scheduledFor: Date; cancelUrl: string } }
  /** Sent to the former address once the erasure job has erased the account. */
  | { name: "account-deleted"; data: { time: Date } };

export type BankAccountMailChange = "added" | "changed" | "removed";

/** When, with which device and from where a sign-in came (new-device notice, blocked sign-in). */
export type SignInFacts = {
  time: Date;
  browser: string;
  os: string;
  location: string | null;
  ip: string | null;
  reviewUrl: string;
};

/** Factors named in the notices (translated in the mail catalogs under factorNames). */
export type MailFactor = "totp" | "recoveryCodes" | "passkey";

export type MailTemplateName = MailTemplate["name"];

export type RenderedMail = { subject: string; text: string; html: string };

/** Links to fixed routes (/account/security, /forgot-password) in security notices. */
export type MailContext = { appUrl: string };

type MailMessages = typeof de;

// Compile-time parity, as for the app's catalogs: `tsc` fails when de and en drift apart.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type AssertTrue<T extends true> = T;
export type MailMessageParity = AssertTrue<Equal<MailMessages, typeof en>>;

const CATALOGS: Record<MailLocale, MailMessages> = { de, en };

// The app's locales are bare languages; for dates we want the German and British conventions
// (24-hour clock, day before month) and the zone spelled out, since readers may be travelling.
const DATE_LOCALES: Record<MailLocale, string> = { de: "de-DE", en: "en-GB" };
export const MAIL_TIME_ZONE = "Europe/Berlin";

/** "Donnerstag, 12. März 2026 um 14:30 MEZ" / "Thursday, 12 March 2026 at 14:30 CET". */
export function formatMailTime(time: Date, locale: MailLocale): string {
  return new Intl.DateTimeFormat(DATE_LOCALES[locale], {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: MAIL_TIME_ZONE,
    timeZoneName: "short",
  }).format(time);
}

function translatorFor(locale: MailLocale) {
  return createTranslator({
    locale,
    messages: CATALOGS[locale],
    timeZone: MAIL_TIME_ZONE,
    // A missing key or a broken ICU message must fail the send (and the tests), not mail a key name.
    onError: (error) => {
      throw error;
    },
  });
}

export type Translate = ReturnType<typeof translatorFor>;
export type Body = { subject: string; heading: string; blocks: MailBlock[] };

const paragraph = (text: string): MailBlock => ({ kind: "paragraph", text });
const button = (label: string, url: string, isSecondary = false): MailBlock => ({
  kind: "button",
  label,
  url,
  isSecondary,
});

function routeUrl(ctx: MailContext, route: string): string {
  return `${ctx.appUrl.replace(/\/+$/, "")}${route}`;
}

/**
 * RFC 2369 / RFC 8058 headers of a marketing mail (a template whose data has `unsubscribeUrl`):
 * mail clients offer "unsubscribe" and POST to the link themselves, no sign-in needed.
 */
export function listUnsubscribeHeaders(template: MailTemplate): Record<string, string> {
  if (!("unsubscribeUrl" in template.data)) return {};
  assertHttpUrl(template.data.unsubscribeUrl);
  return {
    "List-Unsubscribe": `<${template.data.unsubscribeUrl}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  };
}

const newsletterTopics = (t: Translate, topics: NewsletterTopic[]) =>
  topics.map((topic) => t(`newsletter.topics.${topic}`)).join(", ");

/** The close of every security notice: reassurance, then what to do if it was not the reader. */
function notYouBlocks(t: Translate, notYou: string, actions: MailBlock[]): MailBlock[] {
  return [
    paragraph(t("security.itWasYou")),
    { kind: "subheading", text: t("security.notYouHeading") },
    paragraph(notYou),
    ...actions,
  ];
}

function bodyOf(t: Translate, locale: MailLocale, template: MailTemplate, ctx: MailContext): Body {
  const unknown = t("layout.unknown");
  const orUnknown = (value: string | null) => (value && value.trim() ? value : unknown);
  const timeRow = (time: Date) => ({ label: t("facts.time"), value: formatMailTime(time, locale) });
  const resetButton = button(t("security.resetButton"), routeUrl(ctx, "/forgot-password"), true);
  const signInFactsBlock = (d: SignInFacts): MailBlock => ({
    kind: "facts",
    rows: [
      timeRow(d.time),
      {
        label: t("facts.device"),
        value: t("facts.deviceValue", { browser: orUnknown(d.browser), os: orUnknown(d.os) }),
      },
      { label: t("facts.location"), value: orUnknown(d.location) },
      { label: t("facts.ip"), value: orUnknown(d.ip) },
    ],
  });

  switch (template.name) {
    case "verify-email":
      return {
        subject: t("verifyEmail.subject"),
        heading: t("verifyEmail.heading"),
        blocks: [
          paragraph(t("verifyEmail.intro")),
          button(t("verifyEmail.button"), template.data.url),
          paragraph(t("verifyEmail.validity")),
          paragraph(t("verifyEmail.notYou")),
        ],
      };
    case "registration-attempt":
      return {
        subject: t("registrationAttempt.subject"),
        heading: t("registrationAttempt.heading"),
        blocks: [
          paragraph(t("registrationAttempt.intro")),
          // Unproven: perhaps someone else registered the address first; a reset reclaims it.
          ...(template.data.isUnconfirmed ? [paragraph(t("registrationAttempt.unconfirmed"))] : []),
          paragraph(t("registrationAttempt.signIn")),
          button(t("registrationAttempt.signInButton"), template.data.loginUrl),
          paragraph(t("registrationAttempt.reset")),
          button(t("registrationAttempt.resetButton"), template.data.resetUrl, true),
          paragraph(t("registrationAttempt.notYou")),
        ],
      };
    case "password-reset":
      return {
        subject: t("passwordReset.subject"),
        heading: t("passwordReset.heading"),
        blocks: [
          paragraph(t("passwordReset.intro")),
          button(t("passwordReset.button"), template.data.url),
          paragraph(t("passwordReset.validity", { minutes: template.data.expiresMinutes })),
          paragraph(t("passwordReset.sessions")),
          paragraph(t("passwordReset.notYou")),
        ],
      };
    case "staff-invitation":
      return staffInvitationBody(t, {
        url: template.data.url,
        roleName: t(`staffInvitation.roles.${template.data.role}`),
        expiresHours: template.data.expiresHours,
      });
    case "password-reset-unknown":
      return {
        subject: t("passwordResetUnknown.subject"),
        heading: t("passwordResetUnknown.heading"),
        blocks: [
          paragraph(t("passwordResetUnknown.intro")),
          paragraph(t("passwordResetUnknown.otherAddress")),
          paragraph(t("passwordResetUnknown.register")),
          button(t("passwordResetUnknown.button"), template.data.registerUrl),
          paragraph(t("passwordResetUnknown.notYou")),
        ],
      };
    case "password-changed":
      return {
        subject: t("passwordChanged.subject"),
        heading: t("passwordChanged.heading"),
        blocks: [
          paragraph(t("passwordChanged.intro")),
          { kind: "facts", rows: [timeRow(template.data.time)] },
          ...notYouBlocks(t, t("passwordChanged.notYou"), [
            button(t("security.resetButton"), template.data.resetUrl),
          ]),
        ],
      };
    case "email-change-verify":
      return {
        subject: t("emailChangeVerify.subject"),
        heading: t("emailChangeVerify.heading"),
        blocks: [
          paragraph(t("emailChangeVerify.intro", { newEmail: template.data.newEmail })),
          button(t("emailChangeVerify.button"), template.data.url),
          paragraph(t("emailChangeVerify.pending")),
          paragraph(t("emailChangeVerify.notYou")),
        ],
      };
    case "email-change-notice":
      return {
        subject: t("emailChangeNotice.subject"),
        heading: t("emailChangeNotice.heading"),
        blocks: [
          paragraph(t("emailChangeNotice.intro")),
          {
            kind: "facts",
            rows: [
              timeRow(template.data.time),
              { label: t("facts.newEmail"), value: template.data.newEmailMasked },
            ],
          },
          // No reset link: it would now go to the new address, the one an intruder may control.
          ...notYouBlocks(t, t("emailChangeNotice.notYou"), [
            button(t("security.reviewButton"), routeUrl(ctx, "/account/security")),
          ]),
        ],
      };
    case "new-device-sign-in": {
      const d = template.data;
      return {
        subject: t("newDeviceSignIn.subject"),
        heading: t("newDeviceSignIn.heading"),
        blocks: [
          paragraph(t("newDeviceSignIn.intro")),
          signInFactsBlock(d),
          ...notYouBlocks(t, t("newDeviceSignIn.notYou"), [
            button(t("security.reviewButton"), d.reviewUrl),
            resetButton,
          ]),
        ],
      };
    }
    case "sign-in-blocked":
      return signInBlockedBody(t, locale, template.data, signInFactsBlock(template.data));
    case "sign-in-unlock":
      return signInUnlockBody(t, template.data);
    case "social-account-linked":
    case "social-account-unlinked": {
      const { provider } = template.data;
      const k = template.name === "social-account-linked" ? "socialAccountLinked" : "socialAccountUnlinked";
      return {
        subject: t(`${k}.subject`, { provider }),
        heading: t(`${k}.heading`, { provider }),
        blocks: [
          paragraph(t(`${k}.intro`, { provider })),
          {
            kind: "facts",
            rows: [timeRow(template.data.time), { label: t("facts.provider"), value: provider }],
          },
          ...notYouBlocks(t, t(`${k}.notYou`), [
            button(t(`${k}.reviewButton`), template.data.reviewUrl),
            resetButton,
          ]),
        ],
      };
    }
    case "sign-in-code":
      return {
        subject: t("signInCode.subject"),
        heading: t("signInCode.heading"),
        blocks: [
          paragraph(t("signInCode.intro")),
          { kind: "facts", rows: [{ label: t("signInCode.codeLabel"), value: template.data.code }] },
          paragraph(t("signInCode.validity", { minutes: template.data.expiresMinutes })),
          paragraph(t("signInCode.notYou")),
        ],
      };
    case "newsletter-confirm": {
      const d = template.data;
      return {
        subject: t("newsletter.confirm.subject"),
        heading: t("newsletter.confirm.heading"),
        blocks: [
          paragraph(t("newsletter.confirm.intro")),
          {
            kind: "facts",
            rows: [{ label: t("newsletter.topicsLabel"), value: newsletterTopics(t, d.topics) }],
          },
          button(t("newsletter.confirm.button"), d.url),
          paragraph(t("newsletter.confirm.validity", { hours: d.expiresHours })),
          { kind: "subheading", text: t("newsletter.confirm.consentHeading") },
          paragraph(d.consentText),
          { kind: "facts", rows: [{ label: t("newsletter.confirm.textVersion"), value: d.textVersion }] },
          paragraph(t("newsletter.confirm.notYou")),
        ],
      };
    }
    case "newsletter-welcome": {
      const d = template.data;
      return {
        subject: t("newsletter.welcome.subject"),
        heading: t("newsletter.welcome.heading"),
        blocks: [
          paragraph(t("newsletter.welcome.intro")),
          {
            kind: "facts",
            rows: [{ label: t("newsletter.topicsLabel"), value: newsletterTopics(t, d.topics) }],
          },
          paragraph(t("newsletter.welcome.manage")),
          button(t("newsletter.welcome.manageButton"), routeUrl(ctx, "/account/communication"), true),
          { kind: "subheading", text: t("newsletter.unsubscribe.heading") },
          paragraph(t("newsletter.unsubscribe.text")),
          button(t("newsletter.unsubscribe.button"), d.unsubscribeUrl, true),
        ],
      };
    }
    case "factor-added":
    case "factor-removed": {
      const section = template.name === "factor-added" ? "factorAdded" : "factorRemoved";
      const factor = t(`factorNames.${template.data.factor}`);
      return {
        subject: t(`${section}.subject`, { factor }),
        heading: t(`${section}.heading`, { factor }),
        blocks: [
          paragraph(t(`${section}.intro`, { factor })),
          { kind: "facts", rows: [timeRow(template.data.time)] },
          ...notYouBlocks(t, t(`${section}.notYou`), [
            button(t("security.reviewButton"), template.data.reviewUrl),
            resetButton,
          ]),
        ],
      };
    }
    case "bank-account-changed": {
      const { change, accountMasked, time, reviewUrl } = template.data;
      return {
        subject: t("bankAccountChanged.subject", { change }),
        heading: t("bankAccountChanged.heading", { change }),
        blocks: [
          paragraph(t("bankAccountChanged.intro", { change })),
          {
            kind: "facts",
            rows: [timeRow(time), { label: t("bankAccountChanged.account"), value: accountMasked }],
          },
          ...notYouBlocks(t, t("bankAccountChanged.notYou"), [
            button(t("bankAccountChanged.reviewButton"), reviewUrl),
            resetButton,
          ]),
        ],
      };
    }
    case "account-deletion-requested": {
      const when = formatMailTime(template.data.scheduledFor, locale);
      return {
        subject: t("accountDeletion.requested.subject"),
        heading: t("accountDeletion.requested.heading"),
        blocks: [
          paragraph(t("accountDeletion.requested.intro")),
          { kind: "facts", rows: [{ label: t("accountDeletion.requested.dateLabel"), value: when }] },
          { kind: "subheading", text: t("accountDeletion.requested.deletedHeading") },
          paragraph(t("accountDeletion.requested.deleted")),
          { kind: "subheading", text: t("accountDeletion.keptHeading") },
          paragraph(t("accountDeletion.kept")),
          { kind: "subheading", text: t("accountDeletion.requested.cancelHeading") },
          paragraph(t("accountDeletion.requested.cancel", { date: when })),
          button(t("accountDeletion.requested.cancelButton"), template.data.cancelUrl),
          paragraph(t("accountDeletion.requested.notYou")),
        ],
      };
    }
    case "account-deleted":
      return {
        subject: t("accountDeletion.deleted.subject"),
        heading: t("accountDeletion.deleted.heading"),
        blocks: [
          paragraph(t("accountDeletion.deleted.intro")),
          { kind: "facts", rows: [timeRow(template.data.time)] },
          { kind: "subheading", text: t("accountDeletion.keptHeading") },
          paragraph(t("accountDeletion.kept")),
          paragraph(t("accountDeletion.deleted.goodbye")),
        ],
      };
  }
}

/** Subject, plain text and HTML of one mail. Throws on a missing text or a non-http(s) link. */
export function renderMail(locale: MailLocale, template: MailTemplate, ctx: MailContext): RenderedMail {
  const t = translatorFor(locale);
  const body = bodyOf(t, locale, template, ctx);
  const content = {
    locale,
    // A value such as a provider name must not break the header onto a second line.
    subject: body.subject.replace(/\s+/g, " ").trim(),
    brand: t("layout.brand"),
    heading: body.heading,
    blocks: body.blocks,
    buttonHint: t("layout.buttonHint"),
    signOff: [t("layout.regards"), t("layout.team")],
    footer: t("layout.footer"),
  };
  return { subject: content.subject, text: renderMailText(content), html: renderMailHtml(content) };
}
