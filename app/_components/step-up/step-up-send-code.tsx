"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormError } from "@/components/forms/form-error";
import { useFailureMessage } from "@/components/forms/use-failure-message";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { sendStepUpCodeAction } from "@/lib/actions/step-up";

/**
 * "Code senden" for the ways that use a mailed code (the code alone, or after the password):
 * the button, its error and the "sent" notice. `sent` tells the form to show the code field.
 */
export function useStepUpCodeSender() {
  const t = useTranslations("stepUp");
  const tErrors = useTranslations("errors");
  const describe = useFailureMessage();
  const [sent, setSent] = useState(false);
  const [sendError, setSendError] = useState<string>();
  const [sending, setSending] = useState(false);

  async function send() {
    setSending(true);
    setSendError(undefined);
    try {
      const result = await sendStepUpCodeAction();
      if (result.ok) setSent(true);
      else setSendError(describe(result));
    } catch {
      setSendError(tErrors("INTERNAL"));
    } finally {
      setSending(false);
    }
  }

  const sender = (
    <>
      <p className="text-sm text-slate-700">{t("emailIntro")}</p>
      <FormError message={sendError} />
      {sent ? <Notice tone="success">{t("codeSent")}</Notice> : null}
      <Button
        variant={sent ? "secondary" : "primary"}
        onClick={() => void send()}
        disabled={sending}
        aria-busy={sending || undefined}
      >
        {t("sendCode")}
      </Button>
    </>
  );
  return { sent, sender };
}
