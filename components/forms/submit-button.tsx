"use client";

import { useTranslations } from "next-intl";
import { useFormStatus } from "react-dom";
import { Button, type ButtonProps } from "@/components/ui/button";

export type SubmitButtonProps = Omit<ButtonProps, "type" | "href"> & {
  /** Pass react-hook-form's `isSubmitting`; without it the enclosing <form action>'s status is used. */
  pending?: boolean;
  /** Replaces the default "Wird gesendet…" text while pending. */
  pendingLabel?: string;
};

/** A submit button that is disabled and shows progress while its form is being sent. */
export function SubmitButton({
  pending,
  pendingLabel,
  children,
  disabled,
  ...buttonProps
}: SubmitButtonProps) {
  const t = useTranslations("forms");
  const formStatus = useFormStatus();
  const isPending = pending ?? formStatus.pending;

  return (
    <Button
      type="submit"
      disabled={disabled || isPending}
      aria-busy={isPending || undefined}
      {...buttonProps}
    >
      {isPending ? (
        <>
          <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" className="size-5 animate-spin">
            <circle cx="12" cy="12" r="9" stroke="currentColor" strokeOpacity="0.3" strokeWidth="3" />
            <path d="M21 12a9 9 0 0 0-9-9" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
          </svg>
          <span>{pendingLabel ?? t("submitting")}</span>
        </>
      ) : (
        children
      )}
    </Button>
  );
}
