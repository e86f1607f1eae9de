"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useFailureMessage } from "@/components/forms/use-failure-message";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { requestSignInUnlockAction } from "@/lib/actions/auth";

/**
 * Under a throttled sign-in: the owner may ask for an emailed link that lets this browser sign in
 * past the account throttle (docs/decisions/0022). The answer is the same for every address.
 */
export function UnlockOffer({ email }: { email: string }) {
  const t = useTranslations("auth.login");
  const describe = useFailureMessage();
  const [status, setStatus] = useState<{ tone: "success" | "error"; text: string }>();
  const [isSending, setIsSending] = useState(false);

  async function send() {
    setIsSending(true);
    setStatus(undefined);
    const result = await requestSignInUnlockAction({ email }).catch(() => null);
    setIsSending(false);
    if (result?.ok) setStatus({ tone: "success", text: t("unlockSent") });
    else setStatus({ tone: "error", text: describe(result ?? { ok: false, code: "INTERNAL" }) });
  }

  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm text-slate-700">{t("unlockOffer")}</p>
      <Button variant="secondary" onClick={send} disabled={isSending} className="self-start">
        {t("unlockButton")}
      </Button>
      {status ? <Notice tone={status.tone}>{status.text}</Notice> : null}
    </div>
  );
}
