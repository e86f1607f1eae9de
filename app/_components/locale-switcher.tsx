"use client";

import clsx from "clsx";
import { usePathname, useSearchParams } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { setLocale } from "@/lib/actions/locale";
import { locales } from "@/lib/i18n/config";

/**
 * A plain form posting to a server action, so switching works before hydration and without
 * JavaScript. The server-rendered hidden field carries the current path and query back.
 */
export function LocaleSwitcher() {
  const t = useTranslations("localeSwitcher");
  const activeLocale = useLocale();
  const pathname = usePathname();
  const query = useSearchParams().toString();
  const returnTo = query ? `${pathname}?${query}` : pathname;

  return (
    <form action={setLocale}>
      <input type="hidden" name="returnTo" value={returnTo} />
      <div role="group" aria-label={t("label")} className="flex rounded-lg ring-1 ring-slate-400 ring-inset">
        {locales.map((locale) => {
          const isActive = locale === activeLocale;
          return (
            <button
              key={locale}
              type="submit"
              name="locale"
              value={locale}
              lang={locale}
              aria-pressed={isActive}
              className={clsx(
                "min-h-9 px-2.5 text-sm sm:px-3 font-medium first:rounded-l-lg last:rounded-r-lg",
                isActive ? "bg-slate-900 text-white" : "text-slate-900 hover:bg-slate-100",
              )}
            >
              {/* Short on phones so the header stays one line; the name stays the full one. */}
              <span aria-hidden="true" className="sm:hidden">
                {t(`short.${locale}`)}
              </span>
              <span className="sr-only sm:not-sr-only">{t(locale)}</span>
            </button>
          );
        })}
      </div>
    </form>
  );
}
