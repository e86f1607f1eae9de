"use client";

import dynamic from "next/dynamic";
import { useCallback, useState, type ReactNode } from "react";
import { RetryProvider, type ResolveFailure } from "@/components/forms/retry-on-code";

// Fetched when an action first asks for a confirmation, not with every account page: the dialog
// brings its forms, react-hook-form and zod (issue 16, first-load JavaScript).
const StepUpDialog = dynamic(() => import("./step-up-dialog").then((module) => module.StepUpDialog), {
  ssr: false,
});

/**
 * Wraps the account area: any action answering STEP_UP_REQUIRED (lib/auth/step-up.ts) opens one
 * dialog here, and the caller sends the same input again after a successful confirmation. It
 * registers itself with the forms' retry context (components/forms/retry-on-code.tsx).
 */
export function StepUpProvider({ children }: { children: ReactNode }) {
  const [pending, setPending] = useState<{ resolve: (confirmed: boolean) => void; strongest: boolean }>();
  const request = useCallback<ResolveFailure>(
    (failure) =>
      new Promise<boolean>((resolve) => setPending({ resolve, strongest: failure.stepUp === "strongest" })),
    [],
  );
  const finish = (confirmed: boolean) => {
    pending?.resolve(confirmed);
    setPending(undefined);
  };
  return (
    <RetryProvider code="STEP_UP_REQUIRED" resolve={request}>
      {children}
      {pending ? <StepUpDialog strongestOnly={pending.strongest} onDone={finish} /> : null}
    </RetryProvider>
  );
}
