import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SubmitButton } from "@/components/forms/submit-button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { confirmBlockedSignInAction } from "@/lib/actions/sign-in-links";
import { isSignInLinkUsable } from "@/lib/server/identity/risk-release";
import { SIGN_IN_PASS_TTL_MINUTES } from "@/lib/server/identity/sign-in-passes";
import { LinkOutcome, readLinkParams, type LinkPageProps } from "../link-outcome";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signInLinks.itWasMe"))("title") };
}

/**
 * "Das war ich" from the mail about a stopped sign-in (docs/decisions/0021). Opening the link
 * changes nothing (mail scanners fetch links); the button releases the blocked browser once.
 */
export default async function ItWasMePage(props: LinkPageProps) {
  const [t, tLinks, { token, status }] = await Promise.all([
    getTranslations("signInLinks.itWasMe"),
    getTranslations("signInLinks"),
    readLinkParams(props),
  ]);
  const minutes = SIGN_IN_PASS_TTL_MINUTES;
  if (status === "released") {
    return (
      <LinkOutcome
        title={t("title")}
        tone="success"
        heading={t("doneTitle")}
        text={t("doneText", { minutes })}
      />
    );
  }
  if (status === "RATE_LIMITED")
    return <LinkOutcome title={t("title")} tone="warning" text={tLinks("rateLimited")} />;
  if (!token || status || !(await isSignInLinkUsable("it-was-me", token))) {
    return (
      <LinkOutcome
        title={t("title")}
        tone="error"
        heading={tLinks("invalidTitle")}
        text={`${tLinks("invalidText")} ${t("invalidHint")}`}
      />
    );
  }
  return (
    <>
      <PageHeader title={t("title")} />
      <Card>
        <p className="text-base text-slate-800">{t("intro", { minutes })}</p>
        <form action={confirmBlockedSignInAction} className="mt-6">
          <input type="hidden" name="token" value={token} />
          <SubmitButton>{t("button")}</SubmitButton>
        </form>
        <p className="mt-6 text-sm text-slate-700">{t("notYou")}</p>
      </Card>
    </>
  );
}
