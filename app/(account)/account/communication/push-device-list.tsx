"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { FormError } from "@/components/forms/form-error";
import { useFailureMessage } from "@/components/forms/use-failure-message";
import { Button } from "@/components/ui/button";
import { subscribePushAction } from "@/lib/actions/push";
import type { ActionResult } from "@/lib/errors";
import { PushDeviceItem, type PushDeviceData } from "./push-device-item";

export type { PushDeviceData };

type Outcome = { tone: "success" | "error"; message: string };
export type ReportResult = <T>(result: ActionResult<T>, success: (data: T) => string) => boolean;

const WORKER_URL = "/sw.js";

function isPushSupported(): boolean {
  return "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
}

function base64UrlToBytes(value: string): Uint8Array<ArrayBuffer> {
  const base64 = value
    .replace(/-/g, "+")
    .replace(/_/g, "/")
    .padEnd(Math.ceil(value.length / 4) * 4, "=");
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

/** The same fingerprint the server computes (lib/server/push/endpoint-policy.ts). */
async function fingerprintOf(endpoint: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(endpoint));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0"))
    .join("")
    .slice(0, 32);
}

async function browserSubscription(): Promise<PushSubscription | null> {
  const registration = await navigator.serviceWorker.getRegistration("/");
  return (await registration?.pushManager.getSubscription()) ?? null;
}

async function subscribeThisBrowser(applicationServerKey: string): Promise<PushSubscription> {
  const registration = await navigator.serviceWorker.register(WORKER_URL, { scope: "/" });
  await navigator.serviceWorker.ready;
  const options = { userVisibleOnly: true, applicationServerKey: base64UrlToBytes(applicationServerKey) };
  try {
    return await registration.pushManager.subscribe(options);
  } catch (error) {
    // Subscribed earlier with another server key (the VAPID pair was replaced): start over.
    if (!(error instanceof DOMException && error.name === "InvalidStateError")) throw error;
    await (await registration.pushManager.getSubscription())?.unsubscribe();
    return registration.pushManager.subscribe(options);
  }
}

function toInput(subscription: PushSubscription) {
  const json = subscription.toJSON();
  return {
    endpoint: json.endpoint ?? subscription.endpoint,
    expirationTime: json.expirationTime ?? null,
    keys: { p256dh: json.keys?.p256dh ?? "", auth: json.keys?.auth ?? "" },
  };
}

type Props = {
  items: PushDeviceData[];
  applicationServerKey: string;
  hasMarketingConsent: boolean;
  /** False while the address is unproven: the card shows the reason instead (decision 0018). */
  canEnable: boolean;
};

/**
 * "Enable push on this device" and the list of devices. Results are announced in one polite live
 * region (successes) or as an alert (failures).
 */
export function PushDeviceList({ items, applicationServerKey, hasMarketingConsent, canEnable }: Props) {
  const t = useTranslations("account.communication.push");
  const describe = useFailureMessage();
  const router = useRouter();
  const [support, setSupport] = useState<"checking" | "supported" | "unsupported">("checking");
  const [current, setCurrent] = useState<string | null>(null);
  const [enabling, setEnabling] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();

  useEffect(() => {
    let cancelled = false;
    async function detect() {
      if (!isPushSupported()) return setSupport("unsupported");
      setSupport("supported");
      const subscription = await browserSubscription();
      const fingerprint = subscription ? await fingerprintOf(subscription.endpoint) : null;
      if (!cancelled) setCurrent(fingerprint);
    }
    detect().catch(() => setSupport("unsupported"));
    return () => {
      cancelled = true;
    };
  }, []);

  const report: ReportResult = (result, success) => {
    if (result.ok) {
      setOutcome({ tone: "success", message: success(result.data) });
      router.refresh();
      return true;
    }
    setOutcome({ tone: "error", message: describe(result) });
    return false;
  };

  async function enable() {
    setEnabling(true);
    setOutcome(undefined);
    try {
      if ((await Notification.requestPermission()) !== "granted") {
        setOutcome({ tone: "error", message: t("permissionDenied") });
        return;
      }
      let subscription = await subscribeThisBrowser(applicationServerKey);
      let result = await subscribePushAction(toInput(subscription));
      if (!result.ok && result.code === "FORBIDDEN") {
        // Another account enabled push in this browser before: take a fresh subscription.
        await subscription.unsubscribe();
        subscription = await subscribeThisBrowser(applicationServerKey);
        result = await subscribePushAction(toInput(subscription));
      }
      if (report(result, () => t("enabled"))) setCurrent(await fingerprintOf(subscription.endpoint));
    } catch {
      setOutcome({ tone: "error", message: t("enableFailed") });
    } finally {
      setEnabling(false);
    }
  }

  async function forgetThisBrowser() {
    await (await browserSubscription())?.unsubscribe();
    setCurrent(null);
  }

  const isActiveHere = current !== null && items.some((item) => item.fingerprint === current);

  return (
    <div className="flex flex-col gap-4">
      <p role="status" className="text-sm font-medium text-green-800 empty:hidden">
        {outcome?.tone === "success" ? outcome.message : ""}
      </p>
      <FormError message={outcome?.tone === "error" ? outcome.message : null} />
      {support === "unsupported" ? <p className="text-sm text-slate-700">{t("unsupported")}</p> : null}
      {support === "supported" && isActiveHere ? (
        <p className="text-sm text-slate-700">{t("activeHere")}</p>
      ) : null}
      {support === "supported" && !isActiveHere && canEnable ? (
        <Button
          className="self-start"
          onClick={() => void enable()}
          disabled={enabling}
          aria-busy={enabling || undefined}
        >
          {enabling ? t("enabling") : t("enable")}
        </Button>
      ) : null}
      <h3 className="text-base font-semibold text-slate-900">{t("devices")}</h3>
      {items.length === 0 ? (
        <p className="text-sm text-slate-600">{t("empty")}</p>
      ) : (
        <ul className="divide-y divide-slate-200" aria-label={t("devices")}>
          {items.map((item) => (
            <PushDeviceItem
              key={item.id}
              item={item}
              isCurrent={item.fingerprint === current}
              hasMarketingConsent={hasMarketingConsent}
              onResult={report}
              onRemoveCurrent={forgetThisBrowser}
            />
          ))}
        </ul>
      )}
    </div>
  );
}
