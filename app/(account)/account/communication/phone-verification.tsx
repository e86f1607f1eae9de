"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { FormError } from "@/components/forms/form-error";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { useFailureMessage } from "@/components/forms/use-failure-message";
import { useValidationMessage } from "@/components/forms/use-validation-message";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { sendPhoneCodeAction, verifyPhoneCodeAction } from "@/lib/actions/phone";
import { VerifyPhoneCodeSchema, type VerifyPhoneCodeInput } from "@/lib/schemas/phone-verification";

/**
 * The profile's phone number and its proof by an SMS code (docs/decisions/0052): without a number
 * a link to the profile; unconfirmed, "send a code" and the code field; confirmed, a line saying so.
 */
export function PhoneVerification({
  phoneMasked,
  verified,
}: {
  phoneMasked: string | null;
  verified: boolean;
}) {
  const t = useTranslations("account.communication.phone");
  return (
    <Card title={t("title")} description={t("description")}>
      {!phoneMasked ? (
        <div className="flex flex-col gap-3">
          <p className="text-sm text-slate-700">{t("none")}</p>
          <Button href="/account/profile" variant="secondary" className="self-start">
            {t("noneLink")}
          </Button>
        </div>
      ) : verified ? (
        <p className="text-sm text-slate-700">{t("verified", { phone: phoneMasked })}</p>
      ) : (
        <VerifyByCode phoneMasked={phoneMasked} />
      )}
    </Card>
  );
}

function VerifyByCode({ phoneMasked }: { phoneMasked: string }) {
  const t = useTranslations("account.communication.phone");
  const tErrors = useTranslations("errors");
  const describe = useFailureMessage();
  const validationMessage = useValidationMessage();
  const router = useRouter();
  const [sent, setSent] = useState(false);
  const [sendError, setSendError] = useState<string>();
  const [sending, startSending] = useTransition();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<VerifyPhoneCodeInput>({
    resolver: zodResolver(VerifyPhoneCodeSchema),
    defaultValues: { code: "" },
  });
  const { formError, run } = useActionSubmit(setError);
  const onSubmit = handleSubmit(async (values) => {
    const result = await run(() => verifyPhoneCodeAction(values));
    if (result.ok) router.refresh();
  });

  function send() {
    setSendError(undefined);
    startSending(async () => {
      try {
        const result = await sendPhoneCodeAction();
        if (result.ok) setSent(true);
        else setSendError(describe(result));
      } catch {
        setSendError(tErrors("INTERNAL"));
      }
    });
  }

  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm text-slate-700">{t("unverified", { phone: phoneMasked })}</p>
      <FormError message={sendError} />
      {sent ? <Notice tone="success">{t("sent")}</Notice> : null}
      <Button
        variant={sent ? "secondary" : "primary"}
        className="self-start"
        onClick={send}
        disabled={sending}
        aria-busy={sending || undefined}
      >
        {sent ? t("sendAgain") : t("send")}
      </Button>
      {sent ? (
        <form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
          <FormError message={formError} />
          <TextField
            label={t("codeLabel")}
            hint={t("codeHint")}
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            className="max-w-xs"
            error={validationMessage(errors.code?.message)}
            {...register("code")}
          />
          <div>
            <SubmitButton pending={isSubmitting}>{t("confirm")}</SubmitButton>
          </div>
        </form>
      ) : null}
    </div>
  );
}
