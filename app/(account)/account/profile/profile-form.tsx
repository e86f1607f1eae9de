"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { FormError } from "@/components/forms/form-error";
import { SelectField } from "@/components/forms/select-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { useValidationMessage } from "@/components/forms/use-validation-message";
import { useToast } from "@/components/ui/toaster";
import { updateProfileAction } from "@/lib/actions/profile";
import { locales } from "@/lib/i18n/config";
import { ProfileSchema, type ProfileInput } from "@/lib/schemas/profile";

export function ProfileForm({ defaultValues }: { defaultValues: ProfileInput }) {
  const t = useTranslations("account.profile");
  const tLocale = useTranslations("localeSwitcher");
  const validationMessage = useValidationMessage();
  const toast = useToast();
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<ProfileInput>({
    // raw: the action receives what was typed and normalises it itself (phone to E.164).
    resolver: zodResolver(ProfileSchema, undefined, { raw: true }),
    defaultValues,
  });
  const { formError, run } = useActionSubmit(setError);
  const onSubmit = handleSubmit(async (values) => {
    const result = await run(() => updateProfileAction(values));
    if (result.ok) {
      // Shows the stored form (e.g. the phone number formatted) as the new baseline; the outcome
      // is told by the toaster, once (docs/decisions/0054).
      reset(result.data.values);
      toast.show({ tone: "success", message: t(result.data.changed ? "saved" : "unchanged") });
    }
  });

  return (
    <form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
      <FormError message={formError} />
      <div className="grid items-end gap-5 sm:grid-cols-2">
        <TextField
          label={t("firstName")}
          hint={t("nameHint")}
          autoComplete="given-name"
          error={validationMessage(errors.firstName?.message)}
          {...register("firstName")}
        />
        <TextField
          label={t("lastName")}
          autoComplete="family-name"
          error={validationMessage(errors.lastName?.message)}
          {...register("lastName")}
        />
      </div>
      <TextField
        type="date"
        label={t("dateOfBirth")}
        hint={t("dateOfBirthHint")}
        autoComplete="bday"
        className="sm:max-w-xs"
        error={validationMessage(errors.dateOfBirth?.message)}
        {...register("dateOfBirth")}
      />
      <TextField
        type="tel"
        label={t("phone")}
        hint={t("phoneHint")}
        autoComplete="tel"
        inputMode="tel"
        className="sm:max-w-sm"
        error={validationMessage(errors.phone?.message)}
        {...register("phone")}
      />
      <SelectField
        label={t("locale")}
        hint={t("localeHint")}
        placeholder={false}
        className="sm:max-w-xs"
        options={locales.map((locale) => ({ value: locale, label: tLocale(locale) }))}
        error={validationMessage(errors.locale?.message)}
        {...register("locale")}
      />
      <div>
        <SubmitButton pending={isSubmitting}>{t("submit")}</SubmitButton>
      </div>
    </form>
  );
}
