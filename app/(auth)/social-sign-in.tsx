import "server-only";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SocialSignInButton } from "@/components/forms/social-sign-in-button";
import { Notice } from "@/components/ui/notice";
import { getEnv } from "@/lib/env";

/**
 * "or continue with …" under the sign-in and registration forms: one button per configured
 * OpenID Connect provider, nothing at all when none is configured. Continuing may create an
 * account, so the terms are stated here (recorded as consent at a social sign-up).
 */
export async function SocialSignIn() {
  const providers = getEnv().oidcProviders;
  if (providers.length === 0) return null;
  const t = await getTranslations("social");
  return (
    <div className="mt-6">
      <div className="mb-6 flex items-center gap-3">
        <span aria-hidden="true" className="h-px flex-1 bg-slate-300" />
        <span className="text-sm text-slate-600">{t("divider")}</span>
        <span aria-hidden="true" className="h-px flex-1 bg-slate-300" />
      </div>
      <ul className="flex flex-col gap-3">
        {providers.map(({ key, name }) => (
          <li key={key}>
            <SocialSignInButton
              provider={key}
              label={t("continueWith", { name })}
              pendingLabel={t("redirecting", { name })}
              failedMessage={t("startFailed", { name })}
              callbackUrl="/account"
            />
          </li>
        ))}
      </ul>
      <p className="mt-4 text-sm text-slate-600">
        {t.rich("termsNote", {
          terms: (chunks) => (
            <Link href="/terms" className="text-brand-700 underline hover:text-brand-900">
              {chunks}
            </Link>
          ),
          link: (chunks) => (
            <Link href="/privacy" className="text-brand-700 underline hover:text-brand-900">
              {chunks}
            </Link>
          ),
        })}
      </p>
    </div>
  );
}

/** Values of /login?error= set by our social callback, and next-auth's own error codes. */
const ERROR_KEYS = {
  "social-locked": "locked",
  "social-email-missing": "emailMissing",
  "social-email-in-use": "emailInUse",
} as const;

/** The reason a social sign-in ended back on /login; any unknown code gets the generic text. */
export async function SocialSignInError({ error }: { error: string | string[] | undefined }) {
  if (typeof error !== "string" || error === "") return null;
  const t = await getTranslations("social.errors");
  const key = error in ERROR_KEYS ? ERROR_KEYS[error as keyof typeof ERROR_KEYS] : "generic";
  return (
    <Notice tone="error" className="mb-6">
      {t(key)}
    </Notice>
  );
}
