"use client";

import { useEffect } from "react";

/**
 * Registers /sw.js on every page (docs/decisions/0068): the installed app needs a worker that
 * controls the page and answers offline; push uses the same registration. Renders nothing; a
 * browser without service workers (or a refused registration) simply has no offline page.
 */
export function ServiceWorkerRegistration() {
  useEffect(() => {
    if (!("serviceWorker" in navigator)) return;
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch((error: unknown) => {
      console.warn(`[sw] registration failed: ${String(error)}`);
    });
  }, []);
  return null;
}
