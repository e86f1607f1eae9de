"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useForm, useWatch } from "react-hook-form";
import { CheckboxField } from "@/components/forms/checkbox-field";
import { FormError } from "@/components/forms/form-error";
import { SelectField, type SelectOption } from "@/components/forms/select-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { useValidationMessage } from "@/components/forms/use-validation-message";
import { Button } from "@/components/ui/button";
import { createAddressAction, updateAddressAction } from "@/lib/actions/addresses";
import {
  AddressSchema,
  isHouseNumberRequired,
  isRegionRequired,
  PINNED_COUNTRIES,
  type AddressInput,
} from "@/lib/schemas/address";
import { AddressTypeField } from "./address-type-field";

type Props = {
  /** Absent for a new address. */
  addressId?: string;
  defaultValues: AddressInput;
  /** Localised on the server, so server and client render the same names. */
  countries: SelectOption[];
};

export function AddressForm({ addressId, defaultValues, countries }: Props) {
  const t = useTranslations("account.addresses");
  const validationMessage = useValidationMessage();
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    control,
    formState: { errors, isSubmitting },
  } = useForm<AddressInput>({
    // raw: the action gets what was typed; it parses (and normalises) with the same schema.
    resolver: zodResolver(AddressSchema, undefined, { raw: true }),
    defaultValues,
  });
  const { formError, run } = useActionSubmit(setError);
  const [type, country] = useWatch({ control, name: ["type", "country"] });
  const isStreet = type === "STREET";
  const error = (name: keyof AddressInput) => validationMessage(errors[name]?.message);

  const onSubmit = handleSubmit(async (values) => {
    // On success the action redirects to the list (with a notice); only failures come back. The
    // key makes a second save after a lost answer return the first outcome (decision 0072).
    await run(
      (key) => (addressId ? updateAddressAction(key, addressId, values) : createAddressAction(key, values)),
      values,
    );
  });

  const typeField = register("type", {
    onChange: (event: { target: { value: string } }) => {
      // Packstation and Postfiliale: Germany only, never a billing address.
      if (event.target.value !== "STREET") {
        setValue("country", "DE");
        setValue("isDefaultBilling", false);
      }
    },
  });

  return (
    <form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
      <FormError message={formError} />
      <AddressTypeField
        legend={t("typeLegend")}
        hint={t("typeHint")}
        error={error("type")}
        field={typeField}
      />
      <TextField
        label={t("label")}
        hint={t("labelHint")}
        className="sm:max-w-sm"
        error={error("label")}
        {...register("label")}
      />
      <TextField
        label={t("recipientName")}
        autoComplete="name"
        required
        error={error("recipientName")}
        {...register("recipientName")}
      />
      {isStreet ? (
        <>
          <TextField
            label={t("company")}
            autoComplete="organization"
            error={error("company")}
            {...register("company")}
          />
          <div className="grid items-start gap-5 sm:grid-cols-[1fr_10rem]">
            <TextField
              label={t("street")}
              autoComplete="address-line1"
              required
              error={error("street")}
              {...register("street")}
            />
            <TextField
              label={t("houseNumber")}
              required={isHouseNumberRequired(country)}
              error={error("houseNumber")}
              {...register("houseNumber")}
            />
          </div>
          <TextField
            label={t("addition")}
            hint={t("additionHint")}
            autoComplete="address-line2"
            error={error("addition")}
            {...register("addition")}
          />
        </>
      ) : (
        <>
          <TextField
            label={t("postNumber")}
            hint={t("postNumberHint")}
            inputMode="numeric"
            required
            className="sm:max-w-sm"
            error={error("postNumber")}
            {...register("postNumber")}
          />
          {type === "PACKSTATION" ? (
            <TextField
              label={t("packstationNumber")}
              hint={t("packstationNumberHint")}
              inputMode="numeric"
              required
              className="sm:max-w-sm"
              error={error("packstationNumber")}
              {...register("packstationNumber")}
            />
          ) : (
            <TextField
              label={t("postfilialeNumber")}
              hint={t("postfilialeNumberHint")}
              inputMode="numeric"
              required
              className="sm:max-w-sm"
              error={error("postfilialeNumber")}
              {...register("postfilialeNumber")}
            />
          )}
        </>
      )}
      <div className="grid items-start gap-5 sm:grid-cols-[10rem_1fr]">
        <TextField
          label={t("postalCode")}
          autoComplete="postal-code"
          required
          error={error("postalCode")}
          {...register("postalCode")}
        />
        <TextField
          label={t("city")}
          autoComplete="address-level2"
          required
          error={error("city")}
          {...register("city")}
        />
      </div>
      {isStreet ? (
        <>
          {PINNED_COUNTRIES.includes(country) ? null : (
            <TextField
              label={t("region")}
              hint={t("regionHint")}
              autoComplete="address-level1"
              required={isRegionRequired(country)}
              className="sm:max-w-sm"
              error={error("region")}
              {...register("region")}
            />
          )}
          <SelectField
            label={t("country")}
            autoComplete="country"
            required
            options={countries}
            className="sm:max-w-sm"
            error={error("country")}
            {...register("country")}
          />
        </>
      ) : null}
      <div className="flex flex-col gap-3">
        <CheckboxField
          label={t("isDefaultShipping")}
          error={error("isDefaultShipping")}
          {...register("isDefaultShipping")}
        />
        {isStreet ? (
          <CheckboxField
            label={t("isDefaultBilling")}
            hint={t("isDefaultBillingHint")}
            error={error("isDefaultBilling")}
            {...register("isDefaultBilling")}
          />
        ) : null}
      </div>
      <div className="flex flex-wrap gap-3">
        <SubmitButton pending={isSubmitting}>{addressId ? t("saveEdit") : t("saveNew")}</SubmitButton>
        <Button href="/account/addresses" variant="secondary">
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}
