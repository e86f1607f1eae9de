"use client";

import { createContext, useCallback, useContext } from "react";
import type { ActionResult } from "@/lib/errors";

/** Opens the step-up dialog; resolves true once the person has confirmed, false if they cancel. */
export type RequestStepUp = () => Promise<boolean>;

/**
 * Provided by StepUpProvider (components/step-up/step-up-context.tsx). It lives with the forms so
 * that the forms, which the step-up dialog itself uses, do not import the dialog.
 */
export const StepUpContext = createContext<RequestStepUp | null>(null);

/**
 * Runs an action call; when it answers STEP_UP_REQUIRED, asks for the step-up and runs the very
 * same call again, so nothing the person typed is lost. Outside a provider it returns the answer.
 */
export function useStepUpRetry() {
  const request = useContext(StepUpContext);
  return useCallback(
    async <T>(call: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> => {
      const first = await call();
      if (first.ok || first.code !== "STEP_UP_REQUIRED" || !request) return first;
      return (await request()) ? call() : first;
    },
    [request],
  );
}
