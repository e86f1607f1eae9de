"use server";

import { redirect } from "next/navigation";
import { EmailLinkTokenSchema } from "@/lib/schemas/email-link";
import { discardUnverifiedRegistration, verifyEmailToken } from "@/lib/server/identity/email-verification";
import { getClientInfo } from "@/lib/auth/client-info";

// The buttons of /verify-email (no sign-in: the single-use token in the mailed link is the
// authorisation). Opening the link changes nothing, because mail scanners open links; these plain
// form posts do, and work without JavaScript. The result page carries no token in its URL.

const PAGE = "/verify-email";

function tokenOf(formData: FormData): string | null {
  const parsed = EmailLinkTokenSchema.safeParse({ token: formData.get("token") });
  return parsed.success ? parsed.data.token : null;
}

/** "E-Mail-Adresse bestätigen" / "Neue E-Mail-Adresse bestätigen". */
export async function confirmEmailLinkAction(formData: FormData): Promise<void> {
  const token = tokenOf(formData);
  const result = token ? await verifyEmailToken({ token, client: await getClientInfo() }) : null;
  const status = !result
    ? "invalid"
    : result.ok
      ? result.kind
      : result.code === "EMAIL_TAKEN"
        ? "email-taken"
        : "invalid";
  redirect(`${PAGE}?status=${status}`);
}

/** "Das war ich nicht": deletes the unverified account the link was sent for (decision 0018). */
export async function discardRegistrationAction(formData: FormData): Promise<void> {
  const token = tokenOf(formData);
  const result = token ? await discardUnverifiedRegistration({ token, client: await getClientInfo() }) : null;
  redirect(`${PAGE}?status=${result?.ok ? "discarded" : "invalid"}`);
}
