"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { FormError } from "@/components/forms/form-error";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { buttonClassName } from "@/components/ui/button";
import { FlashToast } from "@/components/ui/flash-toast";
import { Notice } from "@/components/ui/notice";
import { requestDataExportAction, type PreparedExportView } from "@/lib/actions/privacy";
import { DATE_TIME_SHORT } from "@/lib/i18n/formats";

/**
 * Requests the export (the action asks for a step-up when the sign-in is not recent), shows
 * "wird vorbereitet …" while the server builds it, then the two single-use download links. Plain
 * links without `download`: the route answers with an attachment (the page stays), and a refused
 * link redirects back here (?export=link-invalid, told by the toaster) instead of saving that page
 * as a file.
 */
export function ExportRequest() {
  const t = useTranslations("account.privacy.export");
  const format = useFormatter();
  const linkInvalid = useSearchParams().get("export") === "link-invalid";
  const [prepared, setPrepared] = useState<PreparedExportView | null>(null);
  const {
    handleSubmit,
    setError,
    formState: { isSubmitting },
  } = useForm();
  const { formError, run } = useActionSubmit(setError);
  const onSubmit = handleSubmit(async () => {
    setPrepared(null);
    const result = await run(() => requestDataExportAction());
    if (result.ok) setPrepared(result.data);
  });

  return (
    <div className="flex flex-col gap-4">
      <FlashToast
        params={["export"]}
        flash={linkInvalid ? { tone: "error", message: t("linkInvalid") } : null}
      />
      <form method="post" noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
        <FormError message={formError} />
        <div>
          <SubmitButton pending={isSubmitting} pendingLabel={t("preparing")} variant="secondary">
            {t("submit")}
          </SubmitButton>
        </div>
      </form>
      {prepared ? (
        <Notice tone="success" title={t("readyTitle")}>
          <div className="flex flex-col gap-3">
            <p>{t("readyText", { time: format.dateTime(new Date(prepared.expiresAt), DATE_TIME_SHORT) })}</p>
            <div className="flex flex-wrap gap-3">
              <a href={prepared.links.json} className={buttonClassName({ size: "sm" })}>
                {t("downloadJson")}
              </a>
              <a href={prepared.links.html} className={buttonClassName({ size: "sm", variant: "secondary" })}>
                {t("downloadHtml")}
              </a>
            </div>
            <p className="break-all text-xs text-slate-700">{t("checksum", { sha256: prepared.sha256 })}</p>
          </div>
        </Notice>
      ) : null}
    </div>
  );
}
