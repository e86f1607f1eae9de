"use client";

import { useCallback, useState, type ReactNode } from "react";
import { StepUpContext, type RequestStepUp } from "@/components/forms/step-up-retry";
import { StepUpDialog } from "./step-up-dialog";

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
