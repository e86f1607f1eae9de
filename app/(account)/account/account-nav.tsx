"use client";

import clsx from "clsx";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { DisclosureMenu } from "@/components/ui/disclosure-menu";
import { ACCOUNT_SECTIONS } from "./areas";

const ITEMS = [{ key: "overview", href: "/account" } as const, ...ACCOUNT_SECTIONS];

/**
 * Section navigation, from the one list in areas.ts: a column beside the page from md up, a compact
 * menu naming the current section on phones (not rows of chips above the page). The current page is
 * marked with aria-current, not colour alone.
 */
export function AccountNav() {
  const t = useTranslations("account.nav");
  const pathname = usePathname();
  const current = ITEMS.find((item) => isCurrent(item.href, pathname));

  const list = (
    <ul className="flex flex-col gap-1">
      {ITEMS.map((item) => (
        <li key={item.key}>
          <Link
            href={item.href}
            aria-current={isCurrent(item.href, pathname) ? "page" : undefined}
            className={clsx(
              "block rounded-lg border-l-4 px-3 py-2 text-sm font-medium no-underline",
              isCurrent(item.href, pathname)
                ? "border-brand-700 bg-brand-50 text-brand-900"
                : "border-transparent text-slate-700 hover:bg-slate-100 hover:text-slate-900",
            )}
          >
            {t(item.key)}
          </Link>
        </li>
      ))}
    </ul>
  );

  return (
    <nav aria-label={t("label")}>
      <DisclosureMenu
        className="md:hidden"
        summaryClassName="min-h-11 w-full"
        summary={
          <span>
            {t("label")}
            {current ? `: ${t(current.key)}` : null}
          </span>
        }
        panelClassName="mt-2 rounded-xl border border-slate-200 bg-white p-2 shadow-sm"
      >
        {list}
      </DisclosureMenu>
      <div className="hidden md:block">{list}</div>
    </nav>
  );
}

function isCurrent(href: string, pathname: string): boolean {
  return href === "/account" ? pathname === "/account" : pathname.startsWith(href);
}
