import clsx from "clsx";
import type { ComponentPropsWithoutRef, ReactNode } from "react";

/*
 * A table that is a table from 640 px up and a stacked list below it (issue 15): each row becomes a
 * block, each cell a line led by its column name (from data-label), so a phone never scrolls a table
 * sideways. The header row stays in the document for screen readers (visually hidden on phones).
 */

export function StackedTable({ className, ...props }: ComponentPropsWithoutRef<"table">) {
  return <table className={clsx("block w-full text-left text-sm sm:table", className)} {...props} />;
}

export function StackedHead({ className, ...props }: ComponentPropsWithoutRef<"thead">) {
  return <thead className={clsx("sr-only sm:not-sr-only sm:table-header-group", className)} {...props} />;
}

export function StackedBody({ className, ...props }: ComponentPropsWithoutRef<"tbody">) {
  return (
    <tbody className={clsx("block divide-y divide-slate-200 sm:table-row-group", className)} {...props} />
  );
}

export function StackedRow({ className, ...props }: ComponentPropsWithoutRef<"tr">) {
  return <tr className={clsx("block py-2 sm:table-row sm:py-0", className)} {...props} />;
}

type StackedCellProps = Omit<ComponentPropsWithoutRef<"td">, "children"> & {
  /** The column's name, shown before the value on phones. */
  label: string;
  children: ReactNode;
};

export function StackedCell({ label, className, children, ...props }: StackedCellProps) {
  return (
    <td
      data-label={label}
      className={clsx(
        "flex gap-3 py-0.5 before:w-28 before:shrink-0 before:font-medium before:text-slate-600 before:content-[attr(data-label)] sm:table-cell sm:py-2 sm:pr-4 sm:before:content-none sm:last:pr-0",
        className,
      )}
      {...props}
    >
      <span className="min-w-0 break-words">{children}</span>
    </td>
  );
}

/** The cell that names the row (scope="row"): the block's heading on phones, a header cell from 640 px. */
export function StackedRowHeader({ className, ...props }: ComponentPropsWithoutRef<"th">) {
  return (
    <th
      scope="row"
      className={clsx("block py-1 font-medium break-words sm:table-cell sm:py-2 sm:pr-4", className)}
      {...props}
    />
  );
}
