"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
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
 *
 * The address is changed through the router, not `history.replaceState`: on a full page load (the
 * social provider's callback, a server redirect) this effect runs before Next.js has patched
 * `replaceState`, so the router kept the old address, wrote it back on its next render (the notice
 * returned on reload) and posted the next action to it, whose redirect to the same parameter then
 * looked unchanged and was not told.
 */
export function FlashToast({ flash, params }: { flash: Flash | null; params: readonly string[] }) {
  const toast = useToast();
  const router = useRouter();
  const pathname = usePathname();
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
    const rest = new URLSearchParams(searchParams);
    for (const param of params) rest.delete(param);
    const query = rest.toString();
    router.replace(`${pathname}${query ? `?${query}` : ""}${window.location.hash}`, { scroll: false });
  }, [isInUrl, flash, params, toast, router, pathname, searchParams]);

  return null;
}
