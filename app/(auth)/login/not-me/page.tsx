import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SubmitButton } from "@/components/forms/submit-button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { reportBlockedSignInAction } from "@/lib/actions/sign-in-links";
import { isSignInLinkUsable } from "@/lib/server/identity/risk-release";
import { LinkOutcome, readLinkParams, type LinkPageProps } from "../link-outcome";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signInLinks.notMe"))("title") };
}

/**
 * "Das war ich nicht" from the mail about a stopped sign-in (docs/decisions/0021). The button
 * signs the account out everywhere and continues to the new-password form.
 */
export default async function NotMePage(props: LinkPageProps) {
  const [t, tLinks, { token, status }] = await Promise.all([
    getTranslations("signInLinks.notMe"),
    getTranslations("signInLinks"),
    readLinkParams(props),
  ]);
  if (status === "RATE_LIMITED")
    return <LinkOutcome title={t("title")} tone="warning" text={tLinks("rateLimited")} />;
  if (!token || status || !(await isSignInLinkUsable("not-me", token))) {
    return (
      <LinkOutcome
        title={t("title")}
        tone="error"
        heading={tLinks("invalidTitle")}
        text={`${tLinks("invalidText")} ${t("invalidHint")}`}
      >
        <p className="mt-4">
          <Link href="/forgot-password" className="font-medium text-brand-700 underline hover:text-brand-900">
            {t("forgotPassword")}
          </Link>
        </p>
      </LinkOutcome>
    );
  }
  return (
    <>
      <PageHeader title={t("title")} />
      <Card>
        <p className="text-base text-slate-800">{t("intro")}</p>
        <form action={reportBlockedSignInAction} className="mt-6">
          <input type="hidden" name="token" value={token} />
          <SubmitButton variant="danger">{t("button")}</SubmitButton>
        </form>
      </Card>
    </>
  );
}
