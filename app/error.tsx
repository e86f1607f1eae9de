"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { digestOf } from "@/lib/http/error-digest";

type ErrorPageProps = {
  error: unknown;
  /** Re-fetches and re-renders the failed segment (Next.js 16.3+; preferred over reset). */
  retry: () => void;
};

export default function ErrorPage({ error, retry }: ErrorPageProps) {
  const t = useTranslations("errorPage");
  const tCommon = useTranslations("common");
  // The digest matches the server log entry; the message itself is withheld in production.
  const digest = digestOf(error);

  return (
    <div className="max-w-2xl">
      <PageHeader title={t("title")} description={t("text")} />
      {digest ? (
        <div className="mb-8 text-sm text-slate-700">
          <p>{t("reference", { digest })}</p>
          <p className="mt-1">{t("referenceHint")}</p>
        </div>
      ) : null}
      <div className="flex flex-wrap gap-3">
        <Button onClick={() => retry()}>{t("retry")}</Button>
        <Button href="/" variant="secondary">
          {tCommon("backHome")}
        </Button>
      </div>
    </div>
  );
}
