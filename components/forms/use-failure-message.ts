"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useCallback } from "react";
import type { ActionFailure } from "@/lib/errors";
import { signInReasonWording } from "@/lib/i18n/sign-in-reason-wording";

/**
 * The edge where a failed action becomes a sentence, in the page's language: actions return codes
 * and catalog keys only (lib/errors.ts). In order: the failure's own sentence (`message` with its
 * `values`), the reasons of a stopped sign-in, the caller's fallback, and the text for the code.
 */
export function useFailureMessage(): (failure: ActionFailure, fallback?: string) => string {
  const t = useTranslations();
  const tReasons = useTranslations("signInReasons");
  const format = useFormatter();
  return useCallback(
    (failure, fallback) => {
      if (failure.message) return t(failure.message, failure.values);
      if (failure.signInReasons)
        return signInReasonWording(tReasons, (items) => format.list(items)).blockedSignInMessage(
          failure.signInReasons,
        );
      return fallback ?? t(`errors.${failure.code}`);
    },
    [t, tReasons, format],
  );
}
