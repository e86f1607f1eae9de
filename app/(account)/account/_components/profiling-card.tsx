import { getLocale, getTranslations } from "next-intl/server";
import { getEnv } from "@/lib/env";
import { toLocale } from "@/lib/i18n/config";
import { backOffDays, type ProfilingPlace } from "@/lib/server/profiling/next-question";
import {
  getProfilingQuestion,
  type ProfilingQuestion as Question,
} from "@/lib/server/profiling/profiling-question";
import { ProfilingQuestion, type ProfilingQuestionView } from "./profiling-question";

/**
 * Progressive profiling's inline card (PRODUCT.md §5): picks at most one question for this
 * customer on this page, per request (a withdrawn consent removes its question at once), and
 * states the purpose. Rendered by the overview and by the pages that trigger questions. A page
 * that must know the question (so as not to ask for the same thing twice) loads it and passes it.
 */
export async function ProfilingCard({
  user,
  place,
  question: loaded,
}: {
  /** The signed-in customer (its sign-in count came with the session: no second read). */
  user: { id: string; signInCount: number };
  place: ProfilingPlace;
  question?: Question | null;
}) {
  const [t, locale] = await Promise.all([getTranslations("profiling"), getLocale()]);
  const question =
    loaded === undefined
      ? await getProfilingQuestion({
          userId: user.id,
          place,
          locale: toLocale(locale),
          signInCount: user.signInCount,
        })
      : loaded;
  let view: ProfilingQuestionView | null = null;
  if (question) {
    const key = question.attributeKey;
    const purpose = t(`attributes.${key}.purpose`);
    view = {
      attributeKey: key,
      title: t(`attributes.${key}.title`),
      purpose: question.consentTitle
        ? t("purposeConsent", { purpose, consent: question.consentTitle })
        : t("purposeContract", { purpose }),
    };
  }
  const skipDays = getEnv().profilingSkipBackoffDays;
  return (
    <ProfilingQuestion question={view} skipDays={skipDays} notNowDays={backOffDays("NOT_NOW", skipDays)} />
  );
}
