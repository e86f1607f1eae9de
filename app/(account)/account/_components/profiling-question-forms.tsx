"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useId, useState, type BaseSyntheticEvent, type ReactNode } from "react";
import { useForm, type DefaultValues, type FieldValues, type Resolver } from "react-hook-form";
import { CheckboxField } from "@/components/forms/checkbox-field";
import { FieldErrorText } from "@/components/forms/field-parts";
import { FormError } from "@/components/forms/form-error";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { useValidationMessage } from "@/components/forms/use-validation-message";
import { Button } from "@/components/ui/button";
import { answerProfilingQuestionAction, dismissProfilingQuestionAction } from "@/lib/actions/profiling";
import {
  DateOfBirthAnswerSchema,
  INTEREST_OPTIONS,
  InterestsAnswerSchema,
  NameAnswerSchema,
  PhoneAnswerSchema,
  type DateOfBirthAnswerInput,
  type InterestsAnswerInput,
  type NameAnswerInput,
  type PhoneAnswerInput,
  type ProfilingAnswerInput,
  type ProfilingAttributeKey,
} from "@/lib/schemas/profiling";

export type Outcome = "answered" | "skipped" | "snoozed";
type Choice = "SKIP" | "NOT_NOW";

/**
 * One question's form: its field(s), "Speichern", "Überspringen", "Nicht jetzt". The answer goes
 * through the same zod schema here and in the action (raw: the action normalises, e.g. the phone).
 */
function useQuestionForm<T extends FieldValues>(opts: {
  attributeKey: ProfilingAttributeKey;
  schema: Parameters<typeof zodResolver>[0];
  defaultValues: DefaultValues<T>;
  onDone: (outcome: Outcome) => void;
}) {
  const form = useForm<T>({
    resolver: zodResolver(opts.schema, undefined, { raw: true }) as unknown as Resolver<T>,
    defaultValues: opts.defaultValues,
  });
  const { formError, run } = useActionSubmit(form.setError);
  const [dismissing, setDismissing] = useState<Choice | null>(null);
  const onSubmit = form.handleSubmit(async (values) => {
    const answer = { attributeKey: opts.attributeKey, answer: values } as unknown as ProfilingAnswerInput;
    const result = await run(() => answerProfilingQuestionAction(answer));
    if (result.ok) opts.onDone("answered");
  });
  async function dismiss(choice: Choice) {
    setDismissing(choice);
    const result = await run(() =>
      dismissProfilingQuestionAction({ attributeKey: opts.attributeKey, choice }),
    );
    setDismissing(null);
    if (result.ok) opts.onDone(choice === "SKIP" ? "skipped" : "snoozed");
  }
  const submitting = form.formState.isSubmitting;
  const shell: ShellState = { formError, onSubmit, dismiss, submitting, dismissing };
  return { form, shell };
}

type ShellState = {
  formError: string | undefined;
  onSubmit: (event?: BaseSyntheticEvent) => Promise<void>;
  dismiss: (choice: Choice) => Promise<void>;
  submitting: boolean;
  dismissing: Choice | null;
};

function QuestionFormShell({ state, children }: { state: ShellState; children: ReactNode }) {
  const t = useTranslations("profiling");
  const tForms = useTranslations("forms");
  const busy = state.submitting || state.dismissing !== null;
  return (
    <form method="post" noValidate onSubmit={state.onSubmit} className="flex flex-col gap-4">
      <FormError message={state.formError} />
      {children}
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={state.submitting} disabled={busy}>
          {t("save")}
        </SubmitButton>
        <Button variant="secondary" disabled={busy} onClick={() => state.dismiss("SKIP")}>
          {state.dismissing === "SKIP" ? tForms("submitting") : t("skip")}
        </Button>
        <Button variant="secondary" disabled={busy} onClick={() => state.dismiss("NOT_NOW")}>
          {state.dismissing === "NOT_NOW" ? tForms("submitting") : t("notNow")}
        </Button>
      </div>
    </form>
  );
}

type QuestionProps = { onDone: (outcome: Outcome) => void };

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

function PhoneQuestion({ onDone }: QuestionProps) {
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

const QUESTIONS: Record<ProfilingAttributeKey, (props: QuestionProps) => ReactNode> = {
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
