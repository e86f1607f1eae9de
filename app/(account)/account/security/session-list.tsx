import { getFormatter, getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { signOutOtherSessionsAction, signOutSessionAction } from "@/lib/actions/account-security";
import type { SessionListItem } from "@/lib/server/sessions/sessions";
import { DATE_TIME_SHORT } from "@/lib/i18n/formats";
import { deviceLabel, placeLabel } from "./labels";

/** Active sessions with plain forms to sign one or all others out (works without JavaScript). */
export async function SessionList({ sessions }: { sessions: SessionListItem[] }) {
  const [t, format] = await Promise.all([getTranslations("account.security"), getFormatter()]);
  const others = sessions.filter((s) => !s.isCurrent);
  const when = (date: Date) => format.dateTime(date, DATE_TIME_SHORT);
  return (
    <div className="flex flex-col gap-4">
      <ul className="divide-y divide-slate-200" aria-label={t("sessionsTitle")}>
        {sessions.map((s) => {
          const device = deviceLabel(s, t("unknownDevice"));
          const place = placeLabel(s, t("unknownLocation"));
          return (
            <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
              <div>
                <p className="font-medium text-slate-900">
                  {device}
                  {s.isCurrent ? (
                    <span className="ml-2 rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-800">
                      {t("current")}
                    </span>
                  ) : null}
                </p>
                <p className="text-sm text-slate-600">
                  {place}
                  {s.ip ? ` · ${s.ip}` : ""} · {t("lastSeen", { time: when(s.lastSeenAt) })}
                </p>
                <p className="text-sm text-slate-600">{t("signedInSince", { time: when(s.createdAt) })}</p>
              </div>
              {s.isCurrent ? null : (
                <form action={signOutSessionAction}>
                  <input type="hidden" name="sessionId" value={s.id} />
                  <Button
                    type="submit"
                    variant="secondary"
                    size="sm"
                    aria-label={`${t("signOutSession")}: ${device}, ${place}`}
                  >
                    {t("signOutSession")}
                  </Button>
                </form>
              )}
            </li>
          );
        })}
      </ul>
      {others.length > 0 ? (
        <form action={signOutOtherSessionsAction}>
          <Button type="submit" variant="danger" size="sm">
            {t("signOutOthers")}
          </Button>
        </form>
      ) : (
        <p className="text-sm text-slate-600">{t("noOtherSessions")}</p>
      )}
    </div>
  );
}
