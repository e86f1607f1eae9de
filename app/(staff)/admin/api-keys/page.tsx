import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { StepUpProvider } from "@/app/_components/step-up/step-up-context";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import {
  StackedBody,
  StackedCell,
  StackedHead,
  StackedRow,
  StackedRowHeader,
  StackedTable,
} from "@/components/ui/stacked-table";
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

const COLUMNS = ["name", "prefix", "scopes", "expires", "lastUsed", "status", "actions"] as const;

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
            <div className="rounded-lg border border-slate-200 bg-white px-3 sm:px-0">
              <StackedTable>
                <caption className="sr-only">{t("tableCaption")}</caption>
                <StackedHead className="bg-slate-50">
                  <tr>
                    {COLUMNS.map((column) => (
                      <th key={column} scope="col" className="px-3 py-2 font-semibold">
                        {t(`columns.${column}`)}
                      </th>
                    ))}
                  </tr>
                </StackedHead>
                <StackedBody>
                  {keys.map((key) => {
                    const status = statusOf(key, now);
                    return (
                      <StackedRow key={key.id} className="align-top">
                        <StackedRowHeader className="sm:px-3">{key.name}</StackedRowHeader>
                        <StackedCell label={t("columns.prefix")} className="font-mono sm:px-3">
                          {key.prefix}
                        </StackedCell>
                        <StackedCell label={t("columns.scopes")} className="font-mono sm:px-3">
                          {key.scopes.join(", ")}
                        </StackedCell>
                        <StackedCell label={t("columns.expires")} className="sm:px-3">
                          {when(key.expiresAt)}
                        </StackedCell>
                        <StackedCell label={t("columns.lastUsed")} className="sm:px-3">
                          {when(key.lastUsedAt)}
                        </StackedCell>
                        <StackedCell label={t("columns.status")} className="sm:px-3">
                          {t(`status.${status}`)}
                        </StackedCell>
                        <StackedCell label={t("columns.actions")} className="sm:px-3">
                          {status === "revoked" ? null : <RevokeApiKeyButton id={key.id} name={key.name} />}
                        </StackedCell>
                      </StackedRow>
                    );
                  })}
                </StackedBody>
              </StackedTable>
            </div>
          )}
        </section>
      </div>
    </>
  );
}
