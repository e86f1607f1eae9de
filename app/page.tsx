import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";

const FEATURES = ["security", "data", "privacy"] as const;

// No generateMetadata: the layout's default title ("Kundenportal") fits the home page, and a
// title set here would bypass the layout's template (same segment).
export default async function HomePage() {
  const t = await getTranslations("home");

  return (
    <div className="flex flex-col gap-16">
      <section aria-labelledby="home-title" className="max-w-3xl">
        <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase">{t("eyebrow")}</p>
        <h1 id="home-title" className="mt-3 text-3xl font-bold tracking-tight text-slate-900 sm:text-5xl">
          {t("title")}
        </h1>
        <p className="mt-6 text-lg text-slate-700">{t("lead")}</p>
        <div className="mt-8 flex flex-wrap gap-3">
          <Button href="/login">{t("ctaSignIn")}</Button>
          <Button href="/register" variant="secondary">
            {t("ctaRegister")}
          </Button>
        </div>
        <p className="mt-4 text-sm text-slate-600">{t("registerHint")}</p>
      </section>

      <section aria-labelledby="home-features">
        <h2 id="home-features" className="text-xl font-semibold text-slate-900">
          {t("featuresTitle")}
        </h2>
        <ul className="mt-6 grid gap-6 md:grid-cols-3">
          {FEATURES.map((feature) => (
            <li key={feature} className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
              <h3 className="text-base font-semibold text-slate-900">{t(`features.${feature}.title`)}</h3>
              <p className="mt-2 text-sm text-slate-600">{t(`features.${feature}.text`)}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
