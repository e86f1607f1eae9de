"use client";

import { startRegistration } from "@simplewebauthn/browser";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormError } from "@/components/forms/form-error";
import { Button } from "@/components/ui/button";
import { passkeyErrorKey } from "@/components/passkeys/passkey-errors";
import {
  finishPasskeyRegistrationAction,
  startPasskeyRegistrationAction,
  type PasskeyActionResult,
} from "@/lib/actions/passkeys";
import { PasskeyItem, type PasskeyItemData } from "./passkey-item";

type Outcome = { tone: "success" | "error"; message: string; stepUp?: boolean };

/**
 * List and "Add a passkey". Results are announced in one polite live region (successes) or as an
 * alert (failures); a stale sign-in offers "Sign in again" (the full step-up flow comes later).
 */
export function PasskeyList({ items }: { items: PasskeyItemData[] }) {
  const t = useTranslations("passkeys");
  const tErrors = useTranslations("errors");
  const router = useRouter();
  const [adding, setAdding] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();

  function report<T>(result: PasskeyActionResult<T>, success: (data: T) => string): boolean {
    if (result.ok) {
      setOutcome({ tone: "success", message: success(result.data) });
      router.refresh();
      return true;
    }
    setOutcome({
      tone: "error",
      message: result.formError ?? tErrors(result.code === "STEP_UP_REQUIRED" ? "FORBIDDEN" : result.code),
      stepUp: result.code === "STEP_UP_REQUIRED",
    });
    return false;
  }

  async function add() {
    setAdding(true);
    setOutcome(undefined);
    try {
      const options = await startPasskeyRegistrationAction();
      if (!options.ok) return void report(options, () => "");
      const response = await startRegistration({ optionsJSON: options.data });
      report(await finishPasskeyRegistrationAction(response), (data) =>
        t("manage.added", { name: data.name }),
      );
    } catch (caught) {
      const key = passkeyErrorKey(caught);
      if (key) setOutcome({ tone: "error", message: t(key) });
    } finally {
      setAdding(false);
    }
  }

  return (
    <div className="flex flex-col gap-4">
      <p role="status" className="text-sm font-medium text-green-800 empty:hidden">
        {outcome?.tone === "success" ? outcome.message : ""}
      </p>
      {outcome?.tone === "error" ? (
        <div className="flex flex-col gap-2">
          <FormError message={outcome.message} />
          {outcome.stepUp ? (
            <Button
              href={`/login?callbackUrl=${encodeURIComponent("/account/security")}`}
              variant="secondary"
              size="sm"
              className="self-start"
            >
              {t("signInAgain")}
            </Button>
          ) : null}
        </div>
      ) : null}
      {items.length === 0 ? (
        <p className="text-sm text-slate-600">{t("manage.empty")}</p>
      ) : (
        <ul className="divide-y divide-slate-200" aria-label={t("manage.title")}>
          {items.map((item) => (
            <PasskeyItem key={item.id} item={item} onResult={report} />
          ))}
        </ul>
      )}
      <Button
        className="self-start"
        onClick={() => void add()}
        disabled={adding}
        aria-busy={adding || undefined}
      >
        {adding ? t("manage.adding") : t("manage.add")}
      </Button>
    </div>
  );
}
