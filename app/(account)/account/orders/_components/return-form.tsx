"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { FormError } from "@/components/forms/form-error";
import { SelectField } from "@/components/forms/select-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextAreaField } from "@/components/forms/text-area-field";
import { TextField } from "@/components/forms/text-field";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { useValidationMessage } from "@/components/forms/use-validation-message";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toaster";
import { requestReturnAction } from "@/lib/actions/returns";
import { RETURN_REASONS } from "@/lib/config/orders";
import {
  ReturnRequestSchema,
  type ReturnRequestInput,
  type ReturnRequestValues,
} from "@/lib/schemas/returns";

export type ReturnFormItem = { orderItemId: string; name: string; returnable: number };

/**
 * "Rücksendung anmelden" (docs/decisions/0062): closed until asked for, then per returnable item a
 * quantity (0 = keep), a reason and an optional comment. The toast outlives the refresh that
 * shows the return on the order.
 */
export function ReturnForm({
  orderId,
  items,
  until,
}: {
  orderId: string;
  items: ReturnFormItem[];
  until: string;
}) {
  const t = useTranslations("orders.returns");
  const validation = useValidationMessage();
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<ReturnRequestInput, unknown, ReturnRequestValues>({
    resolver: zodResolver(ReturnRequestSchema),
    defaultValues: {
      orderId,
      items: items.map((item) => ({ orderItemId: item.orderItemId, quantity: 0 })),
      comment: "",
    },
  });
  const { formError, run } = useActionSubmit(setError);
  const onSubmit = handleSubmit(async (values) => {
    // The key makes a second request after a lost answer return the first outcome (decision 0072).
    const result = await run((key) => requestReturnAction(key, values), values);
    if (result.ok) {
      toast.show({ tone: "success", message: t("success") });
      setOpen(false);
      reset();
      router.refresh();
    }
  });

  if (!open)
    return (
      <div className="flex flex-col gap-3">
        <p className="text-sm text-slate-700">{t("intro", { date: until })}</p>
        <Button variant="secondary" className="self-start" onClick={() => setOpen(true)}>
          {t("start")}
        </Button>
      </div>
    );

  const itemsError = errors.items?.message ?? errors.items?.root?.message;
  return (
    <form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
      <FormError message={formError} />
      <p className="text-sm text-slate-700">{t("intro", { date: until })}</p>
      {itemsError ? (
        <p className="text-sm text-red-700" role="alert">
          {validation(itemsError)}
        </p>
      ) : null}
      {items.map((item, index) => (
        <TextField
          key={item.orderItemId}
          type="number"
          inputMode="numeric"
          min={0}
          max={item.returnable}
          label={t("quantity", { name: item.name, max: item.returnable })}
          error={validation(errors.items?.[index]?.quantity?.message)}
          {...register(`items.${index}.quantity`, { valueAsNumber: true })}
        />
      ))}
      <SelectField
        label={t("reason")}
        required
        options={RETURN_REASONS.map((reason) => ({ value: reason, label: t(`reasons.${reason}`) }))}
        error={validation(errors.reason?.message)}
        {...register("reason")}
      />
      <TextAreaField
        label={t("comment")}
        hint={t("commentHint")}
        rows={3}
        maxLength={500}
        error={validation(errors.comment?.message)}
        {...register("comment")}
      />
      <div className="flex flex-wrap gap-3">
        <SubmitButton pending={isSubmitting}>{t("submit")}</SubmitButton>
        <Button variant="secondary" onClick={() => setOpen(false)}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}
