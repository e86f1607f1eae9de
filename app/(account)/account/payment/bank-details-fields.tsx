"use client";

import { useTranslations } from "next-intl";
import type { UseFormRegisterReturn } from "react-hook-form";
import { CheckboxField } from "@/components/forms/checkbox-field";
import { TextField } from "@/components/forms/text-field";

export type MandateTextView = {
  title: string;
  body: string;
  textHash: string;
  creditorName: string;
  creditorIdentifier: string;
};

type Field = { register: UseFormRegisterReturn; error: string | undefined };

/** Holder, IBAN, BIC and the mandate consent: the fields shared by the add and change forms. */
export function BankDetailsFields({
  holderName,
  iban,
  bic,
  grantMandate,
  mandate,
  isChange,
}: {
  holderName: Field;
  iban: Field;
  bic: Field;
  grantMandate: Field;
  mandate: MandateTextView | null;
  isChange: boolean;
}) {
  const t = useTranslations("account.payment");
  return (
    <>
      <TextField
        label={t("holderName")}
        hint={t("holderNameHint")}
        autoComplete="name"
        required
        error={holderName.error}
        {...holderName.register}
      />
      <TextField
        label={t("iban")}
        hint={isChange ? t("ibanKeepHint") : t("ibanHint")}
        autoComplete="off"
        spellCheck={false}
        autoCapitalize="characters"
        required={!isChange}
        error={iban.error}
        {...iban.register}
      />
      <TextField
        label={t("bic")}
        hint={t("bicHint")}
        autoComplete="off"
        spellCheck={false}
        autoCapitalize="characters"
        error={bic.error}
        {...bic.register}
      />
      {mandate ? (
        <fieldset className="flex flex-col gap-3 rounded-lg border border-slate-300 p-4">
          <legend className="px-1 text-sm font-semibold text-slate-900">{mandate.title}</legend>
          <p className="text-sm whitespace-pre-line text-slate-700">{mandate.body}</p>
          <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
            <dt className="text-slate-600">{t("creditorLabel")}</dt>
            <dd className="text-slate-900">{mandate.creditorName}</dd>
            <dt className="text-slate-600">{t("creditorIdLabel")}</dt>
            <dd className="font-mono text-slate-900">{mandate.creditorIdentifier}</dd>
          </dl>
          <CheckboxField
            label={t("grantMandate")}
            hint={isChange ? t("grantMandateChangeHint") : t("grantMandateHint")}
            error={grantMandate.error}
            {...grantMandate.register}
          />
        </fieldset>
      ) : (
        <p className="text-sm text-slate-600">{t("mandateUnavailable")}</p>
      )}
    </>
  );
}
