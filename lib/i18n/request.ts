import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { matchAcceptLanguage } from "./accept-language";
import { defaultLocale, isLocale, LOCALE_COOKIE, type Locale } from "./config";

// URLs carry no locale prefix (the routes are a fixed contract), so the locale is resolved
// per request: an explicit choice (cookie) beats the browser's preference, which beats German.
async function resolveLocale(): Promise<Locale> {
  const cookieLocale = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(cookieLocale)) return cookieLocale;
  return matchAcceptLanguage((await headers()).get("accept-language")) ?? defaultLocale;
}

export default getRequestConfig(async () => {
  const locale = await resolveLocale();
  return {
    locale,
    messages: (await import(`../../messages/${locale}.json`)).default,
    // A fixed zone keeps server- and client-rendered dates identical (no hydration mismatch);
    // the portal's customers are in the DACH region.
    timeZone: "Europe/Berlin",
  };
});
