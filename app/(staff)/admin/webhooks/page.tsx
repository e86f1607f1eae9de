import type { Metadata } from "next";
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
import { listWebhookEndpoints } from "@/lib/server/webhooks/endpoints";
import { CreateWebhookForm } from "./_components/create-webhook-form";
import { WebhookButton } from "./_components/webhook-button";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("staff.admin.webhooks");
  return { title: t("title") };
}

const cell = "px-3 py-2";
const COLUMNS = ["event", "created", "status", "attempts", "answer", "actions"] as const;

/** /admin/webhooks: receivers, their delivery log, resend and switch-off (docs/decisions/0047). */
export default async function WebhooksPage() {
  await requirePermission("webhooks:manage", { returnTo: "/admin/webhooks" });
  const [t, format, endpoints] = await Promise.all([
    getTranslations("staff.admin.webhooks"),
    getFormatter(),
    listWebhookEndpoints(),
  ]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="flex flex-col gap-8">
        <Card>
          <h2 className="mb-4 text-lg font-semibold">{t("createTitle")}</h2>
          <StepUpProvider>
            <CreateWebhookForm />
          </StepUpProvider>
        </Card>
        <section aria-labelledby="webhooks-title" className="flex flex-col gap-4">
          <h2 id="webhooks-title" className="text-lg font-semibold">
            {t("listTitle")}
          </h2>
          {endpoints.length === 0 ? <p>{t("empty")}</p> : null}
          {endpoints.map((endpoint) => (
            <article
              key={endpoint.id}
              aria-label={endpoint.url}
              className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
            >
              <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between">
                <div>
                  <p className="font-mono text-sm font-semibold break-all">{endpoint.url}</p>
                  <p className="text-sm text-slate-700">
                    {endpoint.disabledAt ? t("disabled") : t("active")} · {endpoint.events.join(", ")}
                  </p>
                </div>
                {endpoint.disabledAt ? null : (
                  <WebhookButton
                    action="disable"
                    id={endpoint.id}
                    label={t("disable")}
                    accessibleLabel={t("disableLabel", { url: endpoint.url })}
                  />
                )}
              </div>
              {endpoint.deliveries.length === 0 ? (
                <p className="mt-3 text-sm">{t("noDeliveries")}</p>
              ) : (
                <StackedTable className="mt-3">
                  <caption className="sr-only">{t("logCaption", { url: endpoint.url })}</caption>
                  <StackedHead className="bg-slate-50">
                    <tr>
                      {COLUMNS.map((c) => (
                        <th key={c} scope="col" className={`${cell} font-semibold`}>
                          {t(`columns.${c}`)}
                        </th>
                      ))}
                    </tr>
                  </StackedHead>
                  <StackedBody>
                    {endpoint.deliveries.map((d) => (
                      <StackedRow key={d.id}>
                        <StackedRowHeader className="font-mono font-normal sm:px-2">
                          {d.eventType}
                        </StackedRowHeader>
                        <StackedCell label={t("columns.created")} className="sm:px-2">
                          {format.dateTime(d.createdAt, DATE_TIME_SHORT)}
                        </StackedCell>
                        <StackedCell label={t("columns.status")} className="sm:px-2">
                          {t(`statuses.${d.status}`)}
                        </StackedCell>
                        <StackedCell label={t("columns.attempts")} className="sm:px-2">
                          {d.attempts}
                        </StackedCell>
                        <StackedCell label={t("columns.answer")} className="font-mono sm:px-2">
                          {d.lastStatusCode ?? d.lastError ?? "–"}
                        </StackedCell>
                        <StackedCell label={t("columns.actions")} className="sm:px-2">
                          {d.status === "PENDING" || endpoint.disabledAt ? null : (
                            <WebhookButton
                              action="resend"
                              id={d.id}
                              label={t("resend")}
                              accessibleLabel={t("resendLabel", { event: d.eventType })}
                            />
                          )}
                        </StackedCell>
                      </StackedRow>
                    ))}
                  </StackedBody>
                </StackedTable>
              )}
            </article>
          ))}
        </section>
      </div>
    </>
  );
}
