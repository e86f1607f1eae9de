import "server-only";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { listPasskeys } from "@/lib/server/passkeys/manage-passkeys";
import { DATE_TIME_SHORT } from "@/lib/i18n/formats";
import { ProvenAddressNotice } from "../proven-address-notice";
import { PasskeyList } from "./passkey-list";

/**
 * The "Passkeys" card: the customer's passkeys with rename/remove, and "Add a passkey" (or, while
 * the address is unproven, the reason there is none).
 */
export async function Passkeys({ userId, canAdd }: { userId: string; canAdd: boolean }) {
  const [t, format, passkeys] = await Promise.all([
    getTranslations("passkeys.manage"),
    getFormatter(),
    listPasskeys(userId),
  ]);
  const when = (date: Date) => format.dateTime(date, DATE_TIME_SHORT);
  // Formatted here so the client component receives plain strings in the page's language.
  const items = passkeys.map((p) => ({
    id: p.id,
    name: p.name,
    created: t("created", { time: when(p.createdAt) }),
    lastUsed: p.lastUsedAt ? t("lastUsed", { time: when(p.lastUsedAt) }) : t("neverUsed"),
    kind: p.isSynced ? t("synced") : t("deviceBound"),
  }));
  return (
    <div id="passkeys">
      <Card title={t("title")} description={t("description")}>
        <PasskeyList items={items} canAdd={canAdd} />
        {canAdd ? null : (
          <div className="mt-4">
            <ProvenAddressNotice feature="passkeys" />
          </div>
        )}
      </Card>
    </div>
  );
}
