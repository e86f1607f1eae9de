import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { OrderStatusChip } from "./_components/order-status-chip";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import {
  StackedBody,
  StackedCell,
  StackedHead,
  StackedRow,
  StackedRowHeader,
  StackedTable,
} from "@/components/ui/stacked-table";
import { requireUser } from "@/lib/auth/session";
import { OrdersPageSchema } from "@/lib/schemas/orders";
import { listCustomerOrders } from "@/lib/server/orders/customer-orders";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("orders");
  return { title: t("title") };
}

/**
 * /account/orders (issue 14, decision 0066): the customer's orders as the shop sent them, newest
 * first, a page at a time, each with its status. The link goes by the portal's order id.
 */
export default async function AccountOrdersPage({ searchParams }: Props) {
  const user = await requireUser({ returnTo: "/account/orders" });
  const requested = OrdersPageSchema.parse((await searchParams).page);
  const [t, format, first] = await Promise.all([
    getTranslations("orders"),
    getFormatter(),
    listCustomerOrders({ userId: user.id, page: requested }),
  ]);
  // A page past the end (a bookmark after the list shrank) shows the last page instead.
  const page = Math.min(requested, first.pages);
  const list = page === requested ? first : await listCustomerOrders({ userId: user.id, page });

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {list.total === 0 ? (
        <EmptyState title={t("empty.title")} text={t("empty.text")} />
      ) : (
        <div className="rounded-xl border border-slate-200 bg-white px-4 py-2 shadow-sm sm:px-6">
          <StackedTable aria-label={t("list.label")}>
            <StackedHead>
              <tr>
                <th scope="col" className="py-2 pr-4">
                  {t("list.order")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("list.placedAt")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("list.status")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("list.items")}
                </th>
                <th scope="col" className="py-2 text-right">
                  {t("list.total")}
                </th>
              </tr>
            </StackedHead>
            <StackedBody>
              {list.orders.map((order) => (
                <StackedRow key={order.id}>
                  <StackedRowHeader>
                    <Link
                      href={`/account/orders/${order.id}`}
                      aria-label={t("list.open", { shopOrderId: order.shopOrderId })}
                      className="text-brand-700 underline hover:text-brand-900"
                    >
                      {order.shopOrderId}
                    </Link>
                  </StackedRowHeader>
                  <StackedCell label={t("list.placedAt")}>
                    {format.dateTime(order.placedAt, { dateStyle: "medium" })}
                  </StackedCell>
                  <StackedCell label={t("list.status")}>
                    <OrderStatusChip status={order.status} />
                  </StackedCell>
                  <StackedCell label={t("list.items")}>
                    {t("list.itemCount", { count: order.itemCount })}
                  </StackedCell>
                  <StackedCell label={t("list.total")} className="sm:text-right">
                    {format.number(order.totalMinor / 100, { style: "currency", currency: order.currency })}
                  </StackedCell>
                </StackedRow>
              ))}
            </StackedBody>
          </StackedTable>
        </div>
      )}
      {list.pages > 1 ? (
        <nav aria-label={t("pages.label")} className="mt-4 flex flex-wrap items-center gap-4 text-sm">
          {page > 1 ? (
            <Link href={`/account/orders?page=${page - 1}`} className="text-brand-700 underline">
              {t("pages.previous")}
            </Link>
          ) : null}
          <span className="text-slate-700">{t("pages.position", { page, pages: list.pages })}</span>
          {page < list.pages ? (
            <Link href={`/account/orders?page=${page + 1}`} className="text-brand-700 underline">
              {t("pages.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
