import Link from "next/link";
import { useTranslations } from "next-intl";

export function SiteFooter() {
  const t = useTranslations("footer");
  return (
    <footer className="border-t border-slate-200 bg-white">
      <div className="mx-auto flex w-full max-w-6xl flex-col gap-3 px-4 py-6 text-sm text-slate-600 sm:flex-row sm:items-center sm:justify-between sm:px-6">
        <p>{t("demoOperator")}</p>
        <nav aria-label={t("label")}>
          <ul className="flex flex-wrap gap-x-6 gap-y-2">
            <li>
              <Link href="/imprint" className="text-slate-900 underline hover:text-brand-800">
                {t("imprint")}
              </Link>
            </li>
            <li>
              <Link href="/terms" className="text-slate-900 underline hover:text-brand-800">
                {t("terms")}
              </Link>
            </li>
            <li>
              <Link href="/privacy" className="text-slate-900 underline hover:text-brand-800">
                {t("privacy")}
              </Link>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
