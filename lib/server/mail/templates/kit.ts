/**
 * What every mail template shares: the translator over the mail catalogs (messages/mail/*.json),
 * the mail's date format, and the building blocks of a body. Pure like the templates: no
 * environment, no I/O. mail-layout.ts turns the blocks into HTML and text and escapes every value.
 */
import { createTranslator } from "use-intl/core";
import de from "@/messages/mail/de.json";
import en from "@/messages/mail/en.json";
import type { MailBlock } from "../mail-layout";

export type MailLocale = "de" | "en";

/** Links to fixed routes (/account/security, /forgot-password) in security notices. */
/** `sender`: the legal entity's line under every mail (docs/decisions/0065). */
export type MailContext = { appUrl: string; sender?: string };

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

export function translatorFor(locale: MailLocale) {
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

/** What a template renders with: the translator of the mail's language, that language, the app's address. */
export type MailScope = { t: Translate; locale: MailLocale; ctx: MailContext };

/** One template: its data in, subject, heading and blocks out. */
export type MailRenderer<Data> = (data: Data, scope: MailScope) => Body;

/** A renderer for every template name of an area (name → data): leaving one out is a type error. */
export type MailRenderers<DataByName> = { [Name in keyof DataByName]: MailRenderer<DataByName[Name]> };

export const paragraph = (text: string): MailBlock => ({ kind: "paragraph", text });

export const button = (label: string, url: string, isSecondary = false): MailBlock => ({
  kind: "button",
  label,
  url,
  isSecondary,
});

export function routeUrl(ctx: MailContext, route: string): string {
  return `${ctx.appUrl.replace(/\/+$/, "")}${route}`;
}

export const timeRow = ({ t, locale }: MailScope, time: Date) => ({
  label: t("facts.time"),
  value: formatMailTime(time, locale),
});

/** The secondary "reset your password" button of the security notices. */
export const resetButton = ({ t, ctx }: MailScope): MailBlock =>
  button(t("security.resetButton"), routeUrl(ctx, "/forgot-password"), true);

/** The close of every security notice: reassurance, then what to do if it was not the reader. */
export function notYouBlocks(t: Translate, notYou: string, actions: MailBlock[]): MailBlock[] {
  return [
    paragraph(t("security.itWasYou")),
    { kind: "subheading", text: t("security.notYouHeading") },
    paragraph(notYou),
    ...actions,
  ];
}
