/**
 * The mails the portal sends, in German and English (texts in messages/mail/*.json), one file per
 * area, joined here by one map from template name to renderer. Pure: no environment, no I/O, so
 * tests render every template in both languages. A template only picks texts and values;
 * mail-layout.ts builds the HTML and text parts and escapes every value.
 */
import { assertHttpUrl, renderMailHtml, renderMailText } from "../mail-layout";
import { approvalMails, type ApprovalMailData } from "./approvals";
import { accountSecurityMails, type AccountSecurityMailData } from "./account-security";
import { bankAccountMails, type BankAccountMailData } from "./bank-accounts";
import { identityMails, type IdentityMailData } from "./identity";
import {
  translatorFor,
  type Body,
  type MailContext,
  type MailLocale,
  type MailRenderers,
  type MailScope,
} from "./kit";
import { newsletterMails, type NewsletterMailData } from "./newsletter";
import { orderMails, type OrderMailData } from "./orders";
import { privacyMails, type PrivacyMailData } from "./privacy";
import { signInMails, type SignInMailData } from "./sign-in";
import { staffMails, type StaffMailData } from "./staff";

export type { MailFactor } from "./account-security";
export type { BankAccountMailChange } from "./bank-accounts";
export { formatMailTime, MAIL_TIME_ZONE } from "./kit";
export type { MailContext, MailLocale, MailMessageParity } from "./kit";
export type { SignInFacts } from "./sign-in";

/** Every template's data by its name. A new area adds its map here and its renderers below. */
type MailData = IdentityMailData &
  SignInMailData &
  AccountSecurityMailData &
  NewsletterMailData &
  BankAccountMailData &
  PrivacyMailData &
  StaffMailData &
  ApprovalMailData &
  OrderMailData;

export type MailTemplateName = keyof MailData;

/** One mail to send: `{ name, data }`, the data typed by the name. */
export type MailTemplate = {
  [Name in MailTemplateName]: { name: Name; data: MailData[Name] };
}[MailTemplateName];

export type RenderedMail = { subject: string; text: string; html: string };

/** The one map from name to renderer: a template without a renderer fails `tsc`. */
const RENDERERS: MailRenderers<MailData> = {
  ...identityMails,
  ...signInMails,
  ...accountSecurityMails,
  ...newsletterMails,
  ...bankAccountMails,
  ...privacyMails,
  ...staffMails,
  ...approvalMails,
  ...orderMails,
};

// Generic over the name, so TypeScript pairs each renderer with its own data.
function bodyOf<Name extends MailTemplateName>(
  template: { name: Name; data: MailData[Name] },
  scope: MailScope,
): Body {
  return RENDERERS[template.name](template.data, scope);
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

/** Subject, plain text and HTML of one mail. Throws on a missing text or a non-http(s) link. */
export function renderMail(locale: MailLocale, template: MailTemplate, ctx: MailContext): RenderedMail {
  const t = translatorFor(locale);
  const body = bodyOf(template, { t, locale, ctx });
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
    sender: ctx.sender,
  };
  return { subject: content.subject, text: renderMailText(content), html: renderMailHtml(content) };
}
