import { getFormatter, getTranslations } from "next-intl/server";
import type { ReturnReason } from "@/lib/config/orders";

export type OrderReturnView = {
  id: string;
  reason: string;
  createdAt: Date;
  items: { quantity: number; orderItem: { id: string; name: string } }[];
};

/** The order's returns, newest first: "Rücksendung angemeldet" with date, reason and items. */
export async function OrderReturns({ returns }: { returns: OrderReturnView[] }) {
  const [t, format] = await Promise.all([getTranslations("orders.returns"), getFormatter()]);
  return (
    <ul className="flex flex-col gap-4">
      {returns.map((r) => (
        <li key={r.id} className="flex flex-col gap-1">
          <h3 className="font-semibold text-slate-900">{t("requested")}</h3>
          <p className="text-sm text-slate-600">
            {t("requestedAt", {
              date: format.dateTime(r.createdAt, { dateStyle: "long" }),
              reason: t(`reasons.${r.reason as ReturnReason}`),
            })}
          </p>
          <ul className="list-disc pl-5 text-sm text-slate-800">
            {r.items.map((item) => (
              <li key={item.orderItem.id}>
                {t("itemLine", { quantity: item.quantity, name: item.orderItem.name })}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
