/**
 * The newsletter's double opt-in (docs/decisions/0013): the confirmation link activates, and the
 * consent text with its version is the proof of what was agreed to. A marketing mail carries
 * `unsubscribeUrl`, which the footer shows and index.ts turns into the List-Unsubscribe headers.
 */
import type { NewsletterTopic } from "@/lib/config/newsletter-topics";
import { button, paragraph, routeUrl, type MailRenderers, type Translate } from "./kit";

export type NewsletterMailData = {
  "newsletter-confirm": {
    url: string;
    topics: NewsletterTopic[];
    consentText: string;
    textVersion: string;
    expiresHours: number;
  };
  "newsletter-welcome": { topics: NewsletterTopic[]; unsubscribeUrl: string };
};

const newsletterTopics = (t: Translate, topics: NewsletterTopic[]) =>
  topics.map((topic) => t(`newsletter.topics.${topic}`)).join(", ");

export const newsletterMails: MailRenderers<NewsletterMailData> = {
  "newsletter-confirm": (d, { t }) => ({
    subject: t("newsletter.confirm.subject"),
    heading: t("newsletter.confirm.heading"),
    blocks: [
      paragraph(t("newsletter.confirm.intro")),
      { kind: "facts", rows: [{ label: t("newsletter.topicsLabel"), value: newsletterTopics(t, d.topics) }] },
      button(t("newsletter.confirm.button"), d.url),
      paragraph(t("newsletter.confirm.validity", { hours: d.expiresHours })),
      { kind: "subheading", text: t("newsletter.confirm.consentHeading") },
      paragraph(d.consentText),
      { kind: "facts", rows: [{ label: t("newsletter.confirm.textVersion"), value: d.textVersion }] },
      paragraph(t("newsletter.confirm.notYou")),
    ],
  }),

  "newsletter-welcome": (d, { t, ctx }) => ({
    subject: t("newsletter.welcome.subject"),
    heading: t("newsletter.welcome.heading"),
    blocks: [
      paragraph(t("newsletter.welcome.intro")),
      { kind: "facts", rows: [{ label: t("newsletter.topicsLabel"), value: newsletterTopics(t, d.topics) }] },
      paragraph(t("newsletter.welcome.manage")),
      button(t("newsletter.welcome.manageButton"), routeUrl(ctx, "/account/communication"), true),
      { kind: "subheading", text: t("newsletter.unsubscribe.heading") },
      paragraph(t("newsletter.unsubscribe.text")),
      button(t("newsletter.unsubscribe.button"), d.unsubscribeUrl, true),
    ],
  }),
};
