import { getFormatter, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { requireUser } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { DATE_TIME_SHORT } from "@/lib/i18n/formats";
import { getDeletionState } from "@/lib/server/privacy/account-deletion";
import { DeletionCancel } from "./deletion-cancel";
import { DeletionRequestForm } from "./deletion-request-form";

/**
 * "Delete account" on /account/privacy (docs/decisions/0016): what is deleted, what is kept and the grace
 * period, then the request. While a deletion is pending (a sign-in in the grace period lands here)
 * it shows the date and the cancel button instead.
 */
export async function AccountDeletionSection() {
  const user = await requireUser({ returnTo: "/account/privacy" });
  const [t, format, state] = await Promise.all([
    getTranslations("account.privacy.deletion"),
    getFormatter(),
    getDeletionState(user.id),
  ]);

  if (state.pending) {
    return (
      <section id="account-deletion" aria-label={t("pendingTitle")} className="scroll-mt-6">
        <Notice tone="warning" title={t("pendingTitle")}>
          <div className="flex flex-col gap-3">
            <p>
              {t("pendingText", {
                requested: format.dateTime(state.requestedAt, DATE_TIME_SHORT),
                scheduled: format.dateTime(state.scheduledFor, DATE_TIME_SHORT),
              })}
            </p>
            <DeletionCancel />
          </div>
        </Notice>
      </section>
    );
  }

  return (
    <section id="account-deletion" aria-labelledby="account-deletion-title" className="scroll-mt-6">
      <Card title={<span id="account-deletion-title">{t("title")}</span>} description={t("description")}>
        <div className="flex flex-col gap-5 text-sm text-slate-700">
          <div>
            <h3 className="font-semibold text-slate-900">{t("deletedHeading")}</h3>
            <p className="mt-1">{t("deleted")}</p>
          </div>
          <div>
            <h3 className="font-semibold text-slate-900">{t("keptHeading")}</h3>
            <p className="mt-1">{t("kept")}</p>
          </div>
          <div>
            <h3 className="font-semibold text-slate-900">{t("graceHeading")}</h3>
            <p className="mt-1">{t("grace", { days: getEnv().deletionGraceDays })}</p>
          </div>
          <DeletionRequestForm />
        </div>
      </Card>
    </section>
  );
}
