import Link from "next/link";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { LocaleSwitcher } from "./locale-switcher";

export function SiteHeader() {
  const t = useTranslations("common");
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex w-full max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3 sm:px-6">
        <Link href="/" className="rounded-sm text-lg font-bold tracking-tight text-slate-900 no-underline">
          {t("productName")}
        </Link>
        <div className="flex items-center gap-3">
          <LocaleSwitcher />
          <Button href="/login" variant="primary" size="sm">
            {t("signIn")}
          </Button>
        </div>
      </div>
    </header>
  );
}
