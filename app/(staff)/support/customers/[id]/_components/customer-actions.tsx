"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { FormError } from "@/components/forms/form-error";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextAreaField } from "@/components/forms/text-area-field";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { useValidationMessage } from "@/components/forms/use-validation-message";
import { Notice } from "@/components/ui/notice";
import {
  lockCustomerAction,
  resendCustomerVerificationAction,
  sendCustomerPasswordResetAction,
  signOutCustomerEverywhereAction,
  unlockCustomerAction,
} from "@/lib/actions/support";
import { SupportReasonSchema, type SupportReasonInput } from "@/lib/schemas/support";

const ACTIONS = {
  lock: lockCustomerAction,
  unlock: unlockCustomerAction,
  reset: sendCustomerPasswordResetAction,
  signOut: signOutCustomerEverywhereAction,
  verification: resendCustomerVerificationAction,
} as const;
type ActionKey = keyof typeof ACTIONS;

/** One form for every action on the account: choose it, say why, carry it out (all audited). */
export function CustomerActions(props: {
  customerId: string;
  locked: boolean;
  emailVerified: boolean;
  allowed: { unlock: boolean; reset: boolean; revoke: boolean };
}) {
  const t = useTranslations("staff.support.actions");
  const router = useRouter();
  const validationMessage = useValidationMessage();
  const choices: ActionKey[] = [
    ...(props.allowed.unlock ? [props.locked ? ("unlock" as const) : ("lock" as const)] : []),
    ...(props.allowed.reset ? (["reset"] as const) : []),
    ...(props.allowed.revoke ? (["signOut"] as const) : []),
    ...(props.allowed.reset && !props.emailVerified ? (["verification"] as const) : []),
  ];
  const [choice, setChoice] = useState<ActionKey | null>(null);
  const [done, setDone] = useState<ActionKey | null>(null);
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<SupportReasonInput>({
    resolver: zodResolver(SupportReasonSchema),
    defaultValues: { customerId: props.customerId, reason: "" },
  });
  const { formError, run } = useActionSubmit(setError);
  const [choiceError, setChoiceError] = useState(false);
  const onSubmit = handleSubmit(async (values) => {
    setDone(null);
    if (!choice) return setChoiceError(true);
    const chosen = choice;
    const result = await run(() => ACTIONS[chosen](values));
    if (result.ok) {
      setDone(chosen);
      setChoice(null);
      reset({ customerId: props.customerId, reason: "" });
      router.refresh();
    }
  });
  if (choices.length === 0) return null;
  return (
    <form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
      {done ? <Notice tone="success">{t(`done.${done}`)}</Notice> : null}
      <FormError message={formError} />
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 font-medium text-slate-900">{t("choose")}</legend>
        {choices.map((key) => (
          <label key={key} className="flex items-center gap-2">
            <input
              type="radio"
              name="supportAction"
              value={key}
              checked={choice === key}
              onChange={() => {
                setChoice(key);
                setChoiceError(false);
              }}
              className="size-4"
            />
            {t(`labels.${key}`)}
          </label>
        ))}
        {choiceError ? (
          <p role="alert" className="text-sm text-red-800">
            {t("chooseRequired")}
          </p>
        ) : null}
      </fieldset>
      <TextAreaField
        label={t("reason")}
        hint={t("reasonHint")}
        required
        rows={3}
        error={validationMessage(errors.reason?.message)}
        {...register("reason")}
      />
      <SubmitButton pending={isSubmitting}>{t("submit")}</SubmitButton>
    </form>
  );
}
