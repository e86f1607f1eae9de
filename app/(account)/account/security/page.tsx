import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { FlashToast, type Flash } from "@/components/ui/flash-toast";
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
  // Outcomes of redirects to this page, told once by the toaster (docs/decisions/0054).
  const notices: Record<string, Flash> = {
    "session-signed-out": { tone: "success", message: t("sessionSignedOut") },
    "others-signed-out": {
      tone: "success",
      message: t("signedOutOthers", { count: Number(params.count ?? 0) || 0 }),
    },
    "staff-factor-required": { tone: "info", title: t("staffFactorTitle"), message: t("staffFactorText") },
    "address-unproven": { tone: "error", message: tErrors("ADDRESS_UNPROVEN") },
  };
  const notice =
    typeof params.notice === "string" && Object.hasOwn(notices, params.notice)
      ? notices[params.notice]!
      : null;

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <FlashToast params={["notice", "count"]} flash={notice} />
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
