"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormError } from "@/components/forms/form-error";
import { useFailureMessage } from "@/components/forms/use-failure-message";
import { Button } from "@/components/ui/button";
import { declineShopApprovalAction } from "@/lib/actions/approvals";

/** Declining a shop approval: one deliberate click, no passkey (docs/decisions/0063). */
export function DeclineApproval({ approvalId }: { approvalId: string }) {
  const t = useTranslations("approvals.decline");
  const describe = useFailureMessage();
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();

  async function decline() {
    setPending(true);
    setError(undefined);
    try {
      const result = await declineShopApprovalAction({ approvalId });
      if (result.ok) router.refresh();
      else setError(describe(result));
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="flex flex-col gap-3 border-t border-slate-200 pt-4">
      <FormError message={error} />
      <p className="text-sm text-slate-700">{t("hint")}</p>
      <Button
        variant="secondary"
        className="self-start"
        onClick={() => void decline()}
        disabled={pending}
        aria-busy={pending || undefined}
      >
        {t("button")}
      </Button>
    </div>
  );
}
