/**
 * The account's deletion (docs/decisions/0016): when the request is carried out, what is kept and
 * how to cancel; then, to the former address, that the erasure job has erased the account.
 */
import { button, formatMailTime, paragraph, timeRow, type MailRenderers } from "./kit";

export type PrivacyMailData = {
  "account-deletion-requested": { scheduledFor: Date; cancelUrl: string };
  "account-deleted": { time: Date };
};

export const privacyMails: MailRenderers<PrivacyMailData> = {
  "account-deletion-requested": (d, { t, locale }) => {
    const when = formatMailTime(d.scheduledFor, locale);
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
        button(t("accountDeletion.requested.cancelButton"), d.cancelUrl),
        paragraph(t("accountDeletion.requested.notYou")),
      ],
    };
  },

  "account-deleted": (d, scope) => {
    const { t } = scope;
    return {
      subject: t("accountDeletion.deleted.subject"),
      heading: t("accountDeletion.deleted.heading"),
      blocks: [
        paragraph(t("accountDeletion.deleted.intro")),
        { kind: "facts", rows: [timeRow(scope, d.time)] },
        { kind: "subheading", text: t("accountDeletion.keptHeading") },
        paragraph(t("accountDeletion.kept")),
        paragraph(t("accountDeletion.deleted.goodbye")),
      ],
    };
  },
};
