"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import {
  actionFailure,
  actionOk,
  minutesToWait,
  rateLimitedFailure,
  validationFailed,
  type ActionResult,
} from "@/lib/errors";
import {
  CommunicationPreferencesSchema,
  NewsletterLinkTokenSchema,
  ServiceNoticesSchema,
  type CommunicationPreferencesInput,
  type ServiceNoticesInput,
} from "@/lib/schemas/communication";
import { confirmNewsletter, unsubscribeWithLink } from "@/lib/server/communication/newsletter-links";
import {
  resendNewsletterConfirmation,
  updateCommunicationPreferences,
  type ConfirmationMailOutcome,
} from "@/lib/server/communication/preferences";
import { updateServiceNotices } from "@/lib/server/communication/service-notices";
import { currentActor } from "@/lib/auth/actor";
import { getClientInfo } from "@/lib/auth/client-info";
import { phoneStatus } from "@/lib/server/profile/phone-verification";

const PAGE = "/account/communication";

export async function updateCommunicationPreferencesAction(
  input: CommunicationPreferencesInput,
): Promise<ActionResult<{ confirmation: ConfirmationMailOutcome; retryAfterMinutes: number }>> {
  const parsed = CommunicationPreferencesSchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
  const user = await requireUser({ returnTo: PAGE });
  if (parsed.data.sms && !(await phoneStatus(user.id)).verified)
    return actionFailure("VALIDATION_FAILED", {
      message: "account.communication.phone.smsNeedsVerifiedPhone",
    });
  const result = await updateCommunicationPreferences({
    userId: user.id,
    locale: user.locale,
    client: await getClientInfo(),
    input: parsed.data,
  });
  revalidatePath(PAGE);
  return actionOk({
    confirmation: result.confirmation,
    retryAfterMinutes: minutesToWait(result.retryAfterSeconds),
  });
}

/** The service-notice card: mails and pushes about the customer's orders, per channel. */
export async function updateServiceNoticesAction(
  input: ServiceNoticesInput,
): Promise<ActionResult<{ saved: true }>> {
  const parsed = ServiceNoticesSchema.safeParse(input);
  if (!parsed.success) return validationFailed(parsed.error);
  const user = await requireUser({ returnTo: PAGE });
  await updateServiceNotices({ actor: await currentActor(user), userId: user.id, settings: parsed.data });
  revalidatePath(PAGE);
  return actionOk({ saved: true });
}

export async function resendNewsletterConfirmationAction(): Promise<ActionResult<{ sent: true }>> {
  const user = await requireUser({ returnTo: PAGE });
  const result = await resendNewsletterConfirmation({
    userId: user.id,
    locale: user.locale,
    client: await getClientInfo(),
  });
  if (result.ok) return actionOk({ sent: true });
  if (result.code === "NOTHING_PENDING")
    return actionFailure("VALIDATION_FAILED", { message: "account.communication.nothingPending" });
  return rateLimitedFailure(result.retryAfterSeconds, "account.communication.resendRateLimited");
}

/**
 * The button on /newsletter/confirm (no sign-in: the single-use token is the authorisation).
 * A plain form post, so it works without JavaScript; the result page has no token in its URL.
 */
export async function confirmNewsletterAction(formData: FormData): Promise<void> {
  const parsed = NewsletterLinkTokenSchema.safeParse({ token: formData.get("token") });
  const result = parsed.success
    ? await confirmNewsletter({ token: parsed.data.token, client: await getClientInfo() })
    : null;
  redirect(`/newsletter/confirm?status=${result?.ok ? "confirmed" : "invalid"}`);
}

/** The button on /newsletter/unsubscribe/confirm (no sign-in: the signed token authorises). */
export async function unsubscribeNewsletterAction(formData: FormData): Promise<void> {
  const parsed = NewsletterLinkTokenSchema.safeParse({ token: formData.get("token") });
  const result = parsed.success
    ? await unsubscribeWithLink({ token: parsed.data.token, client: await getClientInfo(), oneClick: false })
    : null;
  redirect(`/newsletter/unsubscribe/confirm?status=${result?.ok ? "done" : "invalid"}`);
}
