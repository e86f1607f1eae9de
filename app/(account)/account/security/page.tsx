import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { listSignInHistory } from "@/lib/server/identity/account-security";
import { listActiveSessions } from "@/lib/server/sessions/sessions";
import { Authenticator } from "./authenticator";
import { ChangeEmailForm } from "./change-email-form";
import { ChangePasswordForm } from "./change-password-form";
import { LinkedAccounts } from "./linked-accounts";
import { Passkeys } from "./passkeys";
import { SessionList } from "./session-list";
import { SignInHistory } from "./sign-in-history";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account.security");
  return { title: t("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AccountSecurityPage({ searchParams }: Props) {
  const user = await requireUser({ returnTo: "/account/security" });
  const [t, sessions, history, params] = await Promise.all([
    getTranslations("account.security"),
    listActiveSessions(user.id, user.sessionId),
    listSignInHistory(user.id),
    searchParams,
  ]);
  const staffFactorRequired = params.notice === "staff-factor-required";
  const notice =
    params.notice === "session-signed-out"
      ? t("sessionSignedOut")
      : params.notice === "others-signed-out"
        ? t("signedOutOthers", { count: Number(params.count ?? 0) || 0 })
        : null;

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {staffFactorRequired ? (
        <Notice tone="warning" title={t("staffFactorTitle")} className="mb-6">
          {t("staffFactorText")}
        </Notice>
      ) : null}
      {notice ? (
        <Notice tone="success" className="mb-6">
          {notice}
        </Notice>
      ) : null}
      <div className="flex flex-col gap-6">
        <Card title={t("sessionsTitle")} description={t("sessionsDescription")}>
          <SessionList sessions={sessions} />
        </Card>
        <Passkeys userId={user.id} />
        <Authenticator userId={user.id} />
        <LinkedAccounts userId={user.id} notice={params.social} />
        <Card title={t("passwordTitle")} description={t("passwordDescription")}>
          <ChangePasswordForm />
        </Card>
        <Card title={t("emailTitle")} description={t("emailDescription", { email: user.email })}>
          <ChangeEmailForm />
        </Card>
        <Card title={t("historyTitle")} description={t("historyDescription")}>
          <SignInHistory items={history} />
        </Card>
      </div>
    </>
  );
}
