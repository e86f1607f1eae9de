import clsx from "clsx";
import { useId, type ComponentPropsWithRef, type ReactNode } from "react";
import { describeField, FieldErrorText, FieldHint, RequiredMarker } from "./field-parts";

export type CheckboxFieldProps = Omit<
  ComponentPropsWithRef<"input">,
  "type" | "aria-describedby" | "aria-invalid" | "children"
> & {
  /** May contain a link (e.g. to the privacy notice). */
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
};

/** A checkbox with its label to the right; works with `{...register("name")}`. */
export function CheckboxField({
  label,
  hint,
  error,
  id,
  required,
  className,
  ...inputProps
}: CheckboxFieldProps) {
  const generatedId = useId();
  const inputId = id ?? generatedId;
  const { hintId, errorId, describedBy } = describeField(inputId, hint, error);

  return (
    <div className={clsx("flex items-start gap-3", className)}>
      {/* The wrapper keeps the 20 px box aligned with the first line of the label. */}
      <div className="flex h-6 items-center">
        <input
          id={inputId}
          type="checkbox"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className="size-5 rounded border-slate-500 accent-brand-700"
          {...inputProps}
        />
      </div>
      <div className="flex flex-col gap-1 text-sm">
        <label htmlFor={inputId} className="leading-6 text-slate-900">
          {label}
          {required ? <RequiredMarker /> : null}
        </label>
        {hint ? <FieldHint id={hintId}>{hint}</FieldHint> : null}
        {error ? <FieldErrorText id={errorId}>{error}</FieldErrorText> : null}
      </div>
    </div>
  );
}
