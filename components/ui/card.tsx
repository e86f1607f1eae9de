import clsx from "clsx";
import type { ReactNode } from "react";

type CardProps = {
  /** Optional heading; choose the level that fits the page outline. */
  title?: ReactNode;
  titleAs?: "h2" | "h3";
  description?: ReactNode;
  className?: string;
  children?: ReactNode;
};

export function Card({ title, titleAs: Heading = "h2", description, className, children }: CardProps) {
  return (
    // data-card: the E2E fixture counts primary buttons per card (issue 15 item 8).
    <div
      data-card=""
      className={clsx("rounded-xl border border-slate-200 bg-white p-6 shadow-sm", className)}
    >
      {title ? <Heading className="text-lg font-semibold text-slate-900">{title}</Heading> : null}
      {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
      {children && (title || description) ? <div className="mt-4">{children}</div> : children}
    </div>
  );
}
