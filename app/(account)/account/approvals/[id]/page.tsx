import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { ConfirmTransaction } from "../../_components/confirm-transaction";
import { DeclineApproval } from "../_components/decline-approval";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { OrderSummary } from "@/components/ui/order-summary";
import { PageHeader } from "@/components/ui/page-header";
import { getClientInfo } from "@/lib/auth/client-info";
import { requireUser } from "@/lib/auth/session";
import { DATE_TIME_SHORT } from "@/lib/i18n/formats";
import { ApprovalIdSchema } from "@/lib/schemas/approvals";
import { shopApprovalForCustomer } from "@/lib/server/approvals/approval-view";
import { availableConfirmationMethod } from "@/lib/server/transactions/display";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("approvals");
  return { title: t("title") };
}

/**
 * A shop's approval request (docs/decisions/0063), rendered from the details the confirmation
 * signs: amount, items and delivery address. The customer approves with a passkey (or an
 * authenticator code without one) or declines; a decided or expired request only says so.
 */
export default async function ApprovalPage({ params }: { params: Promise<{ id: string }> }) {
  const { id: rawId } = await params;
  const id = ApprovalIdSchema.safeParse(rawId);
  const user = await requireUser({ returnTo: id.success ? `/account/approvals/${id.data}` : "/account" });
  if (!id.success) notFound();
  const [t, format, method, client] = await Promise.all([
    getTranslations("approvals"),
    getFormatter(),
    availableConfirmationMethod(user.id),
    getClientInfo(),
  ]);
  const approval = await shopApprovalForCustomer({
    userId: user.id,
    sessionId: user.sessionId,
    id: id.data,
    client,
  });
  if (!approval) notFound();
  const order = approval.details;
  const money = (minor: number) =>
    format.number(minor / 100, { style: "currency", currency: order.currency });

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <Card title={t("orderTitle", { shopOrderId: order.shopOrderId })}>
        <div className="flex flex-col gap-6">
          {approval.status === "PENDING" ? (
            <Notice tone="warning">{t(`reason.${order.reason}`)}</Notice>
          ) : null}
          <OrderSummary
            itemsLabel={t("items")}
            items={order.lines.map((line, index) => ({
              key: String(index),
              text: t("itemLine", {
                quantity: line.quantity,
                name: line.name,
                price: money(line.unitAmountMinor),
              }),
            }))}
            amounts={[{ label: t("total"), value: money(order.amountMinor), emphasis: true }]}
            addresses={[{ label: t("deliveryAddress"), lines: order.deliveryAddress }]}
          />
          {approval.confirmation ? (
            <>
              <p className="text-sm text-slate-600">
                {t("validUntil", { time: format.dateTime(approval.expiresAt, DATE_TIME_SHORT) })}
              </p>
              <ConfirmTransaction
                key={approval.confirmation.transactionId}
                transactionId={approval.confirmation.transactionId}
                kind="shop_approval.approve"
                shownHash={approval.confirmation.shownHash}
                method={method}
              />
              <DeclineApproval approvalId={approval.id} />
            </>
          ) : approval.status !== "PENDING" ? (
            <Notice tone={approval.status === "APPROVED" ? "success" : "info"}>
              {t(`status.${approval.status}`)}
            </Notice>
          ) : null}
        </div>
      </Card>
    </>
  );
}
