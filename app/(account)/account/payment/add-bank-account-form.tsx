"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { FormError } from "@/components/forms/form-error";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { useValidationMessage } from "@/components/forms/use-validation-message";
import { Notice } from "@/components/ui/notice";
import { addBankAccountAction, type BankAccountSaved } from "@/lib/actions/payment";
import { AddBankAccountSchema, type AddBankAccountInput } from "@/lib/schemas/bank-account";
import { BankDetailsFields, type MandateTextView } from "./bank-details-fields";

export function AddBankAccountForm({ mandate }: { mandate: MandateTextView | null }) {
  const t = useTranslations("account.payment");
  const validationMessage = useValidationMessage();
  const [saved, setSaved] = useState<BankAccountSaved>();
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<AddBankAccountInput>({
    resolver: zodResolver(AddBankAccountSchema),
    defaultValues: {
      holderName: "",
      iban: "",
      bic: "",
      grantMandate: false,
      mandateTextHash: mandate?.textHash,
    },
  });
  const { formError, run } = useActionSubmit(setError);
  const onSubmit = handleSubmit(async (values) => {
    setSaved(undefined);
    const result = await run(() => addBankAccountAction(values));
    if (result.ok) {
      setSaved(result.data);
      reset();
    }
  });

  return (
    <form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
      {saved ? (
        <Notice tone="success">
          {saved.mandateReference
            ? t("addedWithMandate", { iban: saved.ibanMasked, reference: saved.mandateReference })
            : t("added", { iban: saved.ibanMasked })}
        </Notice>
      ) : null}
      <FormError message={formError} />
      <BankDetailsFields
        isChange={false}
        mandate={mandate}
        holderName={{
          register: register("holderName"),
          error: validationMessage(errors.holderName?.message),
        }}
        iban={{ register: register("iban"), error: validationMessage(errors.iban?.message) }}
        bic={{ register: register("bic"), error: validationMessage(errors.bic?.message) }}
        grantMandate={{
          register: register("grantMandate"),
          error: validationMessage(errors.grantMandate?.message),
        }}
      />
      <div>
        <SubmitButton pending={isSubmitting}>{t("save")}</SubmitButton>
      </div>
    </form>
  );
}
