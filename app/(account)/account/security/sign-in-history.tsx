import { getFormatter, getTranslations } from "next-intl/server";
import type { SignInHistoryItem } from "@/lib/server/identity/account-security";
import { DATE_TIME_SHORT } from "@/lib/i18n/formats";
import { signInHistoryReason } from "@/lib/i18n/sign-in-reasons";
import { deviceLabel, placeLabel } from "./labels";
import {
  StackedBody,
  StackedCell,
  StackedHead,
  StackedRow,
  StackedTable,
} from "@/components/ui/stacked-table";

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
    <StackedTable>
      <caption className="sr-only">{t("historyTitle")}</caption>
      <StackedHead className="border-b border-slate-300 text-slate-700">
        <tr>
          {COLUMNS.map((column) => (
            <th key={column} scope="col" className="py-2 pr-4 font-semibold last:pr-0">
              {t(column)}
            </th>
          ))}
        </tr>
      </StackedHead>
      <StackedBody>
        {items.map((item, index) => {
          const method = known(METHODS, item.method);
          const result = known(RESULTS, item.result);
          return (
            <StackedRow key={item.id}>
              <StackedCell label={t("colTime")} className="whitespace-nowrap">
                {format.dateTime(item.createdAt, DATE_TIME_SHORT)}
              </StackedCell>
              <StackedCell label={t("colDevice")}>{deviceLabel(item, t("unknownDevice"))}</StackedCell>
              <StackedCell label={t("colLocation")}>
                {placeLabel(item, t("unknownLocation"), item.ip)}
              </StackedCell>
              <StackedCell label={t("colMethod")}>
                {method ? t(`methods.${method}`) : item.method}
              </StackedCell>
              <StackedCell
                label={t("colResult")}
                className={item.result === "SUCCEEDED" ? "text-emerald-800" : "text-red-800"}
              >
                {result ? t(`results.${result}`) : item.result}
                {reasons[index] ? (
                  <span className="block text-xs text-slate-700">{reasons[index]}</span>
                ) : null}
              </StackedCell>
            </StackedRow>
          );
        })}
      </StackedBody>
    </StackedTable>
  );
}
