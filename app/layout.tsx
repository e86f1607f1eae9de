import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { SiteFooter } from "./_components/site-footer";
import { ServiceWorkerRegistration } from "./_components/service-worker";
import { SiteHeader } from "./_components/site-header";
import { ToastProvider } from "@/components/ui/toaster";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return {
    title: { template: `%s · ${t("productName")}`, default: t("productName") },
    description: t("metaDescription"),
  };
}

// Reading the locale cookie makes every page dynamic, which the per-request CSP nonce needs anyway.
export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations("common");

  return (
    <html lang={locale}>
      <body className="flex min-h-dvh flex-col">
        <NextIntlClientProvider>
          <ToastProvider>
            <a
              href="#main-content"
              className="sr-only rounded-md bg-white px-4 py-2 font-medium text-brand-800 shadow-lg focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50"
            >
              {t("skipToContent")}
            </a>
            <SiteHeader />
            {/* tabIndex lets the skip link move focus here; programmatic focus needs no ring. */}
            <main id="main-content" tabIndex={-1} className="flex-1 focus:outline-none">
              <div className="mx-auto w-full max-w-6xl px-4 py-8 sm:px-6 lg:py-12">{children}</div>
            </main>
            <SiteFooter />
            <ServiceWorkerRegistration />
          </ToastProvider>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
