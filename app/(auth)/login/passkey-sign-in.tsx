"use client";

import { startAuthentication } from "@/components/forms/webauthn-browser";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormError } from "@/components/forms/form-error";
import { useFailureMessage } from "@/components/forms/use-failure-message";
import { Button } from "@/components/ui/button";
import { passkeyErrorKey } from "@/components/forms/passkey-errors";
import { finishPasskeySignInAction, startPasskeySignInAction } from "@/lib/actions/passkeys";

/**
 * "Sign in with a passkey" without typing an email: usernameless, the browser lists the passkeys
 * it holds for this site (discoverable credentials). Starting it aborts the autofill request.
 */
export function PasskeySignIn({ callbackUrl }: { callbackUrl?: string }) {
  const t = useTranslations("passkeys");
  const describe = useFailureMessage();
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();

  async function signIn() {
    setPending(true);
    setError(undefined);
    try {
      const options = await startPasskeySignInAction();
      if (!options.ok) return setError(describe(options, t("signIn.failed")));
      const response = await startAuthentication({ optionsJSON: options.data });
      const result = await finishPasskeySignInAction({ response, callbackUrl });
      if (result.ok) return router.replace(result.data.redirectTo);
      setError(describe(result, t("signIn.failed")));
    } catch (caught) {
      const key = passkeyErrorKey(caught);
      if (key) setError(t(key));
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="mt-6 flex flex-col gap-3 border-t border-slate-200 pt-6">
      <FormError message={error} />
      <Button
        variant="secondary"
        className="w-full"
        onClick={() => void signIn()}
        disabled={pending}
        aria-busy={pending || undefined}
      >
        {pending ? t("signIn.pending") : t("signIn.button")}
      </Button>
      <p className="text-center text-sm text-slate-600">{t("signIn.hint")}</p>
    </div>
  );
}
