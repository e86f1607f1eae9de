"use client";

import { unstable_rethrow } from "next/navigation";
import { useRef, useState } from "react";
import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import type { ActionResult } from "@/lib/errors";
import { useRetryOnCode } from "./retry-on-code";
import { useFailureMessage } from "./use-failure-message";

/** A UUID v4; randomUUID exists only on secure origins, getRandomValues everywhere. */
function newKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Runs a server action from a react-hook-form submit handler and maps a failed ActionResult
 * onto the form: field errors (validation keys, worded by each field with useValidationMessage)
 * via setError, focusing the first; the rest as a form error, worded here from the failure's code
 * and key (use-failure-message.ts).
 * Values are never reset, so nothing the user typed is lost. A failure that a RetryProvider above
 * resolves (retry-on-code.tsx; e.g. the step-up dialog for STEP_UP_REQUIRED) is resolved and the
 * action sent again, input unchanged.
 *
 * Idempotency (docs/decisions/0072): `call` gets a key for this submission. The same key goes out
 * again while `input` stays the same and nothing succeeded yet — above all when the customer saves
 * again after the first answer never arrived, so the server answers with the first outcome instead
 * of writing twice. A success or changed input starts a new key. A call that never answered (the
 * network, or the service is down) says so: the input is kept, try again.
 */
export function useActionSubmit<TValues extends FieldValues>(setError: UseFormSetError<TValues>) {
  const describe = useFailureMessage();
  const [formError, setFormError] = useState<string>();
  const withRetry = useRetryOnCode();

  const attempt = useRef<{ key: string; input: string }>(undefined);

  async function run<TData>(
    call: (idempotencyKey: string) => Promise<ActionResult<TData>>,
    input?: unknown,
  ): Promise<ActionResult<TData>> {
    // Clearing first re-mounts the alert, so a repeated identical error is announced again.
    setFormError(undefined);
    const signature = JSON.stringify(input ?? null);
    if (attempt.current?.input !== signature) attempt.current = { key: newKey(), input: signature };
    const key = attempt.current.key;
    let result: ActionResult<TData>;
    try {
      result = await withRetry(() => call(key));
    } catch (error) {
      try {
        // An action that calls redirect() rejects with Next's redirect signal: a success; let the
        // router have it.
        unstable_rethrow(error);
      } catch (signal) {
        attempt.current = undefined;
        throw signal;
      }
      // A server error carries Next's digest; without one the answer never arrived (network, or
      // the service is down): the input stays, and saving again is safe with the same key.
      const answered = error instanceof Error && "digest" in error;
      result = { ok: false, code: answered ? "INTERNAL" : "TEMPORARILY_UNAVAILABLE" };
    }
    if (result.ok) attempt.current = undefined;
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
