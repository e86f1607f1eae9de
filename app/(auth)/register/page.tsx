import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { readRegistrationCookie } from "@/lib/auth/registration-cookie";
import { SocialSignIn } from "../social-sign-in";
import { PasskeySignUpForm } from "./passkey-sign-up-form";
import { RegisterForm } from "./register-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.register");
  return { title: t("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * Sign-up. From "Falsche Adresse? Ändern" (?change=1) the address typed before is filled in and the
 * password form replaces that sign-up (decision 0056); the password is never kept, so it is typed again.
 */
export default async function RegisterPage({ searchParams }: Props) {
  const t = await getTranslations("auth.register");
  const change = (await searchParams).change === "1" ? await readRegistrationCookie() : null;

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <Card>
        {change && (
          <div className="mb-5">
            <Notice tone="info">{t("changeNotice")}</Notice>
          </div>
        )}
        <RegisterForm defaultEmail={change?.email} replacePending={change !== null} />
        <PasskeySignUpForm />
        <SocialSignIn />
      </Card>
      <p className="mt-6 text-center text-sm text-slate-700">
        {t("haveAccount")}{" "}
        <Link href="/login" className="font-medium text-brand-700 underline hover:text-brand-900">
          {t("loginLink")}
        </Link>
      </p>
    </>
  );
}
