"use client";

import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Notice } from "@/components/ui/notice";
import type { ProfilingAttributeKey } from "@/lib/schemas/profiling";
import type { Outcome } from "./profiling-question-shell";

// The forms (react-hook-form, zod; the phone question's form also the phone-number metadata, in a
// chunk of its own) are fetched only when there is a question to show, not with every account page that could show one (issue 16, first-load
// JavaScript). Server-rendered as before; the form hydrates once its chunk is in.
const QuestionForm = dynamic(() =>
  import("./profiling-question-forms").then((module) => module.QuestionForm),
);

export type ProfilingQuestionView = {
  attributeKey: ProfilingAttributeKey;
  title: string;
  /** "Damit wir … (Ihre Einwilligung: …)." */
  purpose: string;
};

/**
 * The inline card. It stays mounted across the refresh that follows a reply, so the customer
 * sees the confirmation instead of the next question: one question per visit of the page.
 */
export function ProfilingQuestion({
  question,
  skipDays,
  notNowDays,
}: {
  question: ProfilingQuestionView | null;
  skipDays: number;
  notNowDays: number;
}) {
  const t = useTranslations("profiling");
  const headingId = useId();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  if (outcome) {
    const text =
      outcome === "answered"
        ? t("answered")
        : t(outcome, { days: outcome === "skipped" ? skipDays : notNowDays });
    return (
      <Notice tone="success" title={text} className="mb-8">
        {t("editHint")}
      </Notice>
    );
  }
  if (!question) return null;
  return (
    <section
      aria-labelledby={headingId}
      className="mb-8 rounded-xl border border-brand-700 bg-brand-50 p-6 shadow-sm"
    >
      <h2 id={headingId} className="text-lg font-semibold text-slate-900">
        {question.title}
      </h2>
      <p className="mt-1 mb-4 text-sm text-slate-700">{question.purpose}</p>
      <QuestionForm key={question.attributeKey} attributeKey={question.attributeKey} onDone={setOutcome} />
      {/* What the two ways out mean, before the customer picks one. */}
      <p className="mt-3 text-sm text-slate-700">{t("choicesExplained", { skipDays, notNowDays })}</p>
    </section>
  );
}
