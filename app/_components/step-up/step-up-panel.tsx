"use client";

import { startAuthentication } from "@/components/forms/webauthn-browser";
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
import type { StepUpWay } from "@/lib/schemas/step-up";
import { StepUpCodeForm, StepUpPasswordForm, type PasswordSecond } from "./step-up-forms";

const SECOND: Record<Exclude<StepUpWay, "passkey" | "emailCode">, PasswordSecond> = {
  passwordTotp: "totp",
  passwordRecoveryCode: "recoveryCode",
  passwordEmailCode: "emailCode",
  password: "none",
};

/**
 * The confirmation itself; used by the dialog and /login/step-up. It opens with the strongest way
 * and offers the account's others under "Andere Methode wählen" (docs/decisions/0051); a factor
 * change asks for `strongestOnly`, so only the ways that satisfy its guard are offered.
 */
export function StepUpPanel({
  onConfirmed,
  strongestOnly = false,
}: {
  onConfirmed: () => void;
  strongestOnly?: boolean;
}) {
  const t = useTranslations("stepUp");
  const [ways, setWays] = useState<StepUpWay[] | "error">();
  const [way, setWay] = useState<StepUpWay>();
  const [choosing, setChoosing] = useState(false);

  useEffect(() => {
    let live = true;
    stepUpOptionsAction(strongestOnly).then(
      (result) => live && setWays(result.ok && result.data.length > 0 ? result.data : "error"),
      () => live && setWays("error"),
    );
    return () => {
      live = false;
    };
  }, [strongestOnly]);

  if (!ways) return <p className="text-sm text-slate-600">{t("loading")}</p>;
  if (ways === "error") return <FormError message={t("failed")} />;
  const current = way ?? ways[0]!;
  if (choosing)
    return (
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-2 text-sm font-medium text-slate-900">{t("chooseWay")}</legend>
        {ways.map((option) => (
          <Button
            key={option}
            variant="secondary"
            aria-current={option === current || undefined}
            onClick={() => {
              setWay(option);
              setChoosing(false);
            }}
          >
            {t(`ways.${option}`)}
          </Button>
        ))}
      </fieldset>
    );
  return (
    <div className="flex flex-col gap-4">
      <WayForm key={current} way={current} onConfirmed={onConfirmed} />
      {ways.length > 1 ? (
        <Button variant="link" className="self-start" onClick={() => setChoosing(true)}>
          {t("otherWay")}
        </Button>
      ) : null}
    </div>
  );
}

function WayForm({ way, onConfirmed }: { way: StepUpWay; onConfirmed: () => void }) {
  if (way === "passkey") return <PasskeyStepUp onConfirmed={onConfirmed} />;
  if (way === "emailCode") return <StepUpCodeForm onConfirmed={onConfirmed} />;
  return <StepUpPasswordForm second={SECOND[way]} onConfirmed={onConfirmed} />;
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
