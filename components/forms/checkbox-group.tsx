import { useId, type ReactNode } from "react";
import { FieldErrorText } from "./field-parts";

/** A labelled group of checkboxes (a fieldset with its legend) and one error for the group. */
export function CheckboxGroup({
  legend,
  error,
  children,
}: {
  legend: ReactNode;
  error?: string;
  children: ReactNode;
}) {
  const errorId = `${useId()}-error`;
  return (
    <fieldset className="flex flex-col gap-2" aria-describedby={error ? errorId : undefined}>
      <legend className="mb-1 text-sm font-medium text-slate-900">{legend}</legend>
      {children}
      {error ? <FieldErrorText id={errorId}>{error}</FieldErrorText> : null}
    </fieldset>
  );
}
