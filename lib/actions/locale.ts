"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getEnv } from "@/lib/env";
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE_SECONDS } from "@/lib/i18n/config";
import { SetLocaleSchema } from "@/lib/schemas/locale";

/**
 * Stores the visitor's language choice and returns to the page they came from.
 * Posted by the language switch as a plain form, so it works without JavaScript.
 */
export async function setLocale(formData: FormData): Promise<never> {
  const parsed = SetLocaleSchema.safeParse({
    locale: formData.get("locale"),
    returnTo: formData.get("returnTo"),
  });
  // An unknown locale can only come from a tampered form: change nothing, go home.
  if (!parsed.success) redirect("/");

  (await cookies()).set(LOCALE_COOKIE, parsed.data.locale, {
    path: "/",
    maxAge: LOCALE_COOKIE_MAX_AGE_SECONDS,
    sameSite: "lax",
    // Not a secret: readable by scripts is fine, and no script relies on it either.
    httpOnly: false,
    secure: getEnv().secureCookies,
  });
  redirect(parsed.data.returnTo);
}
