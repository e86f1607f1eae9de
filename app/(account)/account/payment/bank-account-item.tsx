"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import { FormError } from "@/components/forms/form-error";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toaster";
import { removeBankAccountAction, revealIbanAction } from "@/lib/actions/payment";
import type { BankAccountIdInput } from "@/lib/schemas/bank-account";
import type { MandateTextView } from "./bank-details-fields";
import { ChangeBankAccountForm } from "./change-bank-account-form";

export type BankAccountItemView = {
  id: string;
  holderName: string;
  ibanMasked: string;
  bic: string | null;
  isDefault: boolean;
  /** Already formatted on the server ("Mandatsreferenz … vom …"), or null without a mandate. */
  mandateSummary: string | null;
};

/**
 * One bank account: masked IBAN and details, and the step-up protected actions. Reveal, change and
 * remove all run through useActionSubmit, so a stale session gets the step-up dialog and the
 * action is sent again after the customer confirms.
 */
export function BankAccountItem({
  account,
  mandate,
}: {
  account: BankAccountItemView;
  mandate: MandateTextView | null;
}) {
  const t = useTranslations("account.payment");
  const headingId = useId();
  const [fullIban, setFullIban] = useState<string>();
  const [mode, setMode] = useState<"view" | "change" | "confirmRemove">("view");
  const toast = useToast();
  const [pending, setPending] = useState(false);
  // No fields: the form only gives useActionSubmit its error plumbing for the id-only actions.
  const { setError } = useForm<BankAccountIdInput>();
  const { formError, run } = useActionSubmit(setError);

  async function reveal() {
    setPending(true);
    const result = await run(() => revealIbanAction({ bankAccountId: account.id }));
    setPending(false);
    if (result.ok) setFullIban(result.data.iban);
  }

  async function remove() {
    setPending(true);
    const result = await run(() => removeBankAccountAction({ bankAccountId: account.id }));
    setPending(false);
    if (!result.ok) setMode("view");
  }

  return (
    <li aria-labelledby={headingId} className="rounded-lg border border-slate-200 p-4">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <h3 id={headingId} className="font-mono text-base font-semibold break-all text-slate-900">
            {fullIban ? (
              <>
                <span className="sr-only">{t("ibanFullLabel")}: </span>
                {fullIban}
              </>
            ) : (
              <>
                <span className="sr-only">{t("ibanMaskedLabel")}: </span>
                {account.ibanMasked}
              </>
            )}
          </h3>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-600">{t("holderName")}</dt>
            <dd className="text-slate-900">{account.holderName}</dd>
            {account.bic ? (
              <>
                <dt className="text-slate-600">{t("bicLabel")}</dt>
                <dd className="font-mono text-slate-900">{account.bic}</dd>
              </>
            ) : null}
            <dt className="text-slate-600">{t("mandateLabel")}</dt>
            <dd className="text-slate-900">{account.mandateSummary ?? t("mandateNone")}</dd>
          </dl>
          {account.isDefault ? (
            <p className="mt-2 inline-block rounded bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-800">
              {t("defaultBadge")}
            </p>
          ) : null}
        </div>
        {mode === "view" ? (
          <div className="flex shrink-0 flex-wrap gap-2">
            {fullIban ? (
              <Button variant="secondary" size="sm" onClick={() => setFullIban(undefined)}>
                {t("hide")}
              </Button>
            ) : (
              <Button variant="secondary" size="sm" disabled={pending} onClick={reveal}>
                {t("reveal")}
              </Button>
            )}
            <Button variant="secondary" size="sm" onClick={() => setMode("change")}>
              {t("change")}
            </Button>
            <Button variant="danger" size="sm" onClick={() => setMode("confirmRemove")}>
              {t("remove")}
            </Button>
          </div>
        ) : null}
      </div>
      <FormError message={formError} className="mt-3" />
      {mode === "confirmRemove" ? (
        <div className="mt-3 flex flex-col gap-3">
          <p className="text-sm text-slate-900">{t("removeConfirm")}</p>
          <div className="flex flex-wrap gap-2">
            <Button variant="danger" size="sm" disabled={pending} onClick={remove}>
              {t("removeConfirmButton")}
            </Button>
            <Button variant="secondary" size="sm" onClick={() => setMode("view")}>
              {t("cancel")}
            </Button>
          </div>
        </div>
      ) : null}
      {mode === "change" ? (
        <ChangeBankAccountForm
          account={account}
          mandate={mandate}
          onCancel={() => setMode("view")}
          onSaved={(saved) => {
            setFullIban(undefined);
            setMode("view");
            // The form closes; the toaster tells the outcome (docs/decisions/0054).
            toast.show({
              tone: "success",
              message: saved.mandateReference
                ? t("changedWithMandate", { reference: saved.mandateReference })
                : t("changed"),
            });
          }}
        />
      ) : null}
    </li>
  );
}
