import clsx from "clsx";
import { useId, type ComponentPropsWithRef, type ReactNode } from "react";
import { describeField, FieldErrorText, FieldHint, FieldLabel, inputClassName } from "./field-parts";

export type TextFieldProps = Omit<
  ComponentPropsWithRef<"input">,
  "aria-describedby" | "aria-invalid" | "children"
> & {
  label: ReactNode;
  hint?: ReactNode;
  /** An already translated message; its presence marks the field invalid. */
  error?: string;
  /** A control beside the input (e.g. the show-password toggle). */
  addon?: ReactNode;
};

/**
 * Label, hint, input and error in one accessible unit. Spread react-hook-form's `register()`
 * into it (React 19 passes `ref` as a prop). `required` only marks the label: validation is the
 * schema's job, and forms set noValidate so the browser's own bubbles do not compete.
 */
export function TextField({
  label,
  hint,
  error,
  id,
  required,
  className,
  type = "text",
  addon,
  ...inputProps
}: TextFieldProps) {
  const generatedId = useId();
  const inputId = id ?? generatedId;
  const { hintId, errorId, describedBy } = describeField(inputId, hint, error);

  return (
    <div className={clsx("flex flex-col gap-1.5", className)}>
      <FieldLabel htmlFor={inputId} required={required}>
        {label}
      </FieldLabel>
      {hint ? <FieldHint id={hintId}>{hint}</FieldHint> : null}
      {addon ? (
        <div className="flex gap-2">
          <input
            id={inputId}
            type={type}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            className={clsx(inputClassName, "min-w-0 flex-1")}
            {...inputProps}
          />
          {addon}
        </div>
      ) : (
        <input
          id={inputId}
          type={type}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className={inputClassName}
          {...inputProps}
        />
      )}
      {error ? <FieldErrorText id={errorId}>{error}</FieldErrorText> : null}
    </div>
  );
}
