"use client";

import { startRegistration } from "@/components/forms/webauthn-browser";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormError } from "@/components/forms/form-error";
import { useFailureMessage } from "@/components/forms/use-failure-message";
import { Button } from "@/components/ui/button";
import { passkeyErrorKey } from "@/components/forms/passkey-errors";
import { useRetryOnCode } from "@/components/forms/retry-on-code";
import { finishPasskeyRegistrationAction, startPasskeyRegistrationAction } from "@/lib/actions/passkeys";
import type { ActionResult } from "@/lib/errors";
import { PasskeyItem, type PasskeyItemData } from "./passkey-item";

type Outcome = { tone: "success" | "error"; message: string };

/**
 * List and "Add a passkey". Results are announced in one polite live region (successes) or as an
 * alert (failures). A stale sign-in opens the step-up dialog first (app/_components/step-up).
 */
export function PasskeyList({ items, canAdd }: { items: PasskeyItemData[]; canAdd: boolean }) {
  const t = useTranslations("passkeys");
  const describe = useFailureMessage();
  const router = useRouter();
  const [adding, setAdding] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const withRetry = useRetryOnCode();

  function report<T>(result: ActionResult<T>, success: (data: T) => string): boolean {
    if (result.ok) {
      setOutcome({ tone: "success", message: success(result.data) });
      router.refresh();
      return true;
    }
    setOutcome({ tone: "error", message: describe(result) });
    return false;
  }

  async function add() {
    setAdding(true);
    setOutcome(undefined);
    try {
      // The step-up (if any) happens before the browser's passkey prompt, not in the middle of it.
      const options = await withRetry(() => startPasskeyRegistrationAction());
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
      {outcome?.tone === "error" ? <FormError message={outcome.message} /> : null}
      {items.length === 0 ? (
        <p className="text-sm text-slate-600">{t("manage.empty")}</p>
      ) : (
        <ul className="divide-y divide-slate-200" aria-label={t("manage.title")}>
          {items.map((item) => (
            <PasskeyItem key={item.id} item={item} onResult={report} />
          ))}
        </ul>
      )}
      {canAdd ? (
        <Button
          className="self-start"
          onClick={() => void add()}
          disabled={adding}
          aria-busy={adding || undefined}
        >
          {adding ? t("manage.adding") : t("manage.add")}
        </Button>
      ) : null}
    </div>
  );
}
