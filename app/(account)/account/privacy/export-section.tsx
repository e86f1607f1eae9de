import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { EXPORT_LINK_TTL_MINUTES } from "@/lib/server/privacy/data-exports";
import { ExportRequest } from "./export-request";

/** "Download my data" on /account/privacy (docs/decisions/0016): what the copy contains, then the request. */
export async function DataExportSection() {
  await requireUser({ returnTo: "/account/privacy" });
  const t = await getTranslations("account.privacy.export");
  return (
    <section id="data-export" aria-labelledby="data-export-title" className="scroll-mt-6">
      <Card title={<span id="data-export-title">{t("title")}</span>} description={t("description")}>
        <div className="flex flex-col gap-4 text-sm text-slate-700">
          <p>{t("includes")}</p>
          <p>{t("formats", { minutes: EXPORT_LINK_TTL_MINUTES })}</p>
          <ExportRequest />
        </div>
      </Card>
    </section>
  );
}
