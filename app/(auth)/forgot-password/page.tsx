import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ForgotPasswordForm } from "./forgot-password-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.forgotPassword");
  return { title: t("title") };
}

export default async function ForgotPasswordPage() {
  const t = await getTranslations("auth.forgotPassword");

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <Card>
        <ForgotPasswordForm />
      </Card>
      <p className="mt-6 text-center text-sm">
        <Link href="/login" className="font-medium text-brand-700 underline hover:text-brand-900">
          {t("backToLogin")}
        </Link>
      </p>
    </>
  );
}
