"use client";

import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { useId, type ComponentType } from "react";
import { CheckboxField } from "@/components/forms/checkbox-field";
import { FieldErrorText } from "@/components/forms/field-parts";
import { TextField } from "@/components/forms/text-field";
import { useValidationMessage } from "@/components/forms/use-validation-message";
import {
  DateOfBirthAnswerSchema,
  INTEREST_OPTIONS,
  InterestsAnswerSchema,
  NameAnswerSchema,
  type DateOfBirthAnswerInput,
  type InterestsAnswerInput,
  type NameAnswerInput,
  type ProfilingAttributeKey,
} from "@/lib/schemas/profiling";
import { QuestionFormShell, useQuestionForm, type QuestionProps } from "./profiling-question-shell";

// The phone question's form is a chunk of its own, fetched only when that question is shown: its
// schema brings the phone-number metadata, which the name, birthday and interests questions do
// not need (docs/decisions/0070).
const PhoneQuestion = dynamic(() =>
  import("./profiling-phone-question").then((module) => module.PhoneQuestion),
);

function NameQuestion({ onDone }: QuestionProps) {
  const t = useTranslations("profiling.attributes.name");
  const validationMessage = useValidationMessage();
  const state = useQuestionForm<NameAnswerInput>({
    attributeKey: "name",
    schema: NameAnswerSchema,
    defaultValues: { firstName: "", lastName: "" },
    onDone,
  });
  const { errors } = state.form.formState;
  return (
    <QuestionFormShell state={state.shell}>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t("firstName")}
          autoComplete="given-name"
          error={validationMessage(errors.firstName?.message)}
          {...state.form.register("firstName")}
        />
        <TextField
          label={t("lastName")}
          autoComplete="family-name"
          error={validationMessage(errors.lastName?.message)}
          {...state.form.register("lastName")}
        />
      </div>
    </QuestionFormShell>
  );
}

function DateOfBirthQuestion({ onDone }: QuestionProps) {
  const t = useTranslations("profiling.attributes.dateOfBirth");
  const validationMessage = useValidationMessage();
  const state = useQuestionForm<DateOfBirthAnswerInput>({
    attributeKey: "dateOfBirth",
    schema: DateOfBirthAnswerSchema,
    defaultValues: { dateOfBirth: "" },
    onDone,
  });
  return (
    <QuestionFormShell state={state.shell}>
      <TextField
        type="date"
        label={t("field")}
        autoComplete="bday"
        className="sm:max-w-xs"
        error={validationMessage(state.form.formState.errors.dateOfBirth?.message)}
        {...state.form.register("dateOfBirth")}
      />
    </QuestionFormShell>
  );
}

function InterestsQuestion({ onDone }: QuestionProps) {
  const t = useTranslations("profiling.attributes.interests");
  const validationMessage = useValidationMessage();
  const legendId = useId();
  const errorId = useId();
  const state = useQuestionForm<InterestsAnswerInput>({
    attributeKey: "interests",
    schema: InterestsAnswerSchema,
    defaultValues: { interests: [] },
    onDone,
  });
  const error = validationMessage(state.form.formState.errors.interests?.message);
  return (
    <QuestionFormShell state={state.shell}>
      <fieldset aria-describedby={error ? errorId : undefined} className="flex flex-col gap-2">
        <legend id={legendId} className="mb-1 text-sm font-medium text-slate-900">
          {t("field")}
        </legend>
        {INTEREST_OPTIONS.map((option) => (
          <CheckboxField
            key={option}
            label={t(`options.${option}`)}
            value={option}
            {...state.form.register("interests")}
          />
        ))}
        {error ? <FieldErrorText id={errorId}>{error}</FieldErrorText> : null}
      </fieldset>
    </QuestionFormShell>
  );
}

const QUESTIONS: Record<ProfilingAttributeKey, ComponentType<QuestionProps>> = {
  name: NameQuestion,
  dateOfBirth: DateOfBirthQuestion,
  phone: PhoneQuestion,
  interests: InterestsQuestion,
};

/** The form of one question; loaded by the card only when it has a question (profiling-question.tsx). */
export function QuestionForm({
  attributeKey,
  onDone,
}: QuestionProps & { attributeKey: ProfilingAttributeKey }) {
  const Question = QUESTIONS[attributeKey];
  return <Question onDone={onDone} />;
}
