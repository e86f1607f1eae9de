import "server-only";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { requireUser } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { DATE_TIME_SHORT } from "@/lib/i18n/formats";
import { hasMarketingPushConsent } from "@/lib/server/push/push-consent";
import { listPushDevices } from "@/lib/server/push/push-subscriptions";
import { ProvenAddressNotice } from "../proven-address-notice";
import { PushDeviceList, type PushDeviceData } from "./push-device-list";

/**
 * The "Push notifications" card of /account/communication: this browser's "enable push", the
 * customer's devices with push, per device what it receives, a test notification and removal.
 * Loads its own data, so the page only renders <PushDevices />.
 */
export async function PushDevices() {
  const user = await requireUser({ returnTo: "/account/communication" });
  const t = await getTranslations("account.communication.push");
  const config = getEnv().push;
  if (!config) {
    return (
      <Card title={t("title")} description={t("description")}>
        <Notice tone="info">{t("unavailable")}</Notice>
      </Card>
    );
  }
  const [format, devices, hasMarketingConsent] = await Promise.all([
    getFormatter(),
    listPushDevices(user.id),
    hasMarketingPushConsent(user.id),
  ]);
  const when = (date: Date) => format.dateTime(date, DATE_TIME_SHORT);
  // Formatted here so the client part receives plain strings in the page's language.
  const items: PushDeviceData[] = devices.map((d) => ({
    id: d.id,
    fingerprint: d.fingerprint,
    name:
      d.browser && d.os
        ? t("deviceName", { browser: d.browser, os: d.os })
        : (d.browser ?? d.os ?? t("unknownDevice")),
    added: t("added", { time: when(d.createdAt) }),
    lastUsed: d.lastUsedAt ? t("lastUsed", { time: when(d.lastUsedAt) }) : t("neverUsed"),
    allowsTransactional: d.allowsTransactional,
    allowsMarketing: d.allowsMarketing,
  }));
  return (
    <div id="push">
      <Card title={t("title")} description={t("description")}>
        {/* A device that receives security notices needs a proven address (decision 0018). */}
        {user.emailVerified ? null : (
          <div className="mb-4">
            <ProvenAddressNotice feature="push" />
          </div>
        )}
        <PushDeviceList
          items={items}
          applicationServerKey={config.publicKey}
          hasMarketingConsent={hasMarketingConsent}
          canEnable={user.emailVerified}
        />
      </Card>
    </div>
  );
}
