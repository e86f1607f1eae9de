"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { FormError } from "@/components/forms/form-error";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { useToast } from "@/components/ui/toaster";
import { answerReConsentAction } from "@/lib/actions/consent";
import { ReConsentAnswerSchema, type ReConsentAnswerInput } from "@/lib/schemas/consent";

type Props = { purposeKey: string; version: number; title: string };

/** "Zustimmen" / "Ablehnen": two submit buttons of one form, each sending its answer. */
export function ReConsentAnswer({ purposeKey, version, title }: Props) {
  const t = useTranslations("consent.prompt");
  const toast = useToast();
  const router = useRouter();
  const {
    handleSubmit,
    setError,
    setValue,
    formState: { isSubmitting },
  } = useForm<ReConsentAnswerInput>({
    resolver: zodResolver(ReConsentAnswerSchema),
    defaultValues: { purposeKey, version },
  });
  const { formError, run } = useActionSubmit(setError);
  const submit = (answer: ReConsentAnswerInput["answer"]) => {
    setValue("answer", answer);
    return handleSubmit(async (values) => {
      const result = await run(() => answerReConsentAction(values));
      if (!result.ok) return;
      toast.show({
        tone: "success",
        message: answer === "accept" ? t("accepted", { title }) : t("declined", { title }),
      });
      router.refresh();
    })();
  };

  return (
    <form
      method="post"
      noValidate
      onSubmit={(event) => event.preventDefault()}
      className="mt-3 flex flex-col gap-3"
    >
      <FormError message={formError} />
      <div className="flex flex-wrap gap-3">
        <SubmitButton size="sm" pending={isSubmitting} onClick={() => void submit("accept")}>
          {t("accept")}
        </SubmitButton>
        <SubmitButton
          size="sm"
          variant="secondary"
          pending={isSubmitting}
          onClick={() => void submit("decline")}
        >
          {t("decline")}
        </SubmitButton>
      </div>
    </form>
  );
}
