import { getTranslations } from "next-intl/server";
import { Notice } from "@/components/ui/notice";
import { getCurrentUser } from "@/lib/auth/session";
import { ResendVerificationButton } from "./resend-verification-button";

/** Reminds a signed-in customer with an unconfirmed address to confirm it (display only). */
export async function VerificationBanner() {
  const user = await getCurrentUser();
  if (!user || user.emailVerified) return null;
  const t = await getTranslations("account.banner");
  return (
    <Notice tone="warning" title={t("unverifiedTitle")} className="mb-6">
      <p>{t("unverifiedText")}</p>
      <ResendVerificationButton />
    </Notice>
  );
}
