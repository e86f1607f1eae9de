import "server-only";
/**
 * Why a code is asked for or a sign-in was stopped, in the customer's words (catalog namespace
 * `signInReasons`): "Wir fragen nach einem Code, weil Sie sich von einem neuen Gerät und aus einem
 * neuen Land anmelden." The codes come from lib/config/sign-in-reasons.ts; pages and actions
 * word them here, once.
 */
import { getFormatter, getTranslations } from "next-intl/server";
import { splitSignInReasons, type SignInReasonCode } from "@/lib/config/sign-in-reasons";

async function wording() {
  const [t, format] = await Promise.all([getTranslations("signInReasons"), getFormatter()]);
  const list = (codes: readonly SignInReasonCode[]) => {
    const { risk } = splitSignInReasons(codes);
    return risk.length > 0 ? format.list(risk.map((reason) => t(`risk.${reason}`))) : null;
  };
  return { t, list };
}

/** /login/verify: what made the code necessary, then what the risk engine noticed. */
export async function secondFactorReasons(codes: readonly SignInReasonCode[]): Promise<string[]> {
  const { t, list } = await wording();
  const reasons = list(codes);
  return [
    ...splitSignInReasons(codes).policy.map((reason) => t(`policy.${reason}`)),
    ...(reasons ? [t("verify", { reasons })] : []),
  ];
}

/** The message of a stopped sign-in on the sign-in page. */
export async function blockedSignInMessage(codes: readonly SignInReasonCode[]): Promise<string> {
  const { t, list } = await wording();
  const reasons = list(codes);
  return `${reasons ? t("blocked", { reasons }) : t("blockedGeneric")} ${t("blockedWayOut")}`;
}

/** One line for the sign-in history: "Anmeldung von einem neuen Gerät und aus einem neuen Land". */
export async function signInHistoryReason(codes: readonly SignInReasonCode[]): Promise<string | null> {
  const { t, list } = await wording();
  const reasons = list(codes);
  return reasons ? t("history", { reasons }) : null;
}
