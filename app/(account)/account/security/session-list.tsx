import { getFormatter, getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { signOutOtherSessionsAction, signOutSessionAction } from "@/lib/actions/account-security";
import type { SessionListItem } from "@/lib/server/sessions/sessions";
import type { EndedSessionItem } from "@/lib/server/sessions/session-limit";
import { MAX_ACTIVE_SESSIONS } from "@/lib/config/sessions";
import { DATE_TIME_SHORT } from "@/lib/i18n/formats";
import { deviceLabel, placeLabel } from "./labels";

/**
 * Active sessions with plain forms to sign one or all others out (works without JavaScript), and
 * the sessions the maximum of concurrent sessions ended lately (docs/decisions/0033).
 */
export async function SessionList({
  sessions,
  endedAtLimit,
}: {
  sessions: SessionListItem[];
  endedAtLimit: EndedSessionItem[];
}) {
  const [t, format] = await Promise.all([getTranslations("account.security"), getFormatter()]);
  const others = sessions.filter((s) => !s.isCurrent);
  const when = (date: Date) => format.dateTime(date, DATE_TIME_SHORT);
  return (
    <div className="flex flex-col gap-4">
      <ul className="divide-y divide-slate-200" aria-label={t("sessionsTitle")}>
        {sessions.map((s) => {
          const device = deviceLabel(s, t("unknownDevice"));
          // The approximate place from the offline GeoIP data; the IP only where no place is known.
          const place = placeLabel(s, t("unknownLocation"), s.ip);
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
                  {place} · {t("lastSeen", { time: when(s.lastSeenAt) })}
                </p>
                <p className="text-sm text-slate-600">{t("signedInSince", { time: when(s.createdAt) })}</p>
              </div>
              {s.isCurrent ? null : (
                <form action={signOutSessionAction}>
                  <input type="hidden" name="sessionId" value={s.id} />
                  <Button
                    type="submit"
                    variant="danger"
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
      {endedAtLimit.length > 0 ? (
        <section aria-labelledby="sessions-ended-at-limit" className="border-t border-slate-200 pt-4">
          <h3 id="sessions-ended-at-limit" className="font-medium text-slate-900">
            {t("endedAtLimitTitle")}
          </h3>
          <p className="text-sm text-slate-600">{t("endedAtLimitText", { max: MAX_ACTIVE_SESSIONS })}</p>
          <ul className="mt-2 flex flex-col gap-2">
            {endedAtLimit.map((s) => (
              <li key={s.id} className="text-sm text-slate-700">
                <span className="font-medium">{deviceLabel(s, t("unknownDevice"))}</span>
                {" · "}
                {placeLabel(s, t("unknownLocation"), s.ip)}
                {" · "}
                {t("endedAtLimitItem", { time: when(s.endedAt), lastSeen: when(s.lastSeenAt) })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
