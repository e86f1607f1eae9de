"use client";

import { createContext, useCallback, useContext, useState, type ReactNode } from "react";
import type { ActionResult } from "@/lib/errors";
import { StepUpDialog } from "./step-up-dialog";

/** Opens the step-up dialog; resolves true once the person has confirmed, false if they cancel. */
type RequestStepUp = () => Promise<boolean>;

const StepUpContext = createContext<RequestStepUp | null>(null);

/**
 * Wraps the account area: any action answering STEP_UP_REQUIRED (lib/auth/step-up.ts) opens one
 * dialog here, and the caller sends the same input again after a successful confirmation.
 */
export function StepUpProvider({ children }: { children: ReactNode }) {
  const [pending, setPending] = useState<((confirmed: boolean) => void) | null>(null);
  const request = useCallback<RequestStepUp>(
    () => new Promise<boolean>((resolve) => setPending(() => resolve)),
    [],
  );
  const finish = (confirmed: boolean) => {
    pending?.(confirmed);
    setPending(null);
  };
  return (
    <StepUpContext value={request}>
      {children}
      {pending ? <StepUpDialog onDone={finish} /> : null}
    </StepUpContext>
  );
}

/**
 * Runs an action call; when it answers STEP_UP_REQUIRED, asks for the step-up and runs the very
 * same call again, so nothing the person typed is lost. Outside a provider it returns the answer.
 */
export function useStepUpRetry() {
  const request = useContext(StepUpContext);
  return useCallback(
    async <T,>(call: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> => {
      const first = await call();
      if (first.ok || first.code !== "STEP_UP_REQUIRED" || !request) return first;
      return (await request()) ? call() : first;
    },
    [request],
  );
}
