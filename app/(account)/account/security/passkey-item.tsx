"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { TextField } from "@/components/forms/text-field";
import { Button } from "@/components/ui/button";
import { useRetryOnCode } from "@/components/forms/retry-on-code";
import { removePasskeyAction, renamePasskeyAction } from "@/lib/actions/passkeys";
import type { ActionResult } from "@/lib/errors";
import { PASSKEY_NAME_MAX_LENGTH } from "@/lib/schemas/passkeys";

export type PasskeyItemData = { id: string; name: string; created: string; lastUsed: string; kind: string };

type Props = {
  item: PasskeyItemData;
  onResult: <T>(result: ActionResult<T>, success: (data: T) => string) => boolean;
};

/** One passkey: name and facts, "Rename" (inline form) and "Remove" (asks for confirmation). */
export function PasskeyItem({ item, onResult }: Props) {
  const t = useTranslations("passkeys.manage");
  const withRetry = useRetryOnCode();
  const [mode, setMode] = useState<"view" | "rename" | "confirm">("view");
  const [pending, setPending] = useState(false);
  const nameInput = useRef<HTMLInputElement>(null);
  const confirmText = useRef<HTMLParagraphElement>(null);

  // Move focus into what just opened, so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (mode === "rename") nameInput.current?.focus();
    if (mode === "confirm") confirmText.current?.focus();
  }, [mode]);

  async function rename(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name") ?? "");
    setPending(true);
    const done = onResult(await renamePasskeyAction({ passkeyId: item.id, name }), () => t("renamed"));
    setPending(false);
    if (done) setMode("view");
  }

  async function remove() {
    setPending(true);
    onResult(await withRetry(() => removePasskeyAction({ passkeyId: item.id })), () => t("removed"));
    setPending(false);
    setMode("view");
  }

  return (
    <li className="flex flex-col gap-3 py-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <p className="font-medium text-slate-900">{item.name}</p>
          <p className="text-sm text-slate-600">
            {item.created} · {item.lastUsed} · {item.kind}
          </p>
        </div>
        {mode === "view" ? (
          <div className="flex gap-2">
            <Button
              variant="secondary"
              size="sm"
              onClick={() => setMode("rename")}
              aria-label={`${t("rename")}: ${item.name}`}
            >
              {t("rename")}
            </Button>
            <Button
              variant="danger"
              size="sm"
              onClick={() => setMode("confirm")}
              aria-label={`${t("remove")}: ${item.name}`}
            >
              {t("remove")}
            </Button>
          </div>
        ) : null}
      </div>
      {mode === "rename" ? (
        <form onSubmit={(event) => void rename(event)} className="flex flex-wrap items-end gap-2">
          <TextField
            ref={nameInput}
            name="name"
            label={t("renameLabel")}
            defaultValue={item.name}
            maxLength={PASSKEY_NAME_MAX_LENGTH}
            required
            className="min-w-60 flex-1"
          />
          <Button type="submit" size="sm" disabled={pending}>
            {t("save")}
          </Button>
          <Button variant="secondary" size="sm" onClick={() => setMode("view")}>
            {t("cancel")}
          </Button>
        </form>
      ) : null}
      {mode === "confirm" ? (
        <div className="flex flex-col gap-2 rounded-lg border border-red-200 bg-red-50 p-3">
          <p ref={confirmText} tabIndex={-1} className="text-sm text-slate-900">
            {t("removeConfirm", { name: item.name })}
          </p>
          <div className="flex gap-2">
            <Button variant="danger" size="sm" onClick={() => void remove()} disabled={pending}>
              {t("removeConfirmButton")}
            </Button>
            <Button variant="secondary" size="sm" onClick={() => setMode("view")}>
              {t("cancel")}
            </Button>
          </div>
        </div>
      ) : null}
    </li>
  );
}
