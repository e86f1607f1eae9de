"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { ActionButton } from "@/components/forms/action-button";
import { cancelDeletionAction } from "@/lib/actions/privacy";

/** "Löschung abbrechen": restores the account; the toast outlives the refresh that hides this form. */
export function DeletionCancel() {
  const t = useTranslations("account.privacy.deletion");
  const router = useRouter();
  return (
    <ActionButton
      action={cancelDeletionAction}
      successMessage={t("cancelled")}
      pendingLabel={t("cancelling")}
      onSuccess={() => {
        router.replace("/account/privacy");
        router.refresh();
      }}
    >
      {t("cancel")}
    </ActionButton>
  );
}
