import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { db } from "@/lib/db";
import { isTokenUsable } from "@/lib/server/identity/tokens";
import { ResetPasswordForm } from "./reset-password-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth.resetPassword"))("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Target of the reset mail's link: choose a new password (the link is used only on submit). */
export default async function ResetPasswordPage({ searchParams }: Props) {
  const t = await getTranslations("auth.resetPassword");
  const { token, reported } = await searchParams;
  const usable = typeof token === "string" && (await isTokenUsable(db, { token, purpose: "PASSWORD_RESET" }));
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
          <ResetPasswordForm token={token} />
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
