"use client";

import clsx from "clsx";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { ACCOUNT_SECTIONS } from "./areas";

const ITEMS = [{ key: "overview", href: "/account" } as const, ...ACCOUNT_SECTIONS];

/** Section navigation; the current page is marked with aria-current, not colour alone. */
export function AccountNav() {
  const t = useTranslations("account.nav");
  const pathname = usePathname();

  return (
    <nav aria-label={t("label")}>
      <ul className="flex flex-wrap gap-1 md:flex-col">
        {ITEMS.map((item) => {
          const isCurrent =
            item.href === "/account" ? pathname === "/account" : pathname.startsWith(item.href);
          return (
            <li key={item.key} className="shrink-0">
              <Link
                href={item.href}
                aria-current={isCurrent ? "page" : undefined}
                className={clsx(
                  "block rounded-lg border-l-4 px-3 py-2 text-sm font-medium no-underline",
                  isCurrent
                    ? "border-brand-700 bg-brand-50 text-brand-900"
                    : "border-transparent text-slate-700 hover:bg-slate-100 hover:text-slate-900",
                )}
              >
                {t(item.key)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
