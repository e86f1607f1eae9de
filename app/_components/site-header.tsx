import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { getCurrentUser } from "@/lib/auth/session";
import { consolesFor } from "@/lib/config/permissions";
import { LocaleSwitcher } from "./locale-switcher";

/**
 * Shows who is signed in and, for staff, the consoles their roles allow (display only; pages
 * authorise for themselves with requirePermission).
 */
export async function SiteHeader() {
  const [t, tSession, user] = await Promise.all([
    getTranslations("common"),
    getTranslations("session"),
    getCurrentUser(),
  ]);
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex w-full max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3 sm:px-6">
        <Link href="/" className="rounded-sm text-lg font-bold tracking-tight text-slate-900 no-underline">
          {t("productName")}
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <LocaleSwitcher />
          {user ? (
            <>
              {consolesFor(user).length > 0 && (
                <nav aria-label={tSession("consoles.navLabel")}>
                  <ul className="flex flex-wrap items-center gap-2">
                    {consolesFor(user).map((c) => (
                      <li key={c.key}>
                        <Button href={c.path} variant="secondary" size="sm">
                          {tSession(`consoles.${c.key}`)}
                        </Button>
                      </li>
                    ))}
                  </ul>
                </nav>
              )}
              <Button href="/account" variant="secondary" size="sm">
                {tSession("myAccount")}
              </Button>
              {/* A plain post to a route handler: signing out ends in a new document (app/logout). */}
              <form action="/logout" method="post">
                <Button type="submit" variant="primary" size="sm">
                  {tSession("signOut")}
                </Button>
              </form>
            </>
          ) : (
            <Button href="/login" variant="primary" size="sm">
              {t("signIn")}
            </Button>
          )}
        </div>
      </div>
    </header>
  );
}
