/** The shop asks the customer to approve an order (docs/decisions/0063); the link leads to the details. */
import { button, paragraph, type MailRenderers } from "./kit";

export type ApprovalMailData = {
  "approval-requested": { approvalUrl: string };
};

export const approvalMails: MailRenderers<ApprovalMailData> = {
  "approval-requested": ({ approvalUrl }, { t }) => ({
    subject: t("approvalRequested.subject"),
    heading: t("approvalRequested.heading"),
    blocks: [
      paragraph(t("approvalRequested.intro")),
      button(t("approvalRequested.button"), approvalUrl),
      paragraph(t("approvalRequested.notYou")),
    ],
  }),
};
