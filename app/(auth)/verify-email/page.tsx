import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { verifyEmailToken } from "@/lib/server/identity/email-verification";
import { getClientInfo } from "@/lib/server/request/client-info";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth.verifyEmail"))("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Target of the links in verification and email-change mails; each link works once. */
export default async function VerifyEmailPage({ searchParams }: Props) {
  const t = await getTranslations("auth.verifyEmail");
  const { token } = await searchParams;
  const result =
    typeof token === "string" ? await verifyEmailToken({ token, client: await getClientInfo() }) : null;
  const message = !result
    ? { tone: "error" as const, text: t("invalid") }
    : result.ok
      ? { tone: "success" as const, text: t(result.kind === "verified" ? "verified" : "emailChanged") }
      : { tone: "error" as const, text: t(result.code === "EMAIL_TAKEN" ? "emailTaken" : "invalid") };
  return (
    <>
      <PageHeader title={t("title")} />
      <Card>
        <Notice tone={message.tone}>{message.text}</Notice>
        <p className="mt-4">
          <Link href="/account" className="font-medium text-brand-700 underline hover:text-brand-900">
            {t("toAccount")}
          </Link>
        </p>
      </Card>
    </>
  );
}
