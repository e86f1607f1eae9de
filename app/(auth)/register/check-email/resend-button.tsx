"use client";

import { useTranslations } from "next-intl";
import { ActionButton } from "@/components/forms/action-button";
import { resendRegistrationMailAction } from "@/lib/actions/auth";

/** "Erneut senden": the same toast for every address (decision 0056); throttling is worded inline. */
export function ResendRegistrationButton({ email }: { email: string }) {
  const t = useTranslations("auth.checkEmail");
  return (
    <ActionButton
      action={resendRegistrationMailAction}
      successMessage={t("resent", { email })}
      variant="secondary"
      pendingLabel={t("resending")}
    >
      {t("resend")}
    </ActionButton>
  );
}
