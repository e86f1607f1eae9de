"use client";

import { useTranslations } from "next-intl";
import { TextField } from "@/components/forms/text-field";
import { useValidationMessage } from "@/components/forms/use-validation-message";
import { PhoneAnswerSchema, type PhoneAnswerInput } from "@/lib/schemas/profiling-phone";
import { QuestionFormShell, useQuestionForm, type QuestionProps } from "./profiling-question-shell";

// Its own chunk, loaded by profiling-question-forms.tsx only when the phone question is shown:
// its schema brings the phone-number metadata (about 50 kB gzip, docs/decisions/0070).

export function PhoneQuestion({ onDone }: QuestionProps) {
  const t = useTranslations("profiling.attributes.phone");
  const validationMessage = useValidationMessage();
  const state = useQuestionForm<PhoneAnswerInput>({
    attributeKey: "phone",
    schema: PhoneAnswerSchema,
    defaultValues: { phone: "" },
    onDone,
  });
  return (
    <QuestionFormShell state={state.shell}>
      <TextField
        type="tel"
        label={t("field")}
        hint={t("hint")}
        autoComplete="tel"
        inputMode="tel"
        className="sm:max-w-sm"
        error={validationMessage(state.form.formState.errors.phone?.message)}
        {...state.form.register("phone")}
      />
    </QuestionFormShell>
  );
}
