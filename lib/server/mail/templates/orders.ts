/**
 * Service notices about an order (docs/decisions/0067): shipped, out for delivery, delivered, a
 * delivery problem, a new invoice. The shop's order number and the link only: amounts, items and
 * addresses are shown after sign-in.
 */
import type { NoticeTextKey } from "@/lib/config/order-notices";
import { button, paragraph, type MailRenderers } from "./kit";

export type OrderMailData = {
  "order-notice": { notice: NoticeTextKey; shopOrderId: string; orderUrl: string };
};

export const orderMails: MailRenderers<OrderMailData> = {
  "order-notice": ({ notice, shopOrderId, orderUrl }, { t }) => ({
    subject: t(`orderNotice.${notice}.subject`, { shopOrderId }),
    heading: t(`orderNotice.${notice}.heading`),
    blocks: [
      paragraph(t(`orderNotice.${notice}.intro`, { shopOrderId })),
      button(t("orderNotice.button"), orderUrl),
      paragraph(t("orderNotice.why")),
    ],
  }),
};
