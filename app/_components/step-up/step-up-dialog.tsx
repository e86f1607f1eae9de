"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef } from "react";
import { Button } from "@/components/ui/button";
import { StepUpPanel } from "./step-up-panel";

/**
 * A modal <dialog>: the browser keeps focus inside, Escape cancels, and focus returns to the
 * control that was used when it closes.
 */
export function StepUpDialog({
  onDone,
  strongestOnly,
}: {
  onDone: (confirmed: boolean) => void;
  strongestOnly: boolean;
}) {
  const t = useTranslations("stepUp");
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onDone(false);
      }}
      className="m-auto w-full max-w-md rounded-xl border border-slate-200 bg-white p-6 shadow-xl backdrop:bg-slate-900/50"
    >
      <h2 id={titleId} className="text-lg font-semibold text-slate-900">
        {t("title")}
      </h2>
      <p className="mt-2 text-sm text-slate-600">{t("intro")}</p>
      <div className="mt-5">
        <StepUpPanel strongestOnly={strongestOnly} onConfirmed={() => onDone(true)} />
      </div>
      <Button variant="secondary" className="mt-4 w-full" onClick={() => onDone(false)}>
        {t("cancel")}
      </Button>
    </dialog>
  );
}
