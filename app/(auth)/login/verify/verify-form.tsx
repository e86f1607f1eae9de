"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { FormError } from "@/components/forms/form-error";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { useFailureMessage } from "@/components/forms/use-failure-message";
import { useValidationMessage } from "@/components/forms/use-validation-message";
import { Button } from "@/components/ui/button";
import { resendEmailCodeAction, verifySecondFactorAction } from "@/lib/actions/second-factor";
import {
  VerifySecondFactorSchema,
  type VerifySecondFactor,
  type VerifySecondFactorInput,
} from "@/lib/schemas/second-factor";

type Method = VerifySecondFactor["method"];

export function VerifyForm({ factors, emailMasked }: { factors: Method[]; emailMasked: string }) {
  const t = useTranslations("verify");
  const describe = useFailureMessage();
  const validationMessage = useValidationMessage();
  const router = useRouter();
  const [resendStatus, setResendStatus] = useState<string>();
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    setFocus,
    control,
    formState: { errors, isSubmitting },
  } = useForm<VerifySecondFactorInput, unknown, VerifySecondFactor>({
    resolver: zodResolver(VerifySecondFactorSchema),
    defaultValues: { method: factors[0] ?? "TOTP", code: "" },
  });
  const method = useWatch({ control, name: "method" });
  const { formError, run } = useActionSubmit(setError);

  const onSubmit = handleSubmit(async (values) => {
    const result = await run(() => verifySecondFactorAction(values));
    if (result.ok) router.replace(result.data.redirectTo);
  });

  function switchTo(next: Method) {
    setValue("method", next);
    setValue("code", "");
    setFocus("code");
  }

  async function resend() {
    setResendStatus(undefined);
    const result = await resendEmailCodeAction().catch(() => null);
    setResendStatus(
      result?.ok ? t("resent") : describe(result ?? { ok: false, code: "INTERNAL" }, t("errors.expired")),
    );
  }

  const isRecovery = method === "RECOVERY_CODE";
  const label = isRecovery ? t("recoveryLabel") : method === "EMAIL_CODE" ? t("emailLabel") : t("totpLabel");
  const hint = isRecovery
    ? t("recoveryHint")
    : method === "EMAIL_CODE"
      ? t("emailHint", { email: emailMasked })
      : t("totpHint");

  return (
    <div className="flex flex-col gap-5">
      <form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
        <FormError message={formError} />
        <input type="hidden" {...register("method")} />
        <TextField
          key={method}
          label={label}
          hint={hint}
          required
          autoFocus
          autoComplete="one-time-code"
          inputMode={isRecovery ? "text" : "numeric"}
          autoCapitalize={isRecovery ? "characters" : "off"}
          spellCheck={false}
          error={validationMessage(errors.code?.message)}
          {...register("code")}
        />
        <SubmitButton pending={isSubmitting} className="w-full">
          {t("submit")}
        </SubmitButton>
      </form>
      {factors.includes("TOTP") && factors.includes("RECOVERY_CODE") ? (
        <Button
          type="button"
          variant="link"
          className="self-start"
          onClick={() => switchTo(isRecovery ? "TOTP" : "RECOVERY_CODE")}
        >
          {isRecovery ? t("useTotp") : t("useRecovery")}
        </Button>
      ) : null}
      {method === "EMAIL_CODE" ? (
        <div className="flex flex-col gap-2">
          <Button type="button" variant="secondary" className="self-start" onClick={resend}>
            {t("resend")}
          </Button>
          <p aria-live="polite" role="status" className="text-sm text-slate-700">
            {resendStatus}
          </p>
        </div>
      ) : null}
    </div>
  );
}
