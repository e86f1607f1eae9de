import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SubmitButton } from "@/components/forms/submit-button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { unlockSignInAction } from "@/lib/actions/sign-in-links";
import { isSignInLinkUsable } from "@/lib/server/identity/risk-release";
import { SIGN_IN_PASS_TTL_MINUTES } from "@/lib/server/identity/sign-in-passes";
import { LinkOutcome, readLinkParams, type LinkPageProps } from "../link-outcome";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signInLinks.unlock"))("title") };
}

/**
 * The unlock link from the throttled sign-in form (docs/decisions/0022). The button binds the
 * one-time pass to THIS browser; the sign-in page then says it is unlocked.
 */
export default async function UnlockPage(props: LinkPageProps) {
  const [t, tLinks, { token, status }] = await Promise.all([
    getTranslations("signInLinks.unlock"),
    getTranslations("signInLinks"),
    readLinkParams(props),
  ]);
  if (status === "RATE_LIMITED")
    return <LinkOutcome title={t("title")} tone="warning" text={tLinks("rateLimited")} />;
  if (!token || status || !(await isSignInLinkUsable("unlock", token))) {
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
        <p className="text-base text-slate-800">{t("intro", { minutes: SIGN_IN_PASS_TTL_MINUTES })}</p>
        <form action={unlockSignInAction} className="mt-6">
          <input type="hidden" name="token" value={token} />
          <SubmitButton>{t("button")}</SubmitButton>
        </form>
      </Card>
    </>
  );
}
