import clsx from "clsx";

export type OrderSummaryProps = {
  itemsLabel: string;
  /** One worded line per item ("3 × Chair at 299,00 € each"), in the order's order. */
  items: { key: string; text: string }[];
  /** Amounts below the items; the one with `emphasis` is the total to pay. */
  amounts: { label: string; value: string; emphasis?: boolean }[];
  /** Address blocks (delivery, billing), one line per entry. */
  addresses: { label: string; lines: string[] }[];
};

/**
 * The block that describes an order: items, amounts and addresses, worded and formatted by the
 * page (the shop's approval request and the customer's order detail render the same block). A
 * label column from 640 px, label above value on phones.
 */
export function OrderSummary({ itemsLabel, items, amounts, addresses }: OrderSummaryProps) {
  return (
    <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[12rem_1fr] sm:gap-y-4">
      <dt className="font-medium text-slate-700">{itemsLabel}</dt>
      <dd className="mb-3 sm:mb-0">
        <ul className="flex flex-col gap-1 break-words text-slate-900">
          {items.map((item) => (
            <li key={item.key}>{item.text}</li>
          ))}
        </ul>
      </dd>
      {amounts.map((amount) => (
        <div key={amount.label} className="contents">
          <dt className="font-medium text-slate-700">{amount.label}</dt>
          <dd
            className={clsx(
              "mb-3 text-slate-900 sm:mb-0",
              amount.emphasis ? "text-base font-semibold" : undefined,
            )}
          >
            {amount.value}
          </dd>
        </div>
      ))}
      {addresses.map((address) => (
        <div key={address.label} className="contents">
          <dt className="font-medium text-slate-700">{address.label}</dt>
          <dd className="mb-3 break-words text-slate-900 sm:mb-0">
            <address className="not-italic">
              {address.lines.map((line, index) => (
                <span key={index} className="block">
                  {line}
                </span>
              ))}
            </address>
          </dd>
        </div>
      ))}
    </dl>
  );
}
