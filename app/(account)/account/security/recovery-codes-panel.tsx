"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useToast } from "@/components/ui/toaster";

const FILE_NAME = "wiederherstellungscodes.txt";

/**
 * The new recovery codes, shown once (issue 15 item 12): copied, downloaded as a .txt or printed —
 * the ways people keep them — and "saved" reloads the card into its active state. Printing prints
 * this panel only (the print rule in globals.css), not the account page around it.
 */
export function RecoveryCodesPanel({ codes, notice }: { codes: string[]; notice?: string }) {
  const t = useTranslations("factors.recovery");
  const router = useRouter();
  const toast = useToast();
  const asText = () => [t("fileHeading"), "", ...codes, "", t("fileNote")].join("\n");

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(codes.join("\n"));
      toast.show({ tone: "success", message: t("copied") });
    } catch {
      toast.show({ tone: "error", message: t("copyFailed") });
    }
  };
  const download = () => {
    const url = URL.createObjectURL(new Blob([asText()], { type: "text/plain;charset=utf-8" }));
    const link = Object.assign(document.createElement("a"), { href: url, download: FILE_NAME });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };
  const print = () => {
    document.body.classList.add("printing-recovery-codes");
    window.addEventListener("afterprint", () => document.body.classList.remove("printing-recovery-codes"), {
      once: true,
    });
    window.print();
  };

  return (
    <div className="recovery-codes flex flex-col gap-3">
      {notice ? <Notice tone="success">{notice}</Notice> : null}
      <h3 className="font-semibold text-slate-900">{t("title")}</h3>
      <p className="text-sm text-slate-700">{t("intro")}</p>
      <ul aria-label={t("listLabel")} className="grid grid-cols-2 gap-2 font-mono text-base">
        {codes.map((code) => (
          <li key={code} className="rounded bg-slate-100 px-3 py-1">
            {code}
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2 print:hidden">
        <Button variant="secondary" size="sm" onClick={copy}>
          {t("copy")}
        </Button>
        <Button variant="secondary" size="sm" onClick={download}>
          {t("download")}
        </Button>
        <Button variant="secondary" size="sm" onClick={print}>
          {t("print")}
        </Button>
      </div>
      <Button type="button" className="self-start print:hidden" onClick={() => router.refresh()}>
        {t("done")}
      </Button>
    </div>
  );
}
