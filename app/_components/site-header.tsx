import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { DisclosureMenu } from "@/components/ui/disclosure-menu";
import { getCurrentUser } from "@/lib/auth/session";
import { consolesFor } from "@/lib/config/permissions";
import { LocaleSwitcher } from "./locale-switcher";

/**
 * Shows who is signed in and, for staff, the consoles their roles allow (display only; pages
 * authorise for themselves with requirePermission). One line at every width (issue 15): below 640 px
 * the signed-in links fold into a menu. "Mein Konto" is the prominent one; signing out is quiet.
 */
export async function SiteHeader() {
  const [t, tSession, user] = await Promise.all([
    getTranslations("common"),
    getTranslations("session"),
    getCurrentUser(),
  ]);

  const signedInLinks = (layout: "row" | "menu") =>
    user ? (
      <>
        {consolesFor(user).length > 0 && (
          <nav aria-label={tSession("consoles.navLabel")}>
            <ul className={layout === "row" ? "flex items-center gap-2" : "flex flex-col gap-2"}>
              {consolesFor(user).map((c) => (
                <li key={c.key}>
                  <Button href={c.path} variant="secondary" size="sm" className="w-full">
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
          <Button type="submit" variant="link" className="min-h-9 w-full px-2 text-sm">
            {tSession("signOut")}
          </Button>
        </form>
      </>
    ) : null;

  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex w-full max-w-6xl flex-nowrap items-center justify-between gap-3 px-4 py-3 sm:px-6">
        <Link
          href="/"
          className="shrink-0 rounded-sm text-lg font-bold tracking-tight whitespace-nowrap text-slate-900 no-underline"
        >
          {t("productName")}
        </Link>
        <div className="flex flex-nowrap items-center gap-3">
          <LocaleSwitcher />
          {user ? (
            <>
              <div className="hidden items-center gap-3 sm:flex">{signedInLinks("row")}</div>
              <DisclosureMenu
                className="relative sm:hidden"
                summary={tSession("menu")}
                panelClassName="absolute right-0 z-20 mt-2 flex w-56 flex-col gap-2 rounded-xl border border-slate-200 bg-white p-3 shadow-lg"
              >
                {signedInLinks("menu")}
              </DisclosureMenu>
            </>
          ) : (
            <Button href="/login" variant="primary" size="sm" className="whitespace-nowrap">
              {t("signIn")}
            </Button>
          )}
        </div>
      </div>
    </header>
  );
}
