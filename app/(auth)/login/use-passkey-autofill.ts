"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useState } from "react";
import { passkeyErrorKey } from "@/components/forms/passkey-errors";
import {
  browserSupportsWebAuthnAutofill,
  cancelCeremony,
  startAuthentication,
} from "@/components/forms/webauthn-browser";
import { useFailureMessage } from "@/components/forms/use-failure-message";
import { finishPasskeySignInAction, startPasskeySignInAction } from "@/lib/actions/passkeys";

/**
 * Conditional UI: while the login page is open, the browser offers the site's passkeys in the
 * email field's autofill (autocomplete="username webauthn"). The pending request is aborted when
 * the password form is submitted (`cancel`), when the passkey button starts its own ceremony (the
 * library's abort service does that), and when the page is left. An abort shows nothing.
 */
export function usePasskeyAutofill(callbackUrl?: string) {
  const t = useTranslations("passkeys");
  const describe = useFailureMessage();
  const router = useRouter();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let active = true;
    async function listen() {
      if (!(await browserSupportsWebAuthnAutofill()) || !active) return;
      const options = await startPasskeySignInAction();
      if (!options.ok || !active) return;
      const response = await startAuthentication({ optionsJSON: options.data, useBrowserAutofill: true });
      const result = await finishPasskeySignInAction({ response, callbackUrl });
      if (result.ok) router.replace(result.data.redirectTo);
      else setError(describe(result, t("signIn.failed")));
    }
    listen().catch((caught: unknown) => {
      const key = passkeyErrorKey(caught);
      // "cancelled" here only means the autofill request ended unused: nothing to report.
      if (active && key && key !== "cancelled") setError(t(key));
    });
    return () => {
      active = false;
      cancelCeremony();
    };
  }, [callbackUrl, router, t, describe]);

  const cancel = useCallback(() => {
    setError(undefined);
    cancelCeremony();
  }, []);

  return { error, cancel };
}
