"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { FormError } from "@/components/forms/form-error";
import { SubmitButton } from "@/components/forms/submit-button";
import { PasswordField } from "@/components/forms/password-field";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { useValidationMessage } from "@/components/forms/use-validation-message";
import { linkSocialAccountAction } from "@/lib/actions/social";
import { SocialLinkSchema, type SocialLinkInput } from "@/lib/schemas/social";

export function SocialLinkForm({ token }: { token: string }) {
  const t = useTranslations("social.link");
  const tForms = useTranslations("forms");
  const validationMessage = useValidationMessage();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<SocialLinkInput>({
    resolver: zodResolver(SocialLinkSchema),
    defaultValues: { token, password: "" },
  });
  const { formError, run } = useActionSubmit(setError);
  // Success redirects on the server (to /account), so only failures come back here.
  const onSubmit = handleSubmit(async (values) => {
    await run(() => linkSocialAccountAction(values));
  });

  // method="post": a submit before hydration must never put the password into the URL.
  return (
    <form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
      <p className="text-sm text-slate-600">{tForms("requiredNote")}</p>
      <FormError message={formError} />
      <PasswordField
        purpose="current"
        label={t("password")}
        error={validationMessage(errors.password?.message)}
        {...register("password")}
      />
      <input type="hidden" {...register("token")} />
      <SubmitButton pending={isSubmitting} className="w-full">
        {t("submit")}
      </SubmitButton>
    </form>
  );
}
