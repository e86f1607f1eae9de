"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { FormError } from "@/components/forms/form-error";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { useValidationMessage } from "@/components/forms/use-validation-message";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toaster";
import { addBankAccountAction } from "@/lib/actions/payment";
import { AddBankAccountSchema, type AddBankAccountInput } from "@/lib/schemas/bank-account";
import { BankDetailsFields, type MandateTextView } from "./bank-details-fields";

/**
 * Adding a bank account. A saved account is told by the toaster and the form closes (issue 15 item
 * 7, docs/decisions/0054): the new account is in the list above, and a second one starts from
 * "Weitere Bankverbindung hinzufügen", which takes the focus so a keyboard user is not left behind.
 */
export function AddBankAccountForm({ mandate }: { mandate: MandateTextView | null }) {
  const t = useTranslations("account.payment");
  const validationMessage = useValidationMessage();
  const toast = useToast();
  const [isOpen, setIsOpen] = useState(true);
  const addAnother = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    // Only saving closes the form (it starts open).
    if (!isOpen) addAnother.current?.focus();
  }, [isOpen]);
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
    // The key makes a second save after a lost answer return the first outcome (decision 0072).
    const result = await run((key) => addBankAccountAction(key, values), values);
    if (!result.ok) return;
    const saved = result.data;
    toast.show({
      tone: "success",
      message: saved.mandateReference
        ? t("addedWithMandate", { iban: saved.ibanMasked, reference: saved.mandateReference })
        : t("added", { iban: saved.ibanMasked }),
    });
    reset();
    setIsOpen(false);
  });

  if (!isOpen)
    return (
      <div>
        <Button ref={addAnother} variant="secondary" onClick={() => setIsOpen(true)}>
          {t("addAnother")}
        </Button>
      </div>
    );

  return (
    <form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
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
