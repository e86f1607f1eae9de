"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { describeField, FieldErrorText, FieldHint, RequiredMarker } from "@/components/forms/field-parts";
import { ADDRESS_TYPES } from "@/lib/schemas/address";

/** The address type as a radio group: street address, DHL Packstation, DHL Postfiliale. */
export function AddressTypeField({
  legend,
  hint,
  error,
  field,
}: {
  legend: string;
  hint: string;
  error?: string;
  field: UseFormRegisterReturn<"type">;
}) {
  const t = useTranslations("account.addresses.types");
  const id = useId();
  const { hintId, errorId, describedBy } = describeField(id, hint, error);

  return (
    <fieldset aria-describedby={describedBy} className="flex flex-col gap-2">
      <legend className="text-sm font-medium text-slate-900">
        {legend}
        <RequiredMarker />
      </legend>
      <FieldHint id={hintId}>{hint}</FieldHint>
      <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:gap-x-6">
        {ADDRESS_TYPES.map((type) => (
          <label key={type} className="flex min-h-9 items-center gap-2 text-sm text-slate-900">
            <input type="radio" value={type} className="size-5 accent-brand-700" {...field} />
            {t(type)}
          </label>
        ))}
      </div>
      {error ? <FieldErrorText id={errorId}>{error}</FieldErrorText> : null}
    </fieldset>
  );
}
