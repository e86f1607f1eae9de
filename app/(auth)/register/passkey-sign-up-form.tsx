"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { startRegistration } from "@/components/forms/webauthn-browser";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import { useForm } from "react-hook-form";
import { AcceptTermsField } from "@/components/forms/accept-terms-field";
import { EmailField } from "@/components/forms/email-field";
import { FormError } from "@/components/forms/form-error";
import { SubmitButton } from "@/components/forms/submit-button";
import { Button } from "@/components/ui/button";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { useValidationMessage } from "@/components/forms/use-validation-message";
import { passkeyErrorKey } from "@/components/forms/passkey-errors";
import { finishPasskeySignUpAction, startPasskeySignUpAction } from "@/lib/actions/passkeys";
import { PasskeySignUpSchema, type PasskeySignUp, type PasskeySignUpInput } from "@/lib/schemas/passkeys";

/**
 * Passkey-only sign-up: address and terms, then the browser creates a passkey. Whatever the
 * address, the result is the "check your mail" page, exactly as for a password registration.
 */
export function PasskeySignUpForm() {
  const t = useTranslations("passkeys");
  const validationMessage = useValidationMessage();
  const router = useRouter();
  const headingId = useId();
  const formId = useId();
  // Collapsed at first: one address field on the page until the person picks this way.
  const [isOpen, setIsOpen] = useState(false);
  const [ceremonyError, setCeremonyError] = useState<string>();
  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<PasskeySignUpInput, unknown, PasskeySignUp>({
    resolver: zodResolver(PasskeySignUpSchema),
    defaultValues: { email: "", acceptTerms: false },
  });
  const { formError, run } = useActionSubmit(setError);

  useEffect(() => {
    if (isOpen) setFocus("email");
  }, [isOpen, setFocus]);

  const onSubmit = handleSubmit(async (values) => {
    setCeremonyError(undefined);
    const started = await run(() => startPasskeySignUpAction(values));
    if (!started.ok) return;
    try {
      const response = await startRegistration({ optionsJSON: started.data.options });
      const finished = await run(() =>
        finishPasskeySignUpAction({ pendingToken: started.data.pendingToken, response }),
      );
      if (finished.ok) router.replace(finished.data.redirectTo);
    } catch (caught) {
      const key = passkeyErrorKey(caught);
      if (key) setCeremonyError(t(key));
    }
  });

  return (
    <section aria-labelledby={headingId} className="mt-6 border-t border-slate-200 pt-6">
      <h2 id={headingId} className="text-lg font-semibold text-slate-900">
        {t("signUp.title")}
      </h2>
      <p className="mt-1 mb-4 text-sm text-slate-600">{t("signUp.description")}</p>
      {isOpen ? null : (
        <Button
          variant="secondary"
          className="w-full"
          aria-expanded={false}
          aria-controls={formId}
          onClick={() => setIsOpen(true)}
        >
          {t("signUp.start")}
        </Button>
      )}
      <form
        id={formId}
        hidden={!isOpen}
        method="post"
        noValidate
        onSubmit={onSubmit}
        className="flex flex-col gap-5"
      >
        <FormError message={formError ?? ceremonyError} />
        {isOpen ? (
          <>
            <EmailField
              label={t("signUp.email")}
              hint={t("signUp.emailHint")}
              required
              error={validationMessage(errors.email?.message)}
              {...register("email")}
            />
            <AcceptTermsField
              error={validationMessage(errors.acceptTerms?.message)}
              {...register("acceptTerms")}
            />
            <SubmitButton
              variant="secondary"
              pending={isSubmitting}
              pendingLabel={t("signUp.pending")}
              className="w-full"
            >
              {t("signUp.submit")}
            </SubmitButton>
          </>
        ) : null}
      </form>
    </section>
  );
}
