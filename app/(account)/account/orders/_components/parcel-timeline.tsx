import { useFormatter, useTranslations } from "next-intl";
import { OrderStatusChip } from "./order-status-chip";
import type { Carrier, OrderStatus } from "@/lib/config/orders";
import { DATE_TIME_SHORT } from "@/lib/i18n/formats";

const CARRIER_NAMES: Record<Carrier, string> = { DHL: "DHL", DPD: "DPD", HERMES: "Hermes", UPS: "UPS" };

export type Parcel = {
  id: string;
  carrier: string;
  trackingNumber: string;
  status: OrderStatus;
  trackingUrl: string;
  events: { id: string; status: OrderStatus; eventAt: Date; place: string | null }[];
};

/**
 * One parcel: carrier, its status, the carrier's tracking page, and what the carrier reported, in
 * the order it happened (event time, not arrival: carriers report late and out of order). The
 * newest step is at the top, as parcel services show it.
 */
export function ParcelTimeline({ parcel, number }: { parcel: Parcel; number: number }) {
  const t = useTranslations("orders.parcels");
  const format = useFormatter();
  const carrier = CARRIER_NAMES[parcel.carrier as Carrier] ?? parcel.carrier;
  const events = [...parcel.events].reverse();
  return (
    <section aria-labelledby={`parcel-${parcel.id}`} className="rounded-lg border border-slate-200 p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={`parcel-${parcel.id}`} className="font-semibold text-slate-900">
          {t("parcel", { number, carrier })}
        </h3>
        <OrderStatusChip status={parcel.status} />
      </div>
      <p className="mt-1 text-sm break-words text-slate-700">
        {t("trackingNumber", { trackingNumber: parcel.trackingNumber })}
      </p>
      <p className="mt-2 text-sm">
        <a
          href={parcel.trackingUrl}
          target="_blank"
          rel="noopener noreferrer"
          aria-label={t("trackLabel", { trackingNumber: parcel.trackingNumber, carrier })}
          className="text-brand-700 underline hover:text-brand-900"
        >
          {t("track")}
        </a>
      </p>
      {events.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">{t("noEvents")}</p>
      ) : (
        <ol
          aria-label={t("timeline", { number })}
          className="mt-3 flex flex-col gap-3 border-l-2 border-slate-200 pl-4"
        >
          {events.map((event) => (
            <li key={event.id} className="text-sm">
              <p className="font-medium text-slate-900">
                <OrderStatusChip status={event.status} />
              </p>
              <p className="mt-1 text-slate-700">
                <time dateTime={event.eventAt.toISOString()}>
                  {format.dateTime(event.eventAt, DATE_TIME_SHORT)}
                </time>
                {event.place ? <span className="break-words"> · {event.place}</span> : null}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
