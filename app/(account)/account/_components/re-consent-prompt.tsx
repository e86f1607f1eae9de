import { getLocale, getTranslations } from "next-intl/server";
import { getCurrentUser } from "@/lib/auth/session";
import { toLocale } from "@/lib/i18n/config";
import { pendingReConsents } from "@/lib/server/consent/consent-overview";
import { ReConsentAnswer } from "./re-consent-answer-deferred";

/**
 * Shown on every account page while a purpose the customer had granted has a newer material
 * version: the new text with "Zustimmen" / "Ablehnen". Display only (layouts do not authorise);
 * the answer's server action authorises. Until answered, the old grant does not count (0015).
 */
export async function ReConsentPrompt() {
  const user = await getCurrentUser();
  if (!user) return null;
  const pending = await pendingReConsents(user.id, toLocale(await getLocale()));
  if (pending.length === 0) return null;
  const t = await getTranslations("consent.prompt");
  return (
    <div className="mb-6 flex flex-col gap-4">
      {pending.map((item) => {
        const headingId = `reconsent-${item.purposeKey}`;
        return (
          <section
            key={item.purposeKey}
            aria-labelledby={headingId}
            className="rounded-lg border-l-4 border-amber-600 bg-amber-50 p-4 text-slate-900"
          >
            <h2 id={headingId} className="font-semibold">
              {t("title", { title: item.title })}
            </h2>
            <p className="mt-1 text-sm">{t("text", { version: item.version })}</p>
            <blockquote className="mt-3 rounded-lg bg-white p-3 text-sm whitespace-pre-line">
              {item.body}
            </blockquote>
            <ReConsentAnswer purposeKey={item.purposeKey} version={item.version} title={item.title} />
          </section>
        );
      })}
    </div>
  );
}
