import clsx from "clsx";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";

export type NoticeTone = "info" | "success" | "warning" | "error";

type NoticeProps = {
  tone?: NoticeTone;
  title?: ReactNode;
  children?: ReactNode;
  className?: string;
};

const tones: Record<NoticeTone, string> = {
  info: "border-brand-700 bg-brand-50 text-slate-900",
  success: "border-green-700 bg-green-50 text-slate-900",
  warning: "border-amber-600 bg-amber-50 text-slate-900",
  error: "border-red-700 bg-red-50 text-slate-900",
};

/**
 * An inline message. Errors interrupt screen readers (role="alert"); everything else is
 * announced politely (role="status"). The tone is also spoken as a hidden prefix, so it
 * never depends on colour alone.
 */
export function Notice({ tone = "info", title, children, className }: NoticeProps) {
  const t = useTranslations("notice");
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={clsx("rounded-lg border-l-4 p-4", tones[tone], className)}
    >
      {title ? (
        <p className="font-semibold">
          <span className="sr-only">{t(tone)}: </span>
          {title}
        </p>
      ) : (
        <span className="sr-only">{t(tone)}: </span>
      )}
      {children ? <div className={clsx("text-sm", title && "mt-1")}>{children}</div> : null}
    </div>
  );
}
