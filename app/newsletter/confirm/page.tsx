import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SubmitButton } from "@/components/forms/submit-button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { confirmNewsletterAction } from "@/lib/actions/communication";
import { previewOptIn } from "@/lib/server/communication/newsletter-links";
import { NewsletterOutcome } from "../newsletter-outcome";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("newsletter.confirm"))("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * Target of the double opt-in link. Opening it changes nothing (mail scanners fetch links, and
 * the proof must come from the person): the button confirms.
 */
export default async function NewsletterConfirmPage({ searchParams }: Props) {
  const [t, tTopics, params] = await Promise.all([
    getTranslations("newsletter.confirm"),
    getTranslations("newsletter.topics"),
    searchParams,
  ]);
  const token = typeof params.token === "string" ? params.token : null;
  const preview = token ? await previewOptIn(token) : null;

  if (params.status === "confirmed") {
    return (
      <NewsletterOutcome
        title={t("title")}
        tone="success"
        outcomeTitle={t("confirmedTitle")}
        text={t("confirmedText")}
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
      <Card title={t("topicsTitle")}>
        <ul className="list-disc pl-6">
          {preview.topics.map((topic) => (
            <li key={topic}>{tTopics(topic)}</li>
          ))}
        </ul>
        <form action={confirmNewsletterAction} className="mt-6">
          <input type="hidden" name="token" value={token} />
          <SubmitButton>{t("button")}</SubmitButton>
        </form>
      </Card>
    </>
  );
}
