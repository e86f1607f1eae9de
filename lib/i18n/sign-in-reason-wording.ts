/**
 * Why a code is asked for or a sign-in was stopped, in the customer's words (catalog namespace
 * `signInReasons`): "Wir fragen nach einem Code, weil Sie sich von einem neuen Gerät und aus einem
 * neuen Land anmelden." The codes come from lib/config/sign-in-reasons.ts. Plain functions over a
 * translator and a list formatter, so server pages (sign-in-reasons.ts) and the forms' failure
 * messages (components/forms/use-failure-message.ts) word them alike.
 */
import { splitSignInReasons, type SignInReasonCode } from "@/lib/config/sign-in-reasons";
import type { Messages } from "./messages";

type Namespace = Messages["signInReasons"];
type Key =
  | Exclude<keyof Namespace, "policy" | "risk">
  | `policy.${keyof Namespace["policy"]}`
  | `risk.${keyof Namespace["risk"]}`;

/** next-intl's translator for the `signInReasons` namespace (server or client). */
export type SignInReasonsTranslator = (key: Key, values?: { reasons: string }) => string;
/** The locale's list conjunction: "von einem neuen Gerät und aus einem neuen Land". */
export type ListFormat = (items: string[]) => string;

export function signInReasonWording(t: SignInReasonsTranslator, formatList: ListFormat) {
  const list = (codes: readonly SignInReasonCode[]) => {
    const { risk } = splitSignInReasons(codes);
    return risk.length > 0 ? formatList(risk.map((reason) => t(`risk.${reason}`))) : null;
  };
  return {
    /** /login/verify: what made the code necessary, then what the risk engine noticed. */
    secondFactorReasons(codes: readonly SignInReasonCode[]): string[] {
      const reasons = list(codes);
      return [
        ...splitSignInReasons(codes).policy.map((reason) => t(`policy.${reason}`)),
        ...(reasons ? [t("verify", { reasons })] : []),
      ];
    },
    /** The message of a stopped sign-in on the sign-in page. */
    blockedSignInMessage(codes: readonly SignInReasonCode[]): string {
      const reasons = list(codes);
      return `${reasons ? t("blocked", { reasons }) : t("blockedGeneric")} ${t("blockedWayOut")}`;
    },
    /** One line for the sign-in history: "Anmeldung von einem neuen Gerät und aus einem neuen Land". */
    signInHistoryReason(codes: readonly SignInReasonCode[]): string | null {
      const reasons = list(codes);
      return reasons ? t("history", { reasons }) : null;
    },
  };
}
