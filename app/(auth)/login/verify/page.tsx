import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { readPendingSignInCookie } from "@/lib/auth/pending-sign-in-cookie";
import { secondFactorReasons } from "@/lib/i18n/sign-in-reasons";
import { findPendingSignIn } from "@/lib/server/identity/pending-sign-in";
import { maskEmail } from "@/lib/server/mail/mask-email";
import { VerifyForm } from "./verify-form";

const DESCRIPTIONS = {
  PASSWORD: "description",
  PASSKEY: "descriptionPasskey",
  SOCIAL: "descriptionSocial",
} as const;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("verify");
  return { title: t("title") };
}

/**
 * The second step of a sign-in (docs/decisions/0007): reached only with the `portal_pending`
 * cookie that a proven first factor set. It says in plain words why a code is asked for
 * (docs/decisions/0021) and offers the factors that pending sign-in allows.
 */
export default async function VerifyPage() {
  const [t, pending] = await Promise.all([
    getTranslations("verify"),
    readPendingSignInCookie().then(findPendingSignIn),
  ]);
  if (!pending) {
    return (
      <>
        <PageHeader title={t("title")} />
        <Notice tone="warning">{t("expired")}</Notice>
        <Button href="/login" variant="secondary" className="mt-6">
          {t("backToLogin")}
        </Button>
      </>
    );
  }
  const reasons = await secondFactorReasons(pending.reasons);
  return (
    <>
      <PageHeader title={t("title")} description={t(DESCRIPTIONS[pending.firstFactor])} />
      {reasons.length > 0 ? (
        <Notice tone="info" className="mb-6">
          {reasons.join(" ")}
        </Notice>
      ) : null}
      <Card>
        <VerifyForm factors={pending.factors} emailMasked={maskEmail(pending.user.email)} />
      </Card>
    </>
  );
}
