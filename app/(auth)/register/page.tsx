import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { SocialSignIn } from "../social-sign-in";
import { PasskeySignUpForm } from "./passkey-sign-up-form";
import { RegisterForm } from "./register-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.register");
  return { title: t("title") };
}

export default async function RegisterPage() {
  const t = await getTranslations("auth.register");

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <Card>
        <RegisterForm />
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
