"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useState, type BaseSyntheticEvent, type ReactNode } from "react";
import { useForm, type DefaultValues, type FieldValues, type Resolver } from "react-hook-form";
import { FormError } from "@/components/forms/form-error";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { Button } from "@/components/ui/button";
import { answerProfilingQuestionAction, dismissProfilingQuestionAction } from "@/lib/actions/profiling";
import type { ProfilingAttributeKey } from "@/lib/schemas/profiling";
import type { ProfilingAnswerInput } from "@/lib/schemas/profiling-answer";

// What every question's form shares: the form state and the three buttons. Imported by
// profiling-question-forms.tsx and by the phone question's own chunk (profiling-phone-question.tsx).

export type Outcome = "answered" | "skipped" | "snoozed";
type Choice = "SKIP" | "NOT_NOW";

export type QuestionProps = { onDone: (outcome: Outcome) => void };

/**
 * One question's form: its field(s), "Speichern", "Überspringen", "Nicht jetzt". The answer goes
 * through the same zod schema here and in the action (raw: the action normalises, e.g. the phone).
 */
export function useQuestionForm<T extends FieldValues>(opts: {
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

export function QuestionFormShell({ state, children }: { state: ShellState; children: ReactNode }) {
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
