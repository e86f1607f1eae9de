"use client";

import { useTranslations } from "next-intl";
import { ActionButton } from "@/components/forms/action-button";
import { resendNewsletterConfirmationAction } from "@/lib/actions/communication";

/** "Send the confirmation mail again" while a newsletter topic waits for its double opt-in. */
export function ResendConfirmation() {
  const t = useTranslations("account.communication");
  return (
    <div className="mt-3">
      <ActionButton
        action={resendNewsletterConfirmationAction}
        successMessage={t("resent")}
        variant="secondary"
        size="sm"
      >
        {t("resend")}
      </ActionButton>
    </div>
  );
}
