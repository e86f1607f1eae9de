/**
 * The human-readable companion of the JSON export: one self-contained HTML page (no scripts, no
 * external resources) with a section per part of the export. Pure, so tests render it without a
 * server; section titles and field labels come from the caller's translator (so the page speaks
 * the customer's language, not the export's keys), values are escaped here.
 */
import { escapeHtml } from "@/lib/server/mail/mail-layout";
import type { ExportData } from "./export-data";

export const SUMMARY_SECTIONS = [
  "account",
  "profile",
  "profileAttributes",
  "profilingPrompts",
  "addresses",
  "bankAccounts",
  "communication",
  "consents",
  "security",
  "sessions",
  "devices",
  "signInHistory",
  "transactionConfirmations",
  "orders",
  "returns",
  "dataExports",
  "auditEvents",
] as const satisfies readonly (keyof ExportData)[];

export type SummarySection = (typeof SUMMARY_SECTIONS)[number];

export type SummaryTexts = {
  locale: string;
  title: string;
  generatedAt: string;
  intro: string;
  empty: string;
  sections: Record<SummarySection, string>;
  /** Field labels in the reader's language, by the export's key (a key without one shows as is). */
  fields: Record<string, string>;
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function formatScalar(value: unknown, locale: string): string {
  if (value === null || value === undefined) return "–";
  if (typeof value === "string" && ISO_DATE.test(value)) {
    return new Intl.DateTimeFormat(locale, {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone: "Europe/Berlin",
    }).format(new Date(value));
  }
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function renderValue(value: unknown, texts: SummaryTexts): string {
  const empty = `<p class="empty">${escapeHtml(texts.empty)}</p>`;
  if (value === null || value === undefined) return empty;
  if (Array.isArray(value)) {
    if (value.length === 0) return empty;
    const rows = value.filter(
      (row): row is Record<string, unknown> => typeof row === "object" && row !== null,
    );
    if (rows.length !== value.length) {
      return `<ul>${value.map((v) => `<li>${escapeHtml(formatScalar(v, texts.locale))}</li>`).join("")}</ul>`;
    }
    const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
    const head = columns.map((c) => `<th scope="col">${escapeHtml(texts.fields[c] ?? c)}</th>`).join("");
    const body = rows
      .map(
        (row) =>
          `<tr>${columns.map((c) => `<td>${escapeHtml(formatScalar(row[c], texts.locale))}</td>`).join("")}</tr>`,
      )
      .join("");
    return `<div class="scroll"><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    return `<dl>${entries
      .map(([key, inner]) => {
        const nested = inner !== null && typeof inner === "object" && !(typeof inner === "string");
        return `<dt>${escapeHtml(texts.fields[key] ?? key)}</dt><dd>${nested ? renderValue(inner, texts) : escapeHtml(formatScalar(inner, texts.locale))}</dd>`;
      })
      .join("")}</dl>`;
  }
  return `<p>${escapeHtml(formatScalar(value, texts.locale))}</p>`;
}

const STYLE =
  "body{font-family:system-ui,sans-serif;color:#0f172a;margin:2rem auto;max-width:72rem;padding:0 1rem;line-height:1.5}" +
  "h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #cbd5e1}" +
  "table{border-collapse:collapse;font-size:.85rem}th,td{border:1px solid #cbd5e1;padding:.25rem .5rem;text-align:left;vertical-align:top}" +
  "dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0}" +
  ".scroll{overflow-x:auto}.empty{color:#475569}";

export function renderExportSummary(data: ExportData, texts: SummaryTexts): string {
  const sections = SUMMARY_SECTIONS.map(
    (key) => `<section><h2>${escapeHtml(texts.sections[key])}</h2>${renderValue(data[key], texts)}</section>`,
  ).join("\n");
  return `<!doctype html>
<html lang="${escapeHtml(texts.locale)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(texts.title)}</title><style>${STYLE}</style></head>
<body><main>
<h1>${escapeHtml(texts.title)}</h1>
<p>${escapeHtml(texts.generatedAt)}</p>
<p>${escapeHtml(texts.intro)}</p>
${sections}
</main></body></html>
`;
}
