"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { CheckboxField } from "@/components/forms/checkbox-field";
import { Button } from "@/components/ui/button";
import {
  removePushSubscriptionAction,
  sendTestPushAction,
  updatePushPreferencesAction,
} from "@/lib/actions/push";
import type { ActionResult } from "@/lib/errors";

export type PushDeviceData = {
  id: string;
  fingerprint: string;
  name: string;
  added: string;
  lastUsed: string;
  allowsTransactional: boolean;
  allowsMarketing: boolean;
};

type Props = {
  item: PushDeviceData;
  isCurrent: boolean;
  hasMarketingConsent: boolean;
  onResult: <T>(result: ActionResult<T>, success: (data: T) => string) => boolean;
  onRemoveCurrent: () => Promise<void>;
};

/** One device: what it receives (security notices, offers), "Send a test notification", "Remove". */
export function PushDeviceItem({ item, isCurrent, hasMarketingConsent, onResult, onRemoveCurrent }: Props) {
  const t = useTranslations("account.communication.push");
  const [pending, setPending] = useState<"test" | "remove" | "preferences" | null>(null);
  const [preferences, setPreferences] = useState({
    allowsTransactional: item.allowsTransactional,
    allowsMarketing: item.allowsMarketing,
  });
  const device = item.name;

  async function sendTest() {
    setPending("test");
    const result = await sendTestPushAction({ subscriptionId: item.id });
    onResult(result, ({ outcome }) =>
      outcome === "delivered"
        ? t("testSent", { device })
        : outcome === "expired"
          ? t("testExpired", { device })
          : t("testFailed", { device }),
    );
    setPending(null);
  }

  async function remove() {
    setPending("remove");
    const result = await removePushSubscriptionAction({ subscriptionId: item.id });
    if (result.ok && isCurrent) await onRemoveCurrent().catch(() => undefined);
    onResult(result, () => t("removed", { device }));
    setPending(null);
  }

  async function change(next: typeof preferences) {
    const previous = preferences;
    setPreferences(next);
    setPending("preferences");
    const saved = onResult(await updatePushPreferencesAction({ subscriptionId: item.id, ...next }), () =>
      t("preferencesSaved", { device }),
    );
    if (!saved) setPreferences(previous);
    setPending(null);
  }

  // Offers stay switchable off after a withdrawn consent, but not on without one.
  const marketingLocked = !hasMarketingConsent && !preferences.allowsMarketing;

  return (
    <li className="flex flex-col gap-3 py-4">
      <div>
        <p className="font-medium text-slate-900">
          {device}
          {isCurrent ? (
            <span className="ml-2 rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-900">
              {t("thisDevice")}
            </span>
          ) : null}
        </p>
        <p className="text-sm text-slate-600">
          {item.added} · {item.lastUsed}
        </p>
      </div>
      <fieldset className="flex flex-col gap-3">
        <legend className="sr-only">{device}</legend>
        <CheckboxField
          label={t("transactional")}
          hint={t("transactionalHint")}
          checked={preferences.allowsTransactional}
          disabled={pending !== null}
          onChange={(event) => void change({ ...preferences, allowsTransactional: event.target.checked })}
        />
        <CheckboxField
          label={t("marketing")}
          hint={
            hasMarketingConsent ? (
              t("marketingHint")
            ) : (
              <>
                {t("marketingNeedsConsent")}{" "}
                <Link href="/account/privacy" className="text-brand-700 underline">
                  {t("consentLink")}
                </Link>
              </>
            )
          }
          checked={preferences.allowsMarketing}
          disabled={pending !== null || marketingLocked}
          onChange={(event) => void change({ ...preferences, allowsMarketing: event.target.checked })}
        />
      </fieldset>
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          size="sm"
          onClick={() => void sendTest()}
          disabled={pending !== null}
          aria-busy={pending === "test" || undefined}
          aria-label={`${t("sendTest")}: ${device}`}
        >
          {pending === "test" ? t("sending") : t("sendTest")}
        </Button>
        <Button
          variant="danger"
          size="sm"
          onClick={() => void remove()}
          disabled={pending !== null}
          aria-label={`${t("remove")}: ${device}`}
        >
          {t("remove")}
        </Button>
      </div>
    </li>
  );
}
