import clsx from "clsx";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { DATE_TIME_SHORT } from "@/lib/i18n/formats";
import type { PurposeOverview } from "@/lib/server/consent/consent-overview";
import { ConsentChoiceForm } from "./consent-choice-form";
import { ConsentHistory } from "./consent-history";

const STATUS_STYLES = {
  NONE: "bg-slate-100 text-slate-800",
  GRANTED: "bg-green-50 text-green-900 ring-1 ring-green-700",
  WITHDRAWN: "bg-slate-100 text-slate-800",
  SUSPENDED: "bg-amber-50 text-amber-900 ring-1 ring-amber-600",
} as const;

const COMMUNICATION_PURPOSES = ["marketing_email", "marketing_push"];

function ConsentText({ caption, body }: { caption: string; body: string }) {
  return (
    <figure className="flex flex-col gap-1">
      <figcaption className="text-sm font-medium text-slate-700">{caption}</figcaption>
      <blockquote className="rounded-lg bg-slate-50 p-3 text-sm whitespace-pre-line text-slate-900">
        {body}
      </blockquote>
    </figure>
  );
}

/** One purpose: state, the text agreed to (and newer wording), the one-click action, the history. */
export async function PurposeItem({ purpose }: { purpose: PurposeOverview }) {
  const [t, format] = await Promise.all([getTranslations("account.privacy"), getFormatter()]);
  const { state, current, agreed } = purpose;
  const headingId = `purpose-${purpose.key}`;
  const isNewerThanAgreed = agreed !== null && agreed.version !== current.version;

  return (
    <section
      aria-labelledby={headingId}
      className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm"
    >
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between">
        <h3 id={headingId} className="text-lg font-semibold text-slate-900">
          {current.title}
        </h3>
        <p
          className={clsx("w-fit rounded-full px-3 py-0.5 text-sm font-medium", STATUS_STYLES[state.status])}
        >
          <span className="sr-only">{t("statusLabel")}: </span>
          {t(`status.${state.status}`)}
        </p>
      </div>
      <p className="mt-1 text-sm text-slate-600">{t(`legalBasis.${purpose.legalBasis}`)}</p>

      <div className="mt-4 flex flex-col gap-4">
        {agreed ? (
          <ConsentText
            caption={t("agreedText", {
              version: agreed.version,
              date: format.dateTime(agreed.grantedAt, DATE_TIME_SHORT),
            })}
            body={agreed.body}
          />
        ) : null}
        {!agreed || isNewerThanAgreed ? (
          <ConsentText
            caption={
              isNewerThanAgreed
                ? t("newText", { version: current.version })
                : t("currentText", { version: current.version })
            }
            body={current.body}
          />
        ) : null}
        {purpose.key === "sepa_mandate" ? <p className="text-sm text-slate-600">{t("sepaNote")}</p> : null}
        {COMMUNICATION_PURPOSES.includes(purpose.key) ? (
          <p className="text-sm text-slate-600">
            {t.rich("communicationHint", {
              link: (chunks) => (
                <Link href="/account/communication" className="text-brand-700 underline">
                  {chunks}
                </Link>
              ),
            })}
          </p>
        ) : null}
        {purpose.isChangeable ? (
          <div className="flex flex-wrap gap-3">
            {state.status !== "GRANTED" ? (
              <ConsentChoiceForm purposeKey={purpose.key} version={current.version} decision="grant" />
            ) : null}
            {state.status === "GRANTED" || state.status === "SUSPENDED" ? (
              <ConsentChoiceForm purposeKey={purpose.key} version={current.version} decision="withdraw" />
            ) : null}
          </div>
        ) : null}
        <ConsentHistory title={current.title} entries={purpose.history} />
      </div>
    </section>
  );
}
