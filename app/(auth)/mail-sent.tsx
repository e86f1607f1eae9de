import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";

type MailSentNamespace = "auth.checkEmail" | "auth.resetSent";

export async function mailSentMetadata(namespace: MailSentNamespace) {
  return { title: (await getTranslations(namespace))("title") };
}

/**
 * "Please check your inbox": shown whether or not the address has an account, so registration and
 * reset requests reveal no accounts.
 */
export async function MailSent({ namespace }: { namespace: MailSentNamespace }) {
  const t = await getTranslations(namespace);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <Card>
        <p className="text-slate-700">{t("text")}</p>
        <p className="mt-4">
          <Link href="/login" className="font-medium text-brand-700 underline hover:text-brand-900">
            {t("toLogin")}
          </Link>
        </p>
      </Card>
    </>
  );
}
