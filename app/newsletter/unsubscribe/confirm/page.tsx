import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SubmitButton } from "@/components/forms/submit-button";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { unsubscribeNewsletterAction } from "@/lib/actions/communication";
import { previewUnsubscribe } from "@/lib/server/communication/newsletter-links";
import { NewsletterOutcome } from "../../newsletter-outcome";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("newsletter.unsubscribe"))("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const linkClass = "font-medium text-brand-700 underline hover:text-brand-900";

/**
 * Where the unsubscribe link of a marketing mail lands (via /newsletter/unsubscribe): one button,
 * no sign-in. Showing the page changes nothing; the button does.
 */
export default async function NewsletterUnsubscribePage({ searchParams }: Props) {
  const [t, params] = await Promise.all([getTranslations("newsletter.unsubscribe"), searchParams]);
  const token = typeof params.token === "string" ? params.token : null;
  const preview = token ? await previewUnsubscribe(token) : null;
  const settingsLink = (
    <p className="mt-4">
      <Link href="/account/communication" className={linkClass}>
        {t("toSettings")}
      </Link>
    </p>
  );

  if (params.status === "done") {
    return (
      <NewsletterOutcome
        title={t("title")}
        tone="success"
        outcomeTitle={t("doneTitle")}
        text={t("doneText")}
        settingsLabel={t("toSettings")}
      />
    );
  }
  if (!token || !preview) {
    return (
      <NewsletterOutcome
        title={t("title")}
        tone="error"
        outcomeTitle={t("invalidTitle")}
        text={t("invalidText")}
        settingsLabel={t("toSettings")}
      />
    );
  }
  return (
    <>
      <PageHeader title={t("title")} description={t("description", { email: preview.emailMasked })} />
      <Card>
        {preview.isSubscribed ? null : (
          <Notice tone="info" className="mb-4">
            {t("alreadyText")}
          </Notice>
        )}
        <form action={unsubscribeNewsletterAction}>
          <input type="hidden" name="token" value={token} />
          <SubmitButton>{t("button")}</SubmitButton>
        </form>
        {settingsLink}
      </Card>
    </>
  );
}
