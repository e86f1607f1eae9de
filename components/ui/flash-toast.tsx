"use client";

import { useSearchParams } from "next/navigation";
import { useEffect, useRef } from "react";
import { useToast, type ToastTone } from "./toaster";

export type Flash = { message: string; tone: ToastTone; title?: string };

/**
 * Tells the outcome a redirect reported in the URL (`?notice=…`, `?social=…`) through the toaster,
 * once (docs/decisions/0054): it shows the toast and takes the parameters out of the address, so a
 * reload, the back button or a bookmark does not tell it again, and two outcomes never stack up as
 * banners. The page words the outcome (it knows the catalog); this part only delivers it. The
 * URL's parameter is the trigger, so the same outcome twice in a row (two addresses deleted) is
 * told twice.
 */
export function FlashToast({ flash, params }: { flash: Flash | null; params: readonly string[] }) {
  const toast = useToast();
  const searchParams = useSearchParams();
  const isInUrl = params.some((param) => searchParams.has(param));
  // Set while the current URL's outcome has been told: effects may run twice for one render.
  const told = useRef(false);

  useEffect(() => {
    if (!isInUrl) {
      told.current = false;
      return;
    }
    if (told.current) return;
    told.current = true;
    if (flash)
      toast.show({
        ...flash,
        // A failure or an explanation stays until dismissed; a plain success goes by itself.
        durationMs: flash.tone === "error" || flash.title ? null : undefined,
      });
    const url = new URL(window.location.href);
    for (const param of params) url.searchParams.delete(param);
    // null, not the router's state: only then does Next.js sync useSearchParams with the new
    // address, and the next redirect with the same parameter is seen as new.
    window.history.replaceState(null, "", url);
  }, [isInUrl, flash, params, toast]);

  return null;
}
