"use client";

import type { ReactNode } from "react";
import { useForm } from "react-hook-form";
import { useToast } from "@/components/ui/toaster";
import type { ActionResult } from "@/lib/errors";
import { FormError } from "./form-error";
import { SubmitButton, type SubmitButtonProps } from "./submit-button";
import { useActionSubmit } from "./use-action-submit";

export type ActionButtonProps<TData> = Pick<SubmitButtonProps, "variant" | "size" | "pendingLabel"> & {
  children: ReactNode;
  /** The server action, passed in by the feature widget (this part calls none itself). */
  action: () => Promise<ActionResult<TData>>;
  /** Told as a toast: it outlives a refresh or navigation that removes this button. */
  successMessage: string;
  onSuccess?: (data: TData) => void;
};

/**
 * A form of one button that runs a server action and toasts on success. A failure is worded above
 * the button, and one a provider resolves (the step-up dialog) is resolved and sent again, both by
 * useActionSubmit like every form; a form rather than an onClick, so it shows its progress the way
 * every submit button does.
 */
export function ActionButton<TData>({
  action,
  successMessage,
  onSuccess,
  children,
  ...button
}: ActionButtonProps<TData>) {
  const toast = useToast();
  const {
    handleSubmit,
    setError,
    formState: { isSubmitting },
  } = useForm();
  const { formError, run } = useActionSubmit(setError);
  const onSubmit = handleSubmit(async () => {
    const result = await run(action);
    if (!result.ok) return;
    toast.show({ tone: "success", message: successMessage });
    onSuccess?.(result.data);
  });

  return (
    <form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-3">
      <FormError message={formError} />
      <div>
        <SubmitButton pending={isSubmitting} {...button}>
          {children}
        </SubmitButton>
      </div>
    </form>
  );
}
