"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { CheckboxField } from "@/components/forms/checkbox-field";
import { FormError } from "@/components/forms/form-error";
import { SubmitButton } from "@/components/forms/submit-button";
import { EmailField } from "@/components/forms/email-field";
import { PasswordField } from "@/components/forms/password-field";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { useValidationMessage } from "@/components/forms/use-validation-message";
import { signInWithPassword } from "@/lib/actions/auth";
import type { Login, LoginInput } from "@/lib/schemas/auth";
import { loginResolver } from "./login-resolver";
import { UnlockOffer } from "./unlock-offer";
import { usePasskeyAutofill } from "./use-passkey-autofill";

/** `defaultEmail`: the address just confirmed on another device (decision 0056). */
export function LoginForm({
  callbackUrl,
  defaultEmail = "",
}: {
  callbackUrl?: string;
  defaultEmail?: string;
}) {
  const t = useTranslations("auth.login");
  const tForms = useTranslations("forms");
  const validationMessage = useValidationMessage();
  const router = useRouter();
  // The address a throttled sign-in was for: the unlock offer mails a link for it.
  const [throttledEmail, setThrottledEmail] = useState<string>();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<LoginInput, unknown, Login>({
    resolver: loginResolver,
    defaultValues: { email: defaultEmail, password: "", rememberMe: false, callbackUrl },
  });
  const { formError, run } = useActionSubmit(setError);
  const passkeyAutofill = usePasskeyAutofill(callbackUrl);

  const onSubmit = handleSubmit(async (values) => {
    // The password wins: end the pending passkey autofill request before signing in.
    passkeyAutofill.cancel();
    const result = await run(() => signInWithPassword(values));
    setThrottledEmail(!result.ok && result.code === "RATE_LIMITED" ? values.email : undefined);
    if (result.ok) router.replace(result.data.redirectTo);
  });

  // method="post": a submit before hydration must never put the password into the URL.
  return (
    <form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
      <p className="text-sm text-slate-600">{tForms("requiredNote")}</p>
      <FormError message={formError ?? passkeyAutofill.error} />
      {throttledEmail ? <UnlockOffer key={throttledEmail} email={throttledEmail} /> : null}
      <EmailField
        label={t("email")}
        autoComplete="username webauthn"
        required
        error={validationMessage(errors.email?.message)}
        {...register("email")}
      />
      <div className="flex flex-col gap-2">
        <PasswordField
          purpose="current"
          label={t("password")}
          error={validationMessage(errors.password?.message)}
          {...register("password")}
        />
        <Link
          href="/forgot-password"
          className="self-start text-sm font-medium text-brand-700 underline hover:text-brand-900"
        >
          {t("forgotPassword")}
        </Link>
      </div>
      <CheckboxField label={t("rememberMe")} hint={t("rememberMeHint")} {...register("rememberMe")} />
      <input type="hidden" {...register("callbackUrl")} />
      <SubmitButton pending={isSubmitting} className="w-full">
        {t("submit")}
      </SubmitButton>
    </form>
  );
}
