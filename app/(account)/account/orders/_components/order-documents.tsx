import { useTranslations } from "next-intl";
import type { OrderDocumentKind } from "@/lib/config/orders";

/**
 * The order's documents as plain download links to the owner-only route handler; a PDF is never
 * shown inline, so the browser saves it (Content-Disposition: attachment).
 */
export function OrderDocuments({
  orderId,
  documents,
}: {
  orderId: string;
  documents: { kind: string; sizeBytes: number }[];
}) {
  const t = useTranslations("orders.documents");
  if (documents.length === 0) return <p className="text-sm text-slate-600">{t("none")}</p>;
  return (
    <ul className="flex flex-col gap-2">
      {documents.map((document) => {
        const kind = t(`kinds.${document.kind as OrderDocumentKind}`);
        return (
          <li key={document.kind} className="text-sm">
            <a
              href={`/api/account/orders/${orderId}/documents/${document.kind}`}
              download
              className="font-medium text-brand-700 underline hover:text-brand-900"
            >
              {t("download", { kind })}
            </a>{" "}
            <span className="text-slate-600">
              ({t("meta", { size: Math.max(1, Math.round(document.sizeBytes / 1024)) })})
            </span>
          </li>
        );
      })}
    </ul>
  );
}
