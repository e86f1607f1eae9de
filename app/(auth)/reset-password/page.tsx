import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { describeResetLink } from "@/lib/server/identity/password-reset";
import { ResetPasswordForm } from "./reset-password-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth.resetPassword"))("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * Target of the reset mail's link: choose a new password (the link is used only on submit). When
 * the address was never proven, the page says first what the reset will remove (decision 0018).
 */
export default async function ResetPasswordPage({ searchParams }: Props) {
  const t = await getTranslations("auth.resetPassword");
  const { token, reported } = await searchParams;
  const link = typeof token === "string" ? await describeResetLink(token) : null;
  const usable = typeof token === "string" && link !== null;
  return (
    <>
      <PageHeader title={t("title")} description={usable ? t("description") : undefined} />
      {usable && reported === "1" ? (
        // Arrived from "Das war ich nicht" (docs/decisions/0021): the sessions are already gone.
        <Notice tone="success" className="mb-6">
          {t("reported")}
        </Notice>
      ) : null}
      <Card>
        {usable ? (
          <>
            {link.willReclaim ? (
              <Notice tone="warning" title={t("reclaimTitle")} className="mb-6">
                {t("reclaimText")}
              </Notice>
            ) : null}
            <ResetPasswordForm token={token} />
          </>
        ) : (
          <>
            <Notice tone="error">{t("invalidLink")}</Notice>
            <p className="mt-4">
              <Link
                href="/forgot-password"
                className="font-medium text-brand-700 underline hover:text-brand-900"
              >
                {t("requestNew")}
              </Link>
            </p>
          </>
        )}
      </Card>
    </>
  );
}
