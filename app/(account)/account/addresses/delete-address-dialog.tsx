"use client";

import { useTranslations } from "next-intl";
import { useId, useRef } from "react";
import { SubmitButton } from "@/components/forms/submit-button";
import { Button } from "@/components/ui/button";
import { deleteAddressAction } from "@/lib/actions/addresses";

/**
 * Delete with a confirmation step: a native modal <dialog> (focus moves in and is kept there,
 * Escape cancels, focus returns to the "Löschen" button afterwards), whose plain form posts the id.
 */
export function DeleteAddressDialog({ addressId, name }: { addressId: string; name: string }) {
  const t = useTranslations("account.addresses");
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const textId = useId();

  return (
    <>
      <Button variant="danger" size="sm" onClick={() => dialogRef.current?.showModal()}>
        {t("delete")}
        <span className="sr-only">: {name}</span>
      </Button>
      <dialog
        ref={dialogRef}
        aria-labelledby={titleId}
        aria-describedby={textId}
        className="m-auto w-[min(28rem,calc(100%-2rem))] rounded-xl bg-white p-6 text-slate-900 shadow-xl backdrop:bg-slate-900/50"
      >
        <h2 id={titleId} className="text-lg font-semibold">
          {t("deleteTitle")}
        </h2>
        <p id={textId} className="mt-2 text-sm text-slate-700">
          {t("deleteText", { name })}
        </p>
        <form action={deleteAddressAction} className="mt-6 flex flex-wrap justify-end gap-3">
          <input type="hidden" name="addressId" value={addressId} />
          <Button variant="secondary" onClick={() => dialogRef.current?.close()}>
            {t("cancel")}
          </Button>
          <SubmitButton variant="danger">{t("deleteConfirm")}</SubmitButton>
        </form>
      </dialog>
    </>
  );
}
