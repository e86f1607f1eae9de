import { getFormatter, getTranslations } from "next-intl/server";
import type { SignInHistoryItem } from "@/lib/server/identity/account-security";
import { DATE_TIME_SHORT } from "@/lib/i18n/formats";
import { signInHistoryReason } from "@/lib/i18n/sign-in-reasons";
import { deviceLabel, placeLabel } from "./labels";

const METHODS = ["PASSWORD", "PASSKEY", "SOCIAL", "TOTP", "RECOVERY_CODE", "EMAIL_CODE"] as const;
const RESULTS = [
  "SUCCEEDED",
  "SECOND_FACTOR_REQUIRED",
  "SECOND_FACTOR_FAILED",
  "INVALID_CREDENTIALS",
  "BLOCKED_BY_RISK",
  "THROTTLED",
  "ACCOUNT_LOCKED",
] as const;

const COLUMNS = ["colTime", "colDevice", "colLocation", "colMethod", "colResult"] as const;

function known<T extends string>(list: readonly T[], value: string): T | null {
  return (list as readonly string[]).includes(value) ? (value as T) : null;
}

export async function SignInHistory({ items }: { items: SignInHistoryItem[] }) {
  const [t, format] = await Promise.all([getTranslations("account.security"), getFormatter()]);
  if (items.length === 0) return <p className="text-sm text-slate-600">{t("historyEmpty")}</p>;
  // Why a code was asked or a sign-in stopped, in the words /login/verify used (docs/decisions/0021).
  const reasons = await Promise.all(items.map((item) => signInHistoryReason(item.reasons)));
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{t("historyTitle")}</caption>
        <thead className="border-b border-slate-300 text-slate-700">
          <tr>
            {COLUMNS.map((column, index) => (
              <th
                key={column}
                scope="col"
                className={index === COLUMNS.length - 1 ? "py-2 font-semibold" : "py-2 pr-4 font-semibold"}
              >
                {t(column)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {items.map((item, index) => {
            const method = known(METHODS, item.method);
            const result = known(RESULTS, item.result);
            return (
              <tr key={item.id}>
                <td className="py-2 pr-4 whitespace-nowrap">
                  {format.dateTime(item.createdAt, DATE_TIME_SHORT)}
                </td>
                <td className="py-2 pr-4">{deviceLabel(item, t("unknownDevice"))}</td>
                <td className="py-2 pr-4">{placeLabel(item, t("unknownLocation"), item.ip)}</td>
                <td className="py-2 pr-4">{method ? t(`methods.${method}`) : item.method}</td>
                <td className={item.result === "SUCCEEDED" ? "py-2 text-emerald-800" : "py-2 text-red-800"}>
                  {result ? t(`results.${result}`) : item.result}
                  {reasons[index] ? (
                    <span className="block text-xs text-slate-700">{reasons[index]}</span>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
