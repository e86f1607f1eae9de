import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { listSignInHistory } from "@/lib/server/identity/account-security";
import { hasPassword } from "@/lib/server/identity/change-password";
import { ProvenAddressNotice } from "../proven-address-notice";
import { listActiveSessions } from "@/lib/server/sessions/sessions";
import { listSessionsEndedAtLimit } from "@/lib/server/sessions/session-limit";
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
  const [t, tErrors, sessions, endedAtLimit, history, params, withPassword] = await Promise.all([
    getTranslations("account.security"),
    getTranslations("errors"),
    listActiveSessions(user.id, user.sessionId),
    listSessionsEndedAtLimit(user.id),
    listSignInHistory(user.id),
    searchParams,
    hasPassword(user.id),
  ]);
  // Until the address is proven, nothing but the first credential can be added (decision 0018).
  const canAddCredentials = user.emailVerified;
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
      {params.notice === "address-unproven" ? (
        <Notice tone="warning" className="mb-6">
          {tErrors("ADDRESS_UNPROVEN")}
        </Notice>
      ) : null}
      <div className="flex flex-col gap-6">
        <Card title={t("sessionsTitle")} description={t("sessionsDescription")}>
          <SessionList sessions={sessions} endedAtLimit={endedAtLimit} />
        </Card>
        <Passkeys userId={user.id} canAdd={canAddCredentials} />
        <Authenticator userId={user.id} canAdd={canAddCredentials} />
        <LinkedAccounts userId={user.id} notice={params.social} canConnect={canAddCredentials} />
        <Card title={t("passwordTitle")} description={t("passwordDescription")}>
          {/* A first password would be a second credential; replacing the one there is fine. */}
          {canAddCredentials || withPassword ? (
            <ChangePasswordForm />
          ) : (
            <ProvenAddressNotice feature="password" />
          )}
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
