"use server";

import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { currentActor } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/session";
import { actionFailure, actionOk, validationFailed, type ActionResult } from "@/lib/errors";
import { toLocale } from "@/lib/i18n/config";
import {
  ConsentChoiceSchema,
  ReConsentAnswerSchema,
  type ConsentChoiceInput,
  type ReConsentAnswerInput,
} from "@/lib/schemas/consent";
import { changeConsent, type ChangeConsentResult } from "@/lib/server/consent/consent-centre";

const PRIVACY = "/account/privacy";

type Changed = { title: string; changed: boolean };

function toResult(result: ChangeConsentResult): ActionResult<Changed> {
  if (result.ok) {
    // The prompt lives in the account layout: refresh every account page, not only this one.
    revalidatePath("/account", "layout");
    return actionOk({ title: result.title, changed: result.changed });
  }
  if (result.code === "NOT_FOUND") return actionFailure("NOT_FOUND");
  if (result.code === "VERSION_CHANGED")
    return actionFailure("VALIDATION_FAILED", { message: "account.privacy.versionChanged" });
  return actionFailure("FORBIDDEN", { message: "account.privacy.notChangeable" });
}

/** "Zustimmen" / "Widerrufen" in the consent centre: one action each, no step-up (as easy either way). */
export async function changeConsentAction(input: ConsentChoiceInput): Promise<ActionResult<Changed>> {
  const actor = await currentActor(await requireUser({ returnTo: PRIVACY }));
  const parsed = ConsentChoiceSchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
  return toResult(
    await changeConsent(actor, {
      // The language the page was shown in is the language of the text the person read.
      locale: toLocale(await getLocale()),
      purposeKey: parsed.data.purposeKey,
      version: parsed.data.version,
      action: parsed.data.decision === "grant" ? "GRANTED" : "WITHDRAWN",
      source: "CONSENT_CENTRE",
    }),
  );
}

/** The re-consent prompt's answer; declining records a withdrawal (source RECONSENT_PROMPT). */
export async function answerReConsentAction(input: ReConsentAnswerInput): Promise<ActionResult<Changed>> {
  const actor = await currentActor(await requireUser({ returnTo: "/account" }));
  const parsed = ReConsentAnswerSchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
  return toResult(
    await changeConsent(actor, {
      locale: toLocale(await getLocale()),
      purposeKey: parsed.data.purposeKey,
      version: parsed.data.version,
      action: parsed.data.answer === "accept" ? "GRANTED" : "WITHDRAWN",
      source: "RECONSENT_PROMPT",
    }),
  );
}
