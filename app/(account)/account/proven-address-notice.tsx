import "server-only";
import { getTranslations } from "next-intl/server";
import { Notice } from "@/components/ui/notice";

export type ProvenAddressFeature =
  "passkeys" | "authenticator" | "socialConnect" | "password" | "push" | "bankAccount";

/**
 * Shown instead of a button that would add a credential, factor, identity, device or bank
 * account while the address is unproven (docs/decisions/0018): the reason, not a dead button.
 * The banner above every account page offers to send the link again.
 */
export async function ProvenAddressNotice({ feature }: { feature: ProvenAddressFeature }) {
  const t = await getTranslations("account.provenAddress");
  return (
    <Notice tone="warning">
      <p>{t(feature)}</p>
      <p className="mt-1">{t("why")}</p>
    </Notice>
  );
}
