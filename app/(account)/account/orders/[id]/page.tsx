import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { OrderDocuments } from "../_components/order-documents";
import { OrderReturns } from "../_components/order-returns";
import { OrderStatusChip } from "../_components/order-status-chip";
import { ParcelTimeline } from "../_components/parcel-timeline";
import { ReturnForm } from "../_components/return-form";
import { Card } from "@/components/ui/card";
import { OrderSummary } from "@/components/ui/order-summary";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { OrderIdSchema, type OrderAddress, type PAYMENT_METHODS } from "@/lib/schemas/orders";
import { customerOrder } from "@/lib/server/orders/customer-orders";
import { customerOrderReturns, returnEligibility } from "@/lib/server/orders/returns";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("orders");
  return { title: t("title") };
}

/**
 * One order (issue 14, decision 0066): items, amounts, the address and payment snapshots as the
 * shop sent them, a timeline per parcel and the documents. Another customer's id reads like an
 * unknown one: 404, nothing of the order in the answer.
 */
export default async function AccountOrderPage({ params }: Props) {
  const { id: rawId } = await params;
  const id = OrderIdSchema.safeParse(rawId);
  const user = await requireUser({ returnTo: id.success ? `/account/orders/${id.data}` : "/account/orders" });
  if (!id.success) notFound();
  const order = await customerOrder({ userId: user.id, orderId: id.data });
  if (!order) notFound();
  const [t, format, locale, returns, eligibility] = await Promise.all([
    getTranslations("orders"),
    getFormatter(),
    getLocale(),
    customerOrderReturns({ userId: user.id, orderId: order.id }),
    returnEligibility({ userId: user.id, orderId: order.id }),
  ]);
  const money = (minor: number) =>
    format.number(minor / 100, { style: "currency", currency: order.currency });
  const regions = new Intl.DisplayNames([locale], { type: "region" });
  const lines = (a: OrderAddress) => [
    a.name,
    a.street,
    `${a.postalCode} ${a.city}`,
    regions.of(a.country) ?? a.country,
  ];
  const method = t(`payment.${order.paymentMethod as (typeof PAYMENT_METHODS)[number]}`);

  return (
    <>
      <p className="mb-4 text-sm">
        <Link href="/account/orders" className="text-brand-700 underline hover:text-brand-900">
          {t("detail.back")}
        </Link>
      </p>
      <PageHeader
        title={t("detail.title", { shopOrderId: order.shopOrderId })}
        description={t("detail.placedAt", { date: format.dateTime(order.placedAt, { dateStyle: "long" }) })}
      />
      <div className="flex flex-col gap-6">
        <Card title={t("detail.summary")}>
          <div className="mb-4">
            <OrderStatusChip status={order.status} />
          </div>
          <OrderSummary
            itemsLabel={t("detail.items")}
            items={order.items.map((item) => ({
              key: item.id,
              text: t("detail.itemLine", {
                quantity: item.quantity,
                name: item.name,
                price: money(item.unitPriceMinor),
              }),
            }))}
            amounts={[
              { label: t("detail.subtotal"), value: money(order.subtotalMinor) },
              { label: t("detail.shipping"), value: money(order.shippingMinor) },
              { label: t("detail.tax"), value: money(order.taxMinor) },
              { label: t("detail.total"), value: money(order.totalMinor), emphasis: true },
              {
                label: t("detail.payment"),
                value: order.paymentLast4
                  ? t("payment.masked", { method, last4: order.paymentLast4 })
                  : method,
              },
            ]}
            addresses={[
              { label: t("detail.deliveryAddress"), lines: lines(order.shippingAddress) },
              { label: t("detail.billingAddress"), lines: lines(order.billingAddress) },
            ]}
          />
        </Card>
        <Card title={t("parcels.title")}>
          {order.shipments.length === 0 ? (
            <p className="text-sm text-slate-600">{t("parcels.none")}</p>
          ) : (
            <div className="flex flex-col gap-4">
              {order.shipments.map((shipment, index) => (
                <ParcelTimeline key={shipment.id} parcel={shipment} number={index + 1} />
              ))}
            </div>
          )}
        </Card>
        <Card title={t("documents.title")}>
          <OrderDocuments orderId={order.id} documents={order.documents} />
        </Card>
        {eligibility.eligible || returns.length > 0 ? (
          <Card title={t("returns.title")}>
            <div className="flex flex-col gap-6">
              {returns.length > 0 ? <OrderReturns returns={returns} /> : null}
              {eligibility.eligible ? (
                <ReturnForm
                  orderId={order.id}
                  until={format.dateTime(eligibility.returnableUntil, { dateStyle: "long" })}
                  items={eligibility.items
                    .filter((item) => item.returnable > 0)
                    .map(({ orderItemId, name, returnable }) => ({ orderItemId, name, returnable }))}
                />
              ) : null}
            </div>
          </Card>
        ) : null}
      </div>
    </>
  );
}
