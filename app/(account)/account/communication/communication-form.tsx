"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useId } from "react";
import { useForm } from "react-hook-form";
import { CheckboxField } from "@/components/forms/checkbox-field";
import { FieldErrorText, FieldHint } from "@/components/forms/field-parts";
import { FormError } from "@/components/forms/form-error";
import { SelectField } from "@/components/forms/select-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { useValidationMessage } from "@/components/forms/use-validation-message";
import { useToast } from "@/components/ui/toaster";
import { COMMUNICATION_FREQUENCIES, type NewsletterTopic } from "@/lib/config/newsletter-topics";
import { updateCommunicationPreferencesAction } from "@/lib/actions/communication";
import {
  CommunicationPreferencesSchema,
  type CommunicationPreferencesInput,
} from "@/lib/schemas/communication";

/** One topic as the page shows it; `status` is already worded (subscribed since …, pending). */
export type TopicOption = { key: NewsletterTopic; status: string | null };

const legendClass = "text-base font-semibold text-slate-900";

export function CommunicationForm({
  defaults,
  topics,
  phoneVerified,
}: {
  defaults: CommunicationPreferencesInput;
  topics: TopicOption[];
  /** SMS is a choice only with a verified phone number (docs/decisions/0052). */
  phoneVerified: boolean;
}) {
  const t = useTranslations("account.communication");
  const tTopics = useTranslations("newsletter.topics");
  const validationMessage = useValidationMessage();
  const toast = useToast();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<CommunicationPreferencesInput>({
    resolver: zodResolver(CommunicationPreferencesSchema),
    defaultValues: defaults,
  });
  const { formError, run } = useActionSubmit(setError);
  const onSubmit = handleSubmit(async (values) => {
    const result = await run(() => updateCommunicationPreferencesAction(values));
    if (!result.ok) return;
    const { confirmation, retryAfterMinutes } = result.data;
    // Only "saved": a newsletter waiting for its confirmation is told once, by the box above the
    // form with its "send again" (issue 15 item 7). A mail that could not go out is a failure and
    // stays until dismissed.
    toast.show(
      confirmation === "rate_limited"
        ? { tone: "error", durationMs: null, message: t("savedRateLimited", { minutes: retryAfterMinutes }) }
        : { tone: "success", message: t("saved") },
    );
  });
  const topicsError = validationMessage(errors.topics?.message ?? errors.topics?.root?.message);
  const id = useId();
  const [topicsHintId, topicsErrorId, channelsHintId] = [
    `${id}-topics-hint`,
    `${id}-topics-error`,
    `${id}-channels-hint`,
  ];

  return (
    <form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-6">
      <FormError message={formError} />
      <fieldset
        className="flex flex-col gap-3"
        aria-describedby={topicsError ? `${topicsHintId} ${topicsErrorId}` : topicsHintId}
      >
        <legend className={legendClass}>{t("topicsLegend")}</legend>
        <FieldHint id={topicsHintId}>{t("topicsHint")}</FieldHint>
        {topics.map((topic) => (
          <CheckboxField
            key={topic.key}
            label={tTopics(topic.key)}
            hint={topic.status ?? undefined}
            value={topic.key}
            {...register("topics")}
          />
        ))}
        {topicsError ? <FieldErrorText id={topicsErrorId}>{topicsError}</FieldErrorText> : null}
      </fieldset>
      <fieldset className="flex flex-col gap-3" aria-describedby={channelsHintId}>
        <legend className={legendClass}>{t("channelsLegend")}</legend>
        <FieldHint id={channelsHintId}>{t("channelsHint")}</FieldHint>
        <CheckboxField label={t("channelEmail")} {...register("email")} />
        <CheckboxField label={t("channelPush")} hint={t("channelPushHint")} {...register("push")} />
        {phoneVerified ? (
          <CheckboxField label={t("channelSms")} {...register("sms")} />
        ) : (
          // Shown, not registered: the form keeps sending its default (off) for it.
          <CheckboxField
            label={t("channelSms")}
            hint={t("phone.smsHintUnverified")}
            checked={false}
            disabled
            readOnly
          />
        )}
      </fieldset>
      <SelectField
        label={t("frequency")}
        placeholder={false}
        options={COMMUNICATION_FREQUENCIES.map((value) => ({ value, label: t(`frequencies.${value}`) }))}
        error={validationMessage(errors.frequency?.message)}
        className="max-w-sm"
        {...register("frequency")}
      />
      <div>
        <SubmitButton pending={isSubmitting}>{t("submit")}</SubmitButton>
      </div>
    </form>
  );
}
