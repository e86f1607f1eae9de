/**
 * The mails of the staff administration (docs/decisions/0041): the invitation whose link sets the
 * first password and proves the address.
 */
import { button, paragraph, type MailRenderers } from "./kit";

export type StaffMailData = {
  "staff-invitation": { url: string; role: "SUPPORT" | "MARKETING" | "ADMIN"; expiresHours: number };
};

export const staffMails: MailRenderers<StaffMailData> = {
  "staff-invitation": (d, { t }) => ({
    subject: t("staffInvitation.subject"),
    heading: t("staffInvitation.heading"),
    blocks: [
      paragraph(t("staffInvitation.intro", { role: t(`staffInvitation.roles.${d.role}`) })),
      button(t("staffInvitation.button"), d.url),
      paragraph(t("staffInvitation.factor")),
      paragraph(t("staffInvitation.validity", { hours: d.expiresHours })),
      paragraph(t("staffInvitation.notYou")),
    ],
  }),
};
