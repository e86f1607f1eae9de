import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { ConfirmTransaction } from "../_components/confirm-transaction";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { availableConfirmationMethod, pendingTransactionFor } from "@/lib/server/transactions/display";
import { demoOrderDetails } from "@/lib/server/transactions/order-approval";
import { DATE_TIME_SHORT } from "@/lib/i18n/formats";
import { getClientInfo } from "@/lib/auth/client-info";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("transaction.orders");
  return { title: t("title") };
}

/**
 * Demo of transaction confirmation (not in the account navigation): an order above the customer's
 * approval limit, rendered from the stored details of its pending confirmation, which the customer
 * approves with a passkey (or an authenticator code without one).
 */
export default async function AccountOrdersPage() {
  const user = await requireUser({ returnTo: "/account/orders" });
  const [t, format, method, client] = await Promise.all([
    getTranslations("transaction.orders"),
    getFormatter(),
    availableConfirmationMethod(user.id),
    getClientInfo(),
  ]);
  const transaction = await pendingTransactionFor({
    userId: user.id,
    sessionId: user.sessionId,
    kind: "order.approve",
    newDetails: demoOrderDetails,
    client,
  });
  const order = transaction.details;
  const money = (cents: number) =>
    format.number(cents / 100, { style: "currency", currency: order.currency });

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <Notice className="mb-6">{t("demoHint")}</Notice>
      <Card title={t("orderTitle", { orderNumber: order.orderNumber })}>
        <div className="flex flex-col gap-6">
          <Notice tone="warning">{t("overLimit", { limit: money(order.approvalLimitCents) })}</Notice>
          <dl className="grid gap-4 text-sm sm:grid-cols-[12rem_1fr]">
            <dt className="font-medium text-slate-700">{t("orderNumber")}</dt>
            <dd className="text-slate-900">{order.orderNumber}</dd>
            <dt className="font-medium text-slate-700">{t("items")}</dt>
            <dd>
              <ul className="flex flex-col gap-1 text-slate-900">
                {order.items.map((item, index) => (
                  <li key={index}>
                    {t("itemLine", {
                      quantity: item.quantity,
                      name: item.name,
                      price: money(item.unitPriceCents),
                    })}
                  </li>
                ))}
              </ul>
            </dd>
            <dt className="font-medium text-slate-700">{t("total")}</dt>
            <dd className="text-base font-semibold text-slate-900">{money(order.totalCents)}</dd>
            <dt className="font-medium text-slate-700">{t("deliveryAddress")}</dt>
            <dd className="text-slate-900">
              <address className="not-italic">
                {order.deliveryAddress.map((line, index) => (
                  <span key={index} className="block">
                    {line}
                  </span>
                ))}
              </address>
            </dd>
          </dl>
          <p className="text-sm text-slate-600">
            {t("validUntil", { time: format.dateTime(transaction.expiresAt, DATE_TIME_SHORT) })}
          </p>
          <ConfirmTransaction
            key={transaction.id}
            transactionId={transaction.id}
            kind={transaction.kind}
            shownHash={transaction.shownHash}
            method={method}
          />
        </div>
      </Card>
    </>
  );
}
