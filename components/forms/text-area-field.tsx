import clsx from "clsx";
import { useId, type ComponentPropsWithRef, type ReactNode } from "react";
import {
  describeField,
  FieldErrorText,
  FieldHint,
  FieldLabel,
  inputClassName,
} from "@/components/forms/field-parts";

type TextAreaFieldProps = Omit<
  ComponentPropsWithRef<"textarea">,
  "aria-describedby" | "aria-invalid" | "children"
> & {
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
};

/** TextField's multi-line sibling (same label, hint and error wiring) for consent texts. */
export function TextAreaField({
  label,
  hint,
  error,
  id,
  required,
  className,
  rows = 5,
  ...props
}: TextAreaFieldProps) {
  const generatedId = useId();
  const inputId = id ?? generatedId;
  const { hintId, errorId, describedBy } = describeField(inputId, hint, error);
  return (
    <div className={clsx("flex flex-col gap-1.5", className)}>
      <FieldLabel htmlFor={inputId} required={required}>
        {label}
      </FieldLabel>
      {hint ? <FieldHint id={hintId}>{hint}</FieldHint> : null}
      <textarea
        id={inputId}
        rows={rows}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={inputClassName}
        {...props}
      />
      {error ? <FieldErrorText id={errorId}>{error}</FieldErrorText> : null}
    </div>
  );
}
