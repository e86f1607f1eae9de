import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { describeSocialLink } from "@/lib/server/identity/social-link";
import { SocialLinkForm } from "./social-link-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("social.link");
  return { title: t("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * Where a social sign-in lands when its verified email belongs to an existing account: the
 * identity is linked only after the person proves that account (docs/decisions/0004).
 */
export default async function SocialLinkPage({ searchParams }: Props) {
  const { token } = await searchParams;
  const value = typeof token === "string" ? token : "";
  const [t, request] = await Promise.all([
    getTranslations("social.link"),
    value ? describeSocialLink(value) : null,
  ]);
  const toLogin = (
    <Button href="/login" variant="secondary" className="mt-6">
      {t("toLogin")}
    </Button>
  );

  if (!request) {
    return (
      <>
        <PageHeader title={t("invalidTitle")} />
        <Notice tone="warning">{t("invalid")}</Notice>
        {toLogin}
      </>
    );
  }
  if (!request.hasPassword) {
    return (
      <>
        <PageHeader title={t("noPasswordTitle")} />
        <Notice tone="info">{t("noPassword", { provider: request.providerName })}</Notice>
        {toLogin}
      </>
    );
  }
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <Card>
        <p className="mb-6 text-base text-slate-800">
          {t("intro", { provider: request.providerName, email: request.maskedEmail })}
        </p>
        <SocialLinkForm token={value} />
      </Card>
    </>
  );
}
