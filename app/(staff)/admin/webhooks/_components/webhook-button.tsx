"use client";

import { useState, useTransition } from "react";
import { useFailureMessage } from "@/components/forms/use-failure-message";
import { Button } from "@/components/ui/button";
import { disableWebhookAction, resendWebhookDeliveryAction } from "@/lib/actions/webhooks";

const ACTIONS = { disable: disableWebhookAction, resend: resendWebhookDeliveryAction };

/** "Abschalten" for an endpoint, "Erneut senden" for a delivery; the page re-renders after it. */
export function WebhookButton({
  action,
  id,
  label,
  accessibleLabel,
}: {
  action: keyof typeof ACTIONS;
  id: string;
  label: string;
  accessibleLabel: string;
}) {
  const describe = useFailureMessage();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string>();
  return (
    <div className="flex flex-col gap-1">
      <Button
        type="button"
        variant={action === "disable" ? "danger" : "secondary"}
        size="sm"
        disabled={pending}
        aria-label={accessibleLabel}
        onClick={() =>
          startTransition(async () => {
            setError(undefined);
            const result = await ACTIONS[action]({ id });
            if (!result.ok) setError(describe(result));
          })
        }
      >
        {label}
      </Button>
      {error ? (
        <p role="alert" className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
