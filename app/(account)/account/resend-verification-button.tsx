"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { useFailureMessage } from "@/components/forms/use-failure-message";
import { Button } from "@/components/ui/button";
import { resendVerificationAction } from "@/lib/actions/account-security";

export function ResendVerificationButton() {
  const t = useTranslations("account.banner");
  const describe = useFailureMessage();
  const [message, setMessage] = useState<string>();
  const [pending, startTransition] = useTransition();
  return (
    <div className="mt-3 flex flex-wrap items-center gap-3">
      <Button
        variant="secondary"
        size="sm"
        disabled={pending}
        aria-busy={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await resendVerificationAction();
            setMessage(result.ok ? t("resent") : describe(result));
          })
        }
      >
        {t("resend")}
      </Button>
      <p role="status" className="text-sm">
        {message}
      </p>
    </div>
  );
}
