import "server-only";
/**
 * The sign-in reasons worded for server pages, in the request's language
 * (sign-in-reason-wording.ts says how).
 */
import { getFormatter, getTranslations } from "next-intl/server";
import type { SignInReasonCode } from "@/lib/config/sign-in-reasons";
import { signInReasonWording } from "./sign-in-reason-wording";

async function wording() {
  const [t, format] = await Promise.all([getTranslations("signInReasons"), getFormatter()]);
  return signInReasonWording(t, (items) => format.list(items));
}

/** /login/verify: what made the code necessary, then what the risk engine noticed. */
export async function secondFactorReasons(codes: readonly SignInReasonCode[]): Promise<string[]> {
  return (await wording()).secondFactorReasons(codes);
}

/** The message of a stopped sign-in on the sign-in page (?blocked=…). */
export async function blockedSignInMessage(codes: readonly SignInReasonCode[]): Promise<string> {
  return (await wording()).blockedSignInMessage(codes);
}

/** One line for the sign-in history: "Anmeldung von einem neuen Gerät und aus einem neuen Land". */
export async function signInHistoryReason(codes: readonly SignInReasonCode[]): Promise<string | null> {
  return (await wording()).signInHistoryReason(codes);
}
