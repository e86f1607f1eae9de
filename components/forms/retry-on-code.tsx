"use client";

import { createContext, useCallback, useContext, useMemo, type ReactNode } from "react";
import type { ActionFailure, ActionResult, AppErrorCode } from "@/lib/errors";

/**
 * Clears what a failure code stands for (e.g. asks the person to confirm it is them); resolves true
 * when the very same call may be sent again, false when the person gave up.
 */
export type ResolveFailure = (failure: ActionFailure) => Promise<boolean>;

const RetryContext = createContext<Partial<Record<AppErrorCode, ResolveFailure>>>({});

/**
 * Registers `resolve` for one failure code below it (nested providers add theirs). The forms know
 * no feature behind a code: the step-up dialog, for one, provides itself for STEP_UP_REQUIRED.
 */
export function RetryProvider({
  code,
  resolve,
  children,
}: {
  code: AppErrorCode;
  resolve: ResolveFailure;
  children: ReactNode;
}) {
  const outer = useContext(RetryContext);
  const value = useMemo(() => ({ ...outer, [code]: resolve }), [outer, code, resolve]);
  return <RetryContext value={value}>{children}</RetryContext>;
}

/**
 * Runs an action call; when it fails with a code a provider resolves, resolves it and runs the very
 * same call once more, so nothing the person typed is lost. Without a provider it returns the answer.
 */
export function useRetryOnCode() {
  const resolvers = useContext(RetryContext);
  return useCallback(
    async <T,>(call: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> => {
      const first = await call();
      const resolve = first.ok ? undefined : resolvers[first.code];
      if (!resolve) return first;
      return (await resolve(first as ActionFailure)) ? call() : first;
    },
    [resolvers],
  );
}
