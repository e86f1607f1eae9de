import clsx from "clsx";
import { useTranslations } from "next-intl";
import { useId, type ComponentPropsWithRef, type ReactNode } from "react";
import { describeField, FieldErrorText, FieldHint, FieldLabel, inputClassName } from "./field-parts";

export type SelectOption = { value: string; label: string; disabled?: boolean };

export type SelectFieldProps = Omit<
  ComponentPropsWithRef<"select">,
  "aria-describedby" | "aria-invalid" | "children"
> & {
  label: ReactNode;
  options: readonly SelectOption[];
  hint?: ReactNode;
  error?: string;
  /** Text of an empty first option; defaults to "Bitte auswählen". `false` renders none. */
  placeholder?: string | false;
};

export function SelectField({
  label,
  options,
  hint,
  error,
  placeholder,
  id,
  required,
  className,
  ...selectProps
}: SelectFieldProps) {
  const t = useTranslations("forms");
  const generatedId = useId();
  const selectId = id ?? generatedId;
  const { hintId, errorId, describedBy } = describeField(selectId, hint, error);

  return (
    <div className={clsx("flex flex-col gap-1.5", className)}>
      <FieldLabel htmlFor={selectId} required={required}>
        {label}
      </FieldLabel>
      {hint ? <FieldHint id={hintId}>{hint}</FieldHint> : null}
      <select
        id={selectId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={inputClassName}
        {...selectProps}
      >
        {placeholder === false ? null : <option value="">{placeholder ?? t("selectPlaceholder")}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value} disabled={option.disabled}>
            {option.label}
          </option>
        ))}
      </select>
      {error ? <FieldErrorText id={errorId}>{error}</FieldErrorText> : null}
    </div>
  );
}
