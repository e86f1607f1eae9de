import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { StepUpProvider } from "@/app/_components/step-up/step-up-context";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePermission } from "@/lib/auth/permissions";
import { DATE_TIME_SHORT } from "@/lib/i18n/formats";
import { listApiKeys, type ApiKeySummary } from "@/lib/server/api/keys";
import { CreateApiKeyForm } from "./_components/create-api-key-form";
import { RevokeApiKeyButton } from "./_components/revoke-api-key-button";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("staff.admin.apiKeys");
  return { title: t("title") };
}

function statusOf(key: ApiKeySummary, now: Date): "active" | "expired" | "revoked" {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && key.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}

/** /admin/api-keys: create keys with scopes and expiry (shown once), see last use, revoke (0045). */
export default async function ApiKeysPage() {
  await requirePermission("api_keys:manage", { returnTo: "/admin/api-keys" });
  const [t, format, keys] = await Promise.all([
    getTranslations("staff.admin.apiKeys"),
    getFormatter(),
    listApiKeys(),
  ]);
  const now = new Date();
  const when = (date: Date | null) => (date ? format.dateTime(date, DATE_TIME_SHORT) : t("never"));
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <p className="mb-6">
        <Link href="/api/v1/docs" className="text-brand-700 underline">
          {t("docsLink")}
        </Link>
      </p>
      <div className="flex flex-col gap-8">
        <Card>
          <h2 className="mb-4 text-lg font-semibold">{t("createTitle")}</h2>
          <StepUpProvider>
            <CreateApiKeyForm />
          </StepUpProvider>
        </Card>
        <section aria-labelledby="api-keys-title">
          <h2 id="api-keys-title" className="mb-3 text-lg font-semibold">
            {t("listTitle")}
          </h2>
          {keys.length === 0 ? (
            <p>{t("empty")}</p>
          ) : (
            <div
              role="region"
              aria-label={t("tableCaption")}
              tabIndex={0}
              className="overflow-x-auto rounded-lg border border-slate-200 bg-white"
            >
              <table className="w-full text-left text-sm">
                <caption className="sr-only">{t("tableCaption")}</caption>
                <thead className="bg-slate-50">
                  <tr>
                    {(["name", "prefix", "scopes", "expires", "lastUsed", "status", "actions"] as const).map(
                      (column) => (
                        <th key={column} scope="col" className="px-3 py-2 font-semibold">
                          {t(`columns.${column}`)}
                        </th>
                      ),
                    )}
                  </tr>
                </thead>
                <tbody>
                  {keys.map((key) => {
                    const status = statusOf(key, now);
                    return (
                      <tr key={key.id} className="border-t border-slate-200 align-top">
                        <th scope="row" className="px-3 py-2 font-medium break-words">
                          {key.name}
                        </th>
                        <td className="px-3 py-2 font-mono">{key.prefix}</td>
                        <td className="px-3 py-2 font-mono">{key.scopes.join(", ")}</td>
                        <td className="px-3 py-2">{when(key.expiresAt)}</td>
                        <td className="px-3 py-2">{when(key.lastUsedAt)}</td>
                        <td className="px-3 py-2">{t(`status.${status}`)}</td>
                        <td className="px-3 py-2">
                          {status === "revoked" ? null : <RevokeApiKeyButton id={key.id} name={key.name} />}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>
    </>
  );
}
