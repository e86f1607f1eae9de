"use client";

import { unstable_rethrow } from "next/navigation";
import { useState } from "react";
import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import type { ActionResult } from "@/lib/errors";
import { useRetryOnCode } from "./retry-on-code";
import { useFailureMessage } from "./use-failure-message";

/**
 * Runs a server action from a react-hook-form submit handler and maps a failed ActionResult
 * onto the form: field errors (validation keys, worded by each field with useValidationMessage)
 * via setError, focusing the first; the rest as a form error, worded here from the failure's code
 * and key (use-failure-message.ts).
 * Values are never reset, so nothing the user typed is lost. A failure that a RetryProvider above
 * resolves (retry-on-code.tsx; e.g. the step-up dialog for STEP_UP_REQUIRED) is resolved and the
 * action sent again, input unchanged.
 */
export function useActionSubmit<TValues extends FieldValues>(setError: UseFormSetError<TValues>) {
  const describe = useFailureMessage();
  const [formError, setFormError] = useState<string>();
  const withRetry = useRetryOnCode();

  async function run<TData>(call: () => Promise<ActionResult<TData>>): Promise<ActionResult<TData>> {
    // Clearing first re-mounts the alert, so a repeated identical error is announced again.
    setFormError(undefined);
    let result: ActionResult<TData>;
    try {
      result = await withRetry(call);
    } catch (error) {
      // An action that calls redirect() rejects with Next's redirect signal; let the router have it.
      unstable_rethrow(error);
      // Network failure or an unexpected server error: the action never answered.
      result = { ok: false, code: "INTERNAL" };
    }
    if (!result.ok) {
      Object.entries(result.fieldErrors ?? {}).forEach(([name, messages], index) => {
        const message = messages[0];
        if (message)
          setError(name as Path<TValues>, { type: "server", message }, { shouldFocus: index === 0 });
      });
      setFormError(describe(result));
    }
    return result;
  }

  return { formError, run };
}
