import { useTranslations } from "next-intl";
import type { ReactNode } from "react";

// Building blocks shared by text, select and checkbox fields so that labels, hints, errors and
// their ARIA wiring look and behave the same everywhere.

export const inputClassName =
  "block w-full rounded-lg border border-slate-500 bg-white px-3 py-2.5 text-base text-slate-900 shadow-sm placeholder:text-slate-500 disabled:cursor-not-allowed disabled:bg-slate-100 aria-[invalid=true]:border-red-700 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-red-700";

/** Ids for hint and error and the matching aria-describedby value (hint first, then error). */
export function describeField(fieldId: string, hint: ReactNode, error: string | undefined) {
  const hintId = hint ? `${fieldId}-hint` : undefined;
  const errorId = error ? `${fieldId}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return { hintId, errorId, describedBy };
}

/** A visible asterisk for sighted users and a spoken "required" for screen readers. */
export function RequiredMarker() {
  const t = useTranslations("forms");
  return (
    <>
      <span aria-hidden="true" className="ml-0.5 text-red-700">
        *
      </span>
      <span className="sr-only"> ({t("required")})</span>
    </>
  );
}

export function FieldLabel({
  htmlFor,
  required,
  children,
}: {
  htmlFor: string;
  required?: boolean;
  children: ReactNode;
}) {
  return (
    <label htmlFor={htmlFor} className="block text-sm font-medium text-slate-900">
      {children}
      {required ? <RequiredMarker /> : null}
    </label>
  );
}

export function FieldHint({ id, children }: { id: string | undefined; children: ReactNode }) {
  return (
    <p id={id} className="text-sm text-slate-600">
      {children}
    </p>
  );
}

export function FieldErrorText({ id, children }: { id: string | undefined; children: ReactNode }) {
  return (
    <p id={id} className="text-sm font-medium text-red-700">
      {children}
    </p>
  );
}
