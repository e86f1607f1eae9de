"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { useFailureMessage } from "@/components/forms/use-failure-message";
import { revokeApiKeyAction } from "@/lib/actions/api-keys";

/** "Widerrufen": stops the key at once; the list re-renders with its new status. */
export function RevokeApiKeyButton({ id, name }: { id: string; name: string }) {
  const t = useTranslations("staff.admin.apiKeys");
  const describe = useFailureMessage();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string>();
  return (
    <div className="flex flex-col gap-1">
      <Button
        type="button"
        variant="danger"
        size="sm"
        disabled={pending}
        aria-label={t("revokeLabel", { name })}
        onClick={() =>
          startTransition(async () => {
            setError(undefined);
            const result = await revokeApiKeyAction({ id });
            if (!result.ok) setError(describe(result));
          })
        }
      >
        {t("revoke")}
      </Button>
      {error ? (
        <p role="alert" className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
