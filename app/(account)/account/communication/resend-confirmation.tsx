"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { FormError } from "@/components/forms/form-error";
import { useFailureMessage } from "@/components/forms/use-failure-message";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { resendNewsletterConfirmationAction } from "@/lib/actions/communication";

/** "Send the confirmation mail again" while a newsletter topic waits for its double opt-in. */
export function ResendConfirmation() {
  const t = useTranslations("account.communication");
  const tErrors = useTranslations("errors");
  const describe = useFailureMessage();
  const [isPending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<{ ok: true } | { ok: false; message: string } | null>(null);

  function resend() {
    setOutcome(null);
    startTransition(async () => {
      try {
        const result = await resendNewsletterConfirmationAction();
        setOutcome(result.ok ? { ok: true } : { ok: false, message: describe(result) });
      } catch {
        setOutcome({ ok: false, message: tErrors("INTERNAL") });
      }
    });
  }

  return (
    <div className="mt-3 flex flex-col gap-3">
      {outcome?.ok ? <Notice tone="success">{t("resent")}</Notice> : null}
      <FormError message={outcome && !outcome.ok ? outcome.message : null} />
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
