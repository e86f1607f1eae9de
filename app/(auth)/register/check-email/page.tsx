import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { readRegistrationCookie } from "@/lib/auth/registration-cookie";
import { MailSent, mailSentMetadata } from "../../mail-sent";
import { ResendRegistrationButton } from "./resend-button";

export function generateMetadata(): Promise<Metadata> {
  return mailSentMetadata("auth.checkEmail");
}

const linkClass = "font-medium text-brand-700 underline hover:text-brand-900";

/**
 * After sign-up: the address as typed in this browser (its registration cookie), "Erneut senden"
 * and "Falsche Adresse? Ändern" (decision 0056). The same page whether or not the address has an
 * account; without the cookie (another browser, expired) the general text.
 */
export default async function CheckEmailPage() {
  const registration = await readRegistrationCookie();
  if (!registration) return <MailSent namespace="auth.checkEmail" />;
  const t = await getTranslations("auth.checkEmail");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <Card>
        <p className="text-slate-700">
          {t.rich("sentTo", {
            email: registration.email,
            strong: (chunks) => <strong className="break-all">{chunks}</strong>,
          })}
        </p>
        <p className="mt-4 text-slate-700">{t("notArrived")}</p>
        <div className="mt-4">
          <ResendRegistrationButton email={registration.email} />
        </div>
        <p className="mt-4 text-slate-700">
          {t("wrongAddress")}{" "}
          <Link href="/register?change=1" className={linkClass}>
            {t("change")}
          </Link>
        </p>
        <p className="mt-4">
          <Link href="/login" className={linkClass}>
            {t("toLogin")}
          </Link>
        </p>
      </Card>
    </>
  );
}
