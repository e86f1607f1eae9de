import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { StepUpProvider } from "@/app/_components/step-up/step-up-context";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/permissions";
import { toLocale } from "@/lib/i18n/config";
import { ConsentPurposeKeySchema } from "@/lib/schemas/consent";
import { getConsentPurpose } from "@/lib/server/consent/consent-versions";
import { PublishVersionForm } from "./publish-version-form";

type Props = { params: Promise<{ key: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations("staff.admin.publish");
  return { title: t("title", { title: (await params).key }) };
}

export default async function PublishConsentVersionPage({ params }: Props) {
  const { key } = await params;
  await requirePermission("consents:manage", { returnTo: `/admin/consent/${encodeURIComponent(key)}` });
  const parsedKey = ConsentPurposeKeySchema.safeParse(key);
  const purpose = parsedKey.success ? await getConsentPurpose(parsedKey.data) : null;
  if (!purpose?.current) notFound();
  const [t, tList, locale] = await Promise.all([
    getTranslations("staff.admin.publish"),
    getTranslations("staff.admin.consent"),
    getLocale().then(toLocale),
  ]);
  const { current } = purpose;
  const title = current.texts[locale]?.title ?? current.texts.de?.title ?? purpose.key;

  return (
    <>
      <p className="mb-4">
        <Link href="/admin/consent" className="text-sm text-brand-700 underline">
          {tList("back")}
        </Link>
      </p>
      <PageHeader
        title={t("title", { title })}
        description={t("description", { version: current.version })}
      />
      <Card>
        <StepUpProvider>
          <PublishVersionForm
            purposeKey={purpose.key}
            basedOnVersion={current.version}
            defaults={{
              titleDe: current.texts.de?.title ?? "",
              bodyDe: current.texts.de?.body ?? "",
              titleEn: current.texts.en?.title ?? "",
              bodyEn: current.texts.en?.body ?? "",
            }}
          />
        </StepUpProvider>
      </Card>
    </>
  );
}
