"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { FormError } from "@/components/forms/form-error";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { useValidationMessage } from "@/components/forms/use-validation-message";
import { Button } from "@/components/ui/button";
import { changeBankAccountAction, type BankAccountSaved } from "@/lib/actions/payment";
import { ChangeBankAccountSchema, type ChangeBankAccountInput } from "@/lib/schemas/bank-account";
import { BankDetailsFields, type MandateTextView } from "./bank-details-fields";

/**
 * Holder, IBAN, BIC and mandate of one account. A new IBAN of a customer with a passkey or an
 * authenticator app is not saved by the action: it answers with a transaction confirmation, and
 * the form takes the customer to its page (docs/decisions/0010, addendum).
 */
export function ChangeBankAccountForm({
  account,
  mandate,
  onSaved,
  onCancel,
}: {
  account: { id: string; holderName: string; bic: string | null };
  mandate: MandateTextView | null;
  onSaved: (saved: BankAccountSaved) => void;
  onCancel: () => void;
}) {
  const t = useTranslations("account.payment");
  const router = useRouter();
  const validationMessage = useValidationMessage();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ChangeBankAccountInput>({
    resolver: zodResolver(ChangeBankAccountSchema),
    defaultValues: {
      bankAccountId: account.id,
      holderName: account.holderName,
      iban: "",
      bic: account.bic ?? "",
      grantMandate: false,
      mandateTextHash: mandate?.textHash,
    },
  });
  const { formError, run } = useActionSubmit(setError);
  const onSubmit = handleSubmit(async (values) => {
    // The key makes a second save after a lost answer return the first outcome (decision 0072).
    const result = await run((key) => changeBankAccountAction(key, values), values);
    if (!result.ok) return;
    if (result.data.next === "confirm")
      router.push(`/account/payment/confirm/${encodeURIComponent(result.data.transactionId)}`);
    else onSaved(result.data.saved);
  });

  return (
    <form method="post" noValidate onSubmit={onSubmit} className="mt-4 flex flex-col gap-5">
      <FormError message={formError} />
      <BankDetailsFields
        isChange
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
      <div className="flex flex-wrap gap-3">
        <SubmitButton pending={isSubmitting}>{t("saveChanges")}</SubmitButton>
        <Button variant="secondary" onClick={onCancel}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}
