"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { FormError } from "@/components/forms/form-error";
import { useFailureMessage } from "@/components/forms/use-failure-message";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toaster";
import { resendNewsletterConfirmationAction } from "@/lib/actions/communication";

/** "Send the confirmation mail again" while a newsletter topic waits for its double opt-in. */
export function ResendConfirmation() {
  const t = useTranslations("account.communication");
  const tErrors = useTranslations("errors");
  const describe = useFailureMessage();
  const [isPending, startTransition] = useTransition();
  const toast = useToast();
  const [failure, setFailure] = useState<string | null>(null);

  function resend() {
    setFailure(null);
    startTransition(async () => {
      try {
        const result = await resendNewsletterConfirmationAction();
        if (result.ok) toast.show({ tone: "success", message: t("resent") });
        else setFailure(describe(result));
      } catch {
        setFailure(tErrors("INTERNAL"));
      }
    });
  }

  return (
    <div className="mt-3 flex flex-col gap-3">
      <FormError message={failure} />
      <div>
        <Button
          variant="secondary"
          size="sm"
          onClick={resend}
          disabled={isPending}
          aria-busy={isPending || undefined}
        >
          {t("resend")}
        </Button>
      </div>
    </div>
  );
}
