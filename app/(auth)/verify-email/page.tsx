import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { SubmitButton } from "@/components/forms/submit-button";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { confirmEmailLinkAction, discardRegistrationAction } from "@/lib/actions/email-links";
import { DATE_TIME_SHORT } from "@/lib/i18n/formats";
import { describeEmailLink } from "@/lib/server/identity/email-verification";
import { isUsedLinkOfProvenAddress } from "@/lib/server/identity/verified-continuation";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth.verifyEmail"))("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const linkClass = "font-medium text-brand-700 underline hover:text-brand-900";

/** How a posted link ended (lib/actions/email-links.ts redirects here with ?status=…). */
const OUTCOMES = {
  verified: { tone: "success", text: "verified", href: "/account", link: "toAccount" },
  "email-changed": { tone: "success", text: "emailChanged", href: "/account", link: "toAccount" },
  "email-taken": { tone: "error", text: "emailTaken", href: "/account", link: "toAccount" },
  discarded: { tone: "success", text: "discarded", href: "/register", link: "toRegister" },
  invalid: { tone: "error", text: "invalid", href: "/account", link: "toAccount" },
  // A used link of an address that is proven by now (decision 0056): kind, not "invalid".
  "already-verified": { tone: "success", text: "alreadyVerified", href: "/account", link: "continue" },
} as const;

/**
 * Target of the links in verification and email-change mails. Opening it changes nothing (mail
 * scanners open links, and the decision must come from the person): the page says what the link
 * is for and its buttons post (docs/decisions/0019). A verification link offers "Das war ich
 * nicht" as well, because confirming vouches for whoever created the account (decision 0018).
 */
export default async function VerifyEmailPage({ searchParams }: Props) {
  const [t, format, params] = await Promise.all([
    getTranslations("auth.verifyEmail"),
    getFormatter(),
    searchParams,
  ]);
  const status = typeof params.status === "string" && params.status in OUTCOMES ? params.status : null;
  const token = typeof params.token === "string" ? params.token : null;
  const preview = !status && token ? await describeEmailLink(token) : null;

  if (!token || !preview) {
    const used = !status && token ? await isUsedLinkOfProvenAddress(token) : false;
    const outcome = OUTCOMES[(used ? "already-verified" : (status ?? "invalid")) as keyof typeof OUTCOMES];
    return (
      <>
        <PageHeader title={t("title")} />
        <Card>
          <Notice tone={outcome.tone}>{t(outcome.text)}</Notice>
          <p className="mt-4">
            <Link href={outcome.href} className={linkClass}>
              {t(outcome.link)}
            </Link>
          </p>
        </Card>
      </>
    );
  }

  const tokenField = <input type="hidden" name="token" value={token} />;
  if (preview.kind === "email-change") {
    return (
      <>
        <PageHeader title={t("title")} />
        <Card>
          <p className="text-slate-700">{t("changeDescription", { email: preview.newEmail })}</p>
          <form action={confirmEmailLinkAction} className="mt-6">
            {tokenField}
            <SubmitButton>{t("changeButton")}</SubmitButton>
          </form>
        </Card>
      </>
    );
  }
  return (
    <>
      <PageHeader title={t("title")} />
      <div className="flex flex-col gap-6">
        <Card>
          <p className="text-slate-700">
            {t("confirmDescription", {
              email: preview.emailMasked,
              date: format.dateTime(preview.registeredAt, DATE_TIME_SHORT),
              method: preview.method,
            })}
          </p>
          <p className="mt-2 text-slate-700">{t("confirmOnlyIfYou")}</p>
          <form action={confirmEmailLinkAction} className="mt-6">
            {tokenField}
            <SubmitButton>{t("confirmButton")}</SubmitButton>
          </form>
        </Card>
        <Card title={t("notMeTitle")}>
          <p className="text-slate-700">{t("notMeText")}</p>
          <form action={discardRegistrationAction} className="mt-4">
            {tokenField}
            <SubmitButton variant="secondary">{t("notMeButton")}</SubmitButton>
          </form>
        </Card>
      </div>
    </>
  );
}
