"use client";

import { startAuthentication } from "@simplewebauthn/browser";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { FormError } from "@/components/forms/form-error";
import { useFailureMessage } from "@/components/forms/use-failure-message";
import { Button } from "@/components/ui/button";
import { passkeyErrorKey } from "@/components/forms/passkey-errors";
import {
  finishStepUpPasskeyAction,
  startStepUpPasskeyAction,
  stepUpOptionsAction,
} from "@/lib/actions/step-up";
import type { StepUpOptions } from "@/lib/schemas/step-up";
import { StepUpCodeForm, StepUpPasswordForm } from "./step-up-forms";

/** The confirmation itself, by the person's strongest factor; used by the dialog and /login/step-up. */
export function StepUpPanel({ onConfirmed }: { onConfirmed: () => void }) {
  const t = useTranslations("stepUp");
  const [options, setOptions] = useState<StepUpOptions | "error">();

  useEffect(() => {
    let live = true;
    stepUpOptionsAction().then(
      (result) => live && setOptions(result.ok ? result.data : "error"),
      () => live && setOptions("error"),
    );
    return () => {
      live = false;
    };
  }, []);

  if (!options) return <p className="text-sm text-slate-600">{t("loading")}</p>;
  if (options === "error") return <FormError message={t("failed")} />;
  if (options.method === "passkey") return <PasskeyStepUp onConfirmed={onConfirmed} />;
  if (options.method === "password")
    return <StepUpPasswordForm totpRequired={options.totpRequired} onConfirmed={onConfirmed} />;
  return <StepUpCodeForm onConfirmed={onConfirmed} />;
}

function PasskeyStepUp({ onConfirmed }: { onConfirmed: () => void }) {
  const t = useTranslations("stepUp");
  const tPasskeys = useTranslations("passkeys");
  const describe = useFailureMessage();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();

  async function confirm() {
    setPending(true);
    setError(undefined);
    try {
      const options = await startStepUpPasskeyAction();
      if (!options.ok) return setError(describe(options, t("passkeyFailed")));
      const response = await startAuthentication({ optionsJSON: options.data });
      const result = await finishStepUpPasskeyAction(response);
      if (result.ok) return onConfirmed();
      setError(describe(result, t("passkeyFailed")));
    } catch (caught) {
      const key = passkeyErrorKey(caught);
      setError(key ? tPasskeys(key) : t("passkeyFailed"));
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm text-slate-700">{t("passkeyIntro")}</p>
      <FormError message={error} />
      <Button onClick={() => void confirm()} disabled={pending} aria-busy={pending || undefined}>
        {t("passkeyButton")}
      </Button>
    </div>
  );
}
