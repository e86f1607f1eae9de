/**
 * A risk decision in sentences a support agent understands without knowing the scoring: first the
 * outcome, then one line per signal that counted. Stored with the audit event and shown as is, so
 * it is worded here in both languages, from the catalogs' `riskDescription` namespace.
 */
import { createTranslator } from "use-intl/core";
import { RISK_CONFIG, type RiskConfig } from "@/lib/config/risk";
import type { RiskReason } from "@/lib/config/risk";
import de from "@/messages/de.json";
import en from "@/messages/en.json";
import type { RiskDecision } from "./policy";
import type { RiskSignals } from "./signals";

export type RiskLocale = "de" | "en";

type Values = Record<string, string>;

const CATALOGS = { de, en };

function translator(locale: RiskLocale) {
  return createTranslator({ locale, messages: CATALOGS[locale], namespace: "riskDescription" });
}

function numberFormat(locale: RiskLocale, maximumFractionDigits: number) {
  return new Intl.NumberFormat(locale === "de" ? "de-DE" : "en-GB", { maximumFractionDigits });
}

function reasonValues(
  reason: RiskReason,
  signals: RiskSignals,
  locale: RiskLocale,
  config: RiskConfig,
): Values {
  const whole = numberFormat(locale, 0);
  switch (reason) {
    case "NEW_DEVICE":
      return {};
    case "NEW_COUNTRY":
      return { country: signals.country ?? "?", known: signals.knownCountries.join(", ") };
    case "IMPOSSIBLE_TRAVEL": {
      const travel = signals.impossibleTravel;
      // The reason is only given with a journey; a "?" keeps the sentence whole if it were not.
      if (!travel) return { km: "?", hours: "?", kmh: "?", from: "?", to: "?" };
      // Short hops are minutes apart: two decimals keep "0,02 h" from reading as "0 h".
      const hours = numberFormat(locale, travel.hours < 1 ? 2 : 1);
      return {
        km: whole.format(travel.km),
        hours: hours.format(travel.hours),
        kmh: whole.format(travel.kmh),
        from: travel.from,
        to: travel.to,
      };
    }
    case "ACCOUNT_FAILURES":
      return {
        count: whole.format(signals.accountRecentFailures),
        minutes: whole.format(config.accountFailures.windowMinutes),
      };
    case "IP_FAILURES":
      return {
        count: whole.format(signals.ipRecentFailures),
        minutes: whole.format(config.ipFailures.windowMinutes),
      };
    case "MANY_ACCOUNTS_FROM_IP":
      return {
        count: whole.format(signals.accountsFromIp),
        minutes: whole.format(config.accountsFromIp.windowMinutes),
      };
  }
}

export function describeRiskDecision(
  decision: RiskDecision,
  signals: RiskSignals,
  locale: RiskLocale,
  config: RiskConfig = RISK_CONFIG,
): string[] {
  const t = translator(locale);
  const summary = t("summary", {
    level: t(`level.${decision.level}`),
    action: t(`action.${decision.action}`),
  });
  if (decision.reasons.length === 0) return [summary, t("noFindings")];
  return [
    summary,
    ...decision.reasons.map((reason) => t(`reason.${reason}`, reasonValues(reason, signals, locale, config))),
  ];
}
