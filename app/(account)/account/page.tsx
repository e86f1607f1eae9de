import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { ProfilingCard } from "./_components/profiling-card";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { toLocale } from "@/lib/i18n/config";
import { listSignInHistory } from "@/lib/server/identity/account-security";
import type { CompletenessItem } from "@/lib/server/profile/completeness";
import { getProfileCompleteness } from "@/lib/server/profile/overview";
import { getProfilingQuestion } from "@/lib/server/profiling/profiling-question";
import { ACCOUNT_SECTIONS } from "./areas";
import { SignInHistory } from "./security/sign-in-history";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("account.overview");
  return { title: t("title") };
}

/** Where each missing piece is filled in. */
const NEXT_STEP_HREF: Record<CompletenessItem, string> = {
  name: "/account/profile",
  dateOfBirth: "/account/profile",
  phone: "/account/profile",
  address: "/account/addresses/new",
};

const RECENT_SIGN_INS = 3;

export default async function AccountOverviewPage() {
  const user = await requireUser({ returnTo: "/account" });
  const [t, completeness, recentSignIns, question] = await Promise.all([
    getTranslations("account"),
    getProfileCompleteness(user.id),
    listSignInHistory(user.id, RECENT_SIGN_INS),
    getLocale().then((locale) =>
      getProfilingQuestion({
        userId: user.id,
        place: "overview",
        locale: toLocale(locale),
        signInCount: user.signInCount,
      }),
    ),
  ]);
  // Never ask for the same thing twice on one page (issue 15 item 11): what the profiling card
  // asks is not also the suggested next step.
  const asked = question?.attributeKey;
  const nextStep = completeness.items.find(({ item, isDone }) => !isDone && item !== asked)?.item ?? null;
  const isOnlyTheAskedMissing = nextStep === null && completeness.nextStep !== null;

  return (
    <>
      <PageHeader
        title={
          user.displayName ? t("overview.greeting", { name: user.displayName }) : t("overview.greetingNoName")
        }
        description={t("overview.signedInAs", { email: user.email })}
      />
      {/* An unconfirmed address is announced once, by the account layout's banner. */}
      <ProfilingCard user={user} place="overview" question={question} />
      <div className="mb-8 grid gap-6 lg:grid-cols-2">
        <Card title={t("overview.completenessTitle")}>
          <p id="profile-completeness" className="text-sm text-slate-700">
            {t("overview.completenessValue", { percent: completeness.percent })}
          </p>
          <progress
            value={completeness.percent}
            max={100}
            aria-label={t("overview.completenessLabel")}
            aria-describedby="profile-completeness"
            className="mt-2 h-2 w-full overflow-hidden rounded-full accent-brand-700"
          />
          <ul className="mt-4 flex flex-col gap-1 text-sm">
            {completeness.items.map(({ item, isDone }) => (
              <li key={item} className="flex items-center gap-2">
                <span aria-hidden="true" className={isDone ? "text-green-700" : "text-slate-500"}>
                  {isDone ? "✓" : "○"}
                </span>
                <span>
                  {t(`overview.checklist.${item}`)}
                  <span className="sr-only">
                    : {isDone ? t("overview.itemDone") : t("overview.itemMissing")}
                  </span>
                </span>
              </li>
            ))}
          </ul>
        </Card>
        <Card title={t("overview.nextStepTitle")}>
          {nextStep ? (
            <div className="flex flex-col items-start gap-4">
              <p className="text-sm text-slate-700">{t(`overview.nextStep.${nextStep}.text`)}</p>
              <Button href={NEXT_STEP_HREF[nextStep]}>{t(`overview.nextStep.${nextStep}.action`)}</Button>
            </div>
          ) : (
            <p className="text-sm text-slate-700">
              {isOnlyTheAskedMissing ? t("overview.nextStepAsked") : t("overview.allDone")}
            </p>
          )}
        </Card>
      </div>
      <section aria-labelledby="account-sections">
        <h2 id="account-sections" className="text-lg font-semibold text-slate-900">
          {t("overview.areasTitle")}
        </h2>
        <ul className="mt-4 grid gap-4 sm:grid-cols-2">
          {ACCOUNT_SECTIONS.map((section) => (
            <li key={section.key}>
              {/* The whole card is the link; its name is the section title, the text describes it. */}
              <Link
                href={section.href}
                className="block h-full rounded-xl border border-slate-200 bg-white p-5 no-underline shadow-sm hover:border-brand-700 hover:shadow-md"
              >
                <span className="block font-semibold text-brand-800 underline">
                  {t(`nav.${section.key}`)}
                </span>
                <span className="mt-1 block text-sm text-slate-600">{t(`${section.key}.description`)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <Card
        title={t("overview.recentSignInsTitle")}
        description={t("overview.recentSignInsDescription")}
        className="mt-8"
      >
        <SignInHistory items={recentSignIns} />
        <p className="mt-4 text-sm">
          <Link href="/account/security" className="text-brand-700 underline hover:text-brand-900">
            {t("overview.recentSignInsLink")}
          </Link>
        </p>
      </Card>
    </>
  );
}
