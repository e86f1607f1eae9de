import { getFormatter, getLocale, getMessages, getTranslations } from "next-intl/server";
import type { NextRequest } from "next/server";
import { getCurrentUser } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { DATE_TIME_SHORT } from "@/lib/i18n/formats";
import { downloadDataExport } from "@/lib/server/privacy/data-exports";
import type { ExportData } from "@/lib/server/privacy/export-data";
import { renderExportSummary, SUMMARY_SECTIONS } from "@/lib/server/privacy/export-summary";
import { currentActor } from "@/lib/auth/actor";
import { unavailableAs503 } from "@/lib/http/database-unavailable";

export const dynamic = "force-dynamic";

function redirectTo(path: string): Response {
  return new Response(null, {
    status: 303,
    headers: { Location: `${getEnv().appUrl}${path}`, "Cache-Control": "no-store" },
  });
}

/**
 * A single-use download link of "download my data" (lib/server/privacy/data-exports.ts). Only the
 * signed-in owner can use it; an unknown, foreign, expired or used link sends the customer back to
 * the privacy page, which says so. The step-up happened when the export was requested.
 */
async function get(request: NextRequest): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return redirectTo(`/login?callbackUrl=${encodeURIComponent("/account/privacy")}`);
  const result = await downloadDataExport({
    actor: await currentActor(user),
    token: request.nextUrl.searchParams.get("token") ?? "",
  });
  if (!result.ok) return redirectTo("/account/privacy?export=link-invalid");

  const day = result.readyAt.toISOString().slice(0, 10);
  const headers = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Export-Sha256": result.sha256,
  };
  if (result.format === "json") {
    return new Response(result.json, {
      headers: {
        ...headers,
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="kundenportal-daten-${day}.json"`,
      },
    });
  }
  const [t, format, locale, messages] = await Promise.all([
    getTranslations("account.privacy.export.summary"),
    getFormatter(),
    getLocale(),
    getMessages(),
  ]);
  const html = renderExportSummary(JSON.parse(result.json) as ExportData, {
    locale,
    title: t("title"),
    generatedAt: t("generatedAt", { time: format.dateTime(result.readyAt, DATE_TIME_SHORT) }),
    intro: t("intro"),
    empty: t("empty"),
    sections: Object.fromEntries(SUMMARY_SECTIONS.map((key) => [key, t(`sections.${key}`)])) as Record<
      (typeof SUMMARY_SECTIONS)[number],
      string
    >,
    fields: messages.account.privacy.export.summary.fields,
  });
  return new Response(html, {
    headers: {
      ...headers,
      "Content-Type": "text/html; charset=utf-8",
      "Content-Disposition": `attachment; filename="kundenportal-daten-${day}.html"`,
    },
  });
}

/** 503 with Retry-After while the database cannot answer (decision 0073). */
export const GET = unavailableAs503(get);
