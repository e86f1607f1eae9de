import "server-only";
import { getFormatter, getTranslations } from "next-intl/server";
import { SocialSignInButton } from "@/components/forms/social-sign-in-button";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FlashToast } from "@/components/ui/flash-toast";
import { startSocialConnectAction, unlinkSocialIdentityAction } from "@/lib/actions/social";
import { getEnv } from "@/lib/env";
import { listSocialIdentities } from "@/lib/server/identity/social-identities";
import { DATE_TIME_SHORT } from "@/lib/i18n/formats";
import { ProvenAddressNotice } from "../proven-address-notice";

/**
 * Outcomes reported back through /account/security?social=… (see lib/actions/social.ts), told by
 * the toaster (docs/decisions/0054).
 */
const NOTICES = {
  linked: { key: "linked", tone: "success" },
  removed: { key: "removed", tone: "success" },
  "in-use": { key: "inUse", tone: "error" },
  "last-method": { key: "lastMethod", tone: "error" },
  "not-found": { key: "notFound", tone: "error" },
} as const;

/**
 * "Linked accounts": the user's social identities with "Remove" (refused for the last way to
 * sign in) and "Connect …" for each configured provider not linked yet (once the address is
 * proven, decision 0018).
 */
export async function LinkedAccounts({
  userId,
  notice,
  canConnect,
}: {
  userId: string;
  notice?: string | string[];
  canConnect: boolean;
}) {
  const [t, tSocial, format, identities] = await Promise.all([
    getTranslations("social.linked"),
    getTranslations("social"),
    getFormatter(),
    listSocialIdentities(userId),
  ]);
  const linked = new Set(identities.map((i) => i.provider));
  const connectable = getEnv().oidcProviders.filter((p) => !linked.has(p.key));
  const shown =
    typeof notice === "string" && Object.hasOwn(NOTICES, notice)
      ? NOTICES[notice as keyof typeof NOTICES]
      : null;
  const flash = (
    <FlashToast
      params={["social"]}
      flash={shown ? { tone: shown.tone, message: t(`notices.${shown.key}`) } : null}
    />
  );
  if (identities.length === 0 && connectable.length === 0) return flash;
  const when = (date: Date) => format.dateTime(date, DATE_TIME_SHORT);

  return (
    <div id="linked-accounts">
      <Card title={t("title")} description={t("description")}>
        <div className="flex flex-col gap-4">
          {flash}
          {identities.length === 0 ? (
            <p className="text-sm text-slate-600">{t("empty")}</p>
          ) : (
            <ul className="divide-y divide-slate-200" aria-label={t("title")}>
              {identities.map((identity) => (
                <li key={identity.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                  <div>
                    <p className="font-medium text-slate-900">
                      {identity.providerName}
                      {identity.email ? (
                        <span className="font-normal text-slate-600"> · {identity.email}</span>
                      ) : null}
                    </p>
                    <p className="text-sm text-slate-600">
                      {t("linkedAt", { time: when(identity.linkedAt) })} ·{" "}
                      {identity.lastUsedAt
                        ? t("lastUsed", { time: when(identity.lastUsedAt) })
                        : t("neverUsed")}
                    </p>
                  </div>
                  <form action={unlinkSocialIdentityAction}>
                    <input type="hidden" name="identityId" value={identity.id} />
                    <Button
                      type="submit"
                      variant="danger"
                      size="sm"
                      aria-label={`${t("remove")}: ${identity.providerName}`}
                    >
                      {t("remove")}
                    </Button>
                  </form>
                </li>
              ))}
            </ul>
          )}
          {/* Also where the provider callback sends a refused connect (?social=address-unproven). */}
          {connectable.length > 0 && !canConnect ? <ProvenAddressNotice feature="socialConnect" /> : null}
          {connectable.length > 0 && canConnect ? (
            <div className="flex flex-col gap-3">
              <p className="text-sm text-slate-600">{t("connectHint")}</p>
              {connectable.map(({ key, name }) => (
                <SocialSignInButton
                  key={key}
                  provider={key}
                  label={t("connect", { provider: name })}
                  pendingLabel={tSocial("redirecting", { name })}
                  failedMessage={tSocial("startFailed", { name })}
                  callbackUrl="/account/security"
                  prepare={startSocialConnectAction.bind(null, key)}
                />
              ))}
            </div>
          ) : null}
        </div>
      </Card>
    </div>
  );
}
