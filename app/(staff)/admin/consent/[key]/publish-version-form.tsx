"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId } from "react";
import { useForm } from "react-hook-form";
import { FieldErrorText } from "@/components/forms/field-parts";
import { FormError } from "@/components/forms/form-error";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { useValidationMessage } from "@/components/forms/use-validation-message";
import { publishConsentVersionAction } from "@/lib/actions/admin-consent";
import {
  CONSENT_CHANGE_NOTE_MAX_LENGTH,
  CONSENT_TEXT_MAX_LENGTH,
  CONSENT_TITLE_MAX_LENGTH,
  PublishConsentVersionSchema,
  type PublishConsentVersionInput,
} from "@/lib/schemas/consent";
import { TextAreaField } from "@/components/forms/text-area-field";

type Props = {
  purposeKey: string;
  basedOnVersion: number;
  defaults: Pick<PublishConsentVersionInput, "titleDe" | "bodyDe" | "titleEn" | "bodyEn">;
};

/**
 * "Neue Version veröffentlichen": texts in both languages (prefilled with the current version),
 * material yes/no (no default: the admin decides), an internal change note. Submitting publishes.
 */
export function PublishVersionForm({ purposeKey, basedOnVersion, defaults }: Props) {
  const t = useTranslations("staff.admin.publish");
  const validationMessage = useValidationMessage();
  const router = useRouter();
  const materialErrorId = useId();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<PublishConsentVersionInput>({
    resolver: zodResolver(PublishConsentVersionSchema),
    defaultValues: { purposeKey, basedOnVersion, ...defaults, changeNote: "" },
  });
  const { formError, run } = useActionSubmit(setError);
  const onSubmit = handleSubmit(async (values) => {
    const result = await run(() => publishConsentVersionAction(values));
    if (result.ok)
      router.push(
        `/admin/consent?published=${encodeURIComponent(purposeKey)}&version=${result.data.version}`,
      );
  });
  const materialError = validationMessage(errors.isMaterial?.message);

  return (
    <form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-6">
      <FormError message={formError} />
      <fieldset className="flex flex-col gap-4">
        <legend className="mb-2 text-base font-semibold text-slate-900">{t("german")}</legend>
        <TextField
          label={t("titleDe")}
          required
          maxLength={CONSENT_TITLE_MAX_LENGTH}
          error={validationMessage(errors.titleDe?.message)}
          {...register("titleDe")}
        />
        <TextAreaField
          label={t("bodyDe")}
          required
          maxLength={CONSENT_TEXT_MAX_LENGTH}
          error={validationMessage(errors.bodyDe?.message)}
          {...register("bodyDe")}
        />
      </fieldset>
      <fieldset className="flex flex-col gap-4">
        <legend className="mb-2 text-base font-semibold text-slate-900">{t("english")}</legend>
        <TextField
          label={t("titleEn")}
          required
          maxLength={CONSENT_TITLE_MAX_LENGTH}
          error={validationMessage(errors.titleEn?.message)}
          {...register("titleEn")}
        />
        <TextAreaField
          label={t("bodyEn")}
          required
          maxLength={CONSENT_TEXT_MAX_LENGTH}
          error={validationMessage(errors.bodyEn?.message)}
          {...register("bodyEn")}
        />
      </fieldset>
      <fieldset className="flex flex-col gap-3">
        <legend className="mb-2 text-base font-semibold text-slate-900">{t("materialLegend")}</legend>
        {(["yes", "no"] as const).map((value) => (
          <label key={value} className="flex items-start gap-3 text-sm text-slate-900">
            <input
              type="radio"
              value={value}
              aria-describedby={materialError ? materialErrorId : undefined}
              className="mt-0.5 size-5 accent-brand-700"
              {...register("isMaterial")}
            />
            <span>{value === "yes" ? t("materialYes") : t("materialNo")}</span>
          </label>
        ))}
        {materialError ? <FieldErrorText id={materialErrorId}>{materialError}</FieldErrorText> : null}
      </fieldset>
      <TextAreaField
        label={t("changeNote")}
        hint={t("changeNoteHint")}
        required
        rows={3}
        maxLength={CONSENT_CHANGE_NOTE_MAX_LENGTH}
        error={validationMessage(errors.changeNote?.message)}
        {...register("changeNote")}
      />
      <div>
        <SubmitButton pending={isSubmitting}>{t("submit", { version: basedOnVersion + 1 })}</SubmitButton>
      </div>
    </form>
  );
}
