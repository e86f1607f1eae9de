import clsx from "clsx";
import { useTranslations } from "next-intl";
import type { OrderStatus } from "@/lib/config/orders";

const TONES: Record<OrderStatus, string> = {
  ORDERED: "border-slate-300 bg-slate-50 text-slate-800",
  SHIPPED: "border-brand-700 bg-brand-50 text-brand-900",
  IN_TRANSIT: "border-brand-700 bg-brand-50 text-brand-900",
  OUT_FOR_DELIVERY: "border-brand-700 bg-brand-50 text-brand-900",
  DELIVERED: "border-green-700 bg-green-50 text-green-900",
  PROBLEM: "border-red-700 bg-red-50 text-red-900",
  RETURNED: "border-slate-300 bg-slate-50 text-slate-800",
  CANCELLED: "border-slate-300 bg-slate-50 text-slate-800",
};

/** An order's or parcel's status as a chip; the word carries the meaning, the colour only helps. */
export function OrderStatusChip({ status }: { status: OrderStatus }) {
  const t = useTranslations("orders.status");
  return (
    <span
      className={clsx(
        "inline-block rounded-full border px-2.5 py-0.5 text-xs font-medium whitespace-nowrap",
        TONES[status],
      )}
    >
      {t(status)}
    </span>
  );
}
