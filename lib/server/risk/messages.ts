/**
 * What support reads about a risk decision, in German and English. Kept apart from the logic so
 * wording can change without touching it; `de` is typed against `en`, so a missing or extra key in
 * either language fails the type check. Placeholders are `{name}`.
 */
import type { RiskAction, RiskLevel } from "@/lib/config/risk";
import type { RiskReason } from "@/lib/config/risk";

const en = {
  "level.LOW": "Low risk",
  "level.MEDIUM": "Medium risk",
  "level.HIGH": "High risk",
  "action.ALLOW": "sign-in allowed",
  "action.SECOND_FACTOR": "second factor required",
  "action.BLOCK": "sign-in blocked, customer notified",
  summary: "{level}: {action}",
  noFindings: "Nothing unusual",
  "reason.NEW_DEVICE": "New device",
  "reason.NEW_COUNTRY": "Sign-in from a new country: {country} (so far: {known})",
  "reason.IMPOSSIBLE_TRAVEL": "Impossible travel: {km} km in {hours} h ({kmh} km/h) from {from} to {to}",
  "reason.ACCOUNT_FAILURES": "{count} failed sign-ins for this account in the last {minutes} minutes",
  "reason.IP_FAILURES": "{count} failed sign-ins from this IP address in the last {minutes} minutes",
  "reason.MANY_ACCOUNTS_FROM_IP":
    "{count} different accounts from this IP address in the last {minutes} minutes",
} satisfies Record<
  "summary" | "noFindings" | `level.${RiskLevel}` | `action.${RiskAction}` | `reason.${RiskReason}`,
  string
>;

export type RiskMessageKey = keyof typeof en;
export type RiskMessages = Record<RiskMessageKey, string>;

const de: RiskMessages = {
  "level.LOW": "Geringes Risiko",
  "level.MEDIUM": "Mittleres Risiko",
  "level.HIGH": "Hohes Risiko",
  "action.ALLOW": "Anmeldung erlaubt",
  "action.SECOND_FACTOR": "zweiter Faktor verlangt",
  "action.BLOCK": "Anmeldung blockiert, Kunde benachrichtigt",
  summary: "{level}: {action}",
  noFindings: "Keine Auffälligkeiten",
  "reason.NEW_DEVICE": "Neues Gerät",
  "reason.NEW_COUNTRY": "Anmeldung aus einem neuen Land: {country} (bisher: {known})",
  "reason.IMPOSSIBLE_TRAVEL": "Unmögliche Reise: {km} km in {hours} h ({kmh} km/h) von {from} nach {to}",
  "reason.ACCOUNT_FAILURES":
    "{count} fehlgeschlagene Anmeldungen für dieses Konto in den letzten {minutes} Minuten",
  "reason.IP_FAILURES":
    "{count} fehlgeschlagene Anmeldungen von dieser IP-Adresse in den letzten {minutes} Minuten",
  "reason.MANY_ACCOUNTS_FROM_IP":
    "{count} verschiedene Konten von dieser IP-Adresse in den letzten {minutes} Minuten",
};

export type RiskLocale = "de" | "en";

export const RISK_MESSAGES: Record<RiskLocale, RiskMessages> = { de, en };
