import Link from "next/link";
import { useTranslations } from "next-intl";
import { CheckboxField, type CheckboxFieldProps } from "./checkbox-field";

const linkClass = "text-brand-700 underline hover:text-brand-900";

export type AcceptTermsFieldProps = Omit<CheckboxFieldProps, "label" | "hint" | "required">;

/** The required "accept the terms" checkbox, its label linking to the terms and the privacy notice. */
export function AcceptTermsField(props: AcceptTermsFieldProps) {
  const t = useTranslations("auth.register");
  const tCommon = useTranslations("common");
  return (
    <CheckboxField
      label={t.rich("acceptTerms", {
        // A new tab, so reading the texts does not discard what was typed here.
        terms: (chunks) => (
          <Link href="/terms" target="_blank" rel="noopener" className={linkClass}>
            {chunks}
            <span className="sr-only"> {tCommon("opensInNewTab")}</span>
          </Link>
        ),
        link: (chunks) => (
          <Link href="/privacy" target="_blank" rel="noopener" className={linkClass}>
            {chunks}
            <span className="sr-only"> {tCommon("opensInNewTab")}</span>
          </Link>
        ),
      })}
      required
      {...props}
    />
  );
}
