import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { parseSignInReasons } from "@/lib/config/sign-in-reasons";
import { blockedSignInMessage } from "@/lib/i18n/sign-in-reasons";
import { CallbackUrlSchema, EmailSchema } from "@/lib/schemas/auth";
import { SocialSignIn, SocialSignInError } from "../social-sign-in";
import { LoginForm } from "./login-form";
import { PasskeySignIn } from "./passkey-sign-in";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.login");
  return { title: t("title") };
}

type LoginPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function LoginPage({ searchParams }: LoginPageProps) {
  const t = await getTranslations("auth.login");
  // requireUser() sends visitors here with ?callbackUrl=<path>; only same-origin paths survive,
  // in their normalised form (lib/http/safe-path.ts).
  const { callbackUrl, reset, error, blocked, unlocked, invited, confirmed, email } = await searchParams;
  const safeCallbackUrl = CallbackUrlSchema.parse(callbackUrl);
  // A registration confirmed on another device arrives with its address (docs/decisions/0056).
  const confirmedEmail = EmailSchema.safeParse(email);

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {reset === "1" ? (
        <Notice tone="success" className="mb-6">
          {t("resetDone")}
        </Notice>
      ) : null}
      {confirmed === "1" ? (
        <Notice tone="success" className="mb-6">
          {t("confirmed")}
        </Notice>
      ) : null}
      {invited === "1" ? (
        // A new staff member who just set their first password (docs/decisions/0041).
        <Notice tone="success" className="mb-6">
          {t("invited")}
        </Notice>
      ) : null}
      {unlocked === "1" ? (
        <Notice tone="success" className="mb-6">
          {t("unlocked")}
        </Notice>
      ) : null}
      {typeof blocked === "string" ? (
        // A social sign-in the risk engine stopped (lib/auth/social-callback.ts): why, in words.
        <Notice tone="error" className="mb-6">
          {await blockedSignInMessage(parseSignInReasons(blocked))}
        </Notice>
      ) : null}
      <SocialSignInError error={error} />
      <Card>
        <LoginForm
          callbackUrl={safeCallbackUrl}
          defaultEmail={confirmedEmail.success ? confirmedEmail.data : undefined}
        />
        <PasskeySignIn callbackUrl={safeCallbackUrl} />
        <SocialSignIn />
      </Card>
      <p className="mt-6 text-center text-sm text-slate-700">
        {t("noAccount")}{" "}
        <Link href="/register" className="font-medium text-brand-700 underline hover:text-brand-900">
          {t("registerLink")}
        </Link>
      </p>
    </>
  );
}
