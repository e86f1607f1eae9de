"use client";

import clsx from "clsx";
import { usePathname } from "next/navigation";
import { useEffect, useRef, type ReactNode } from "react";

type DisclosureMenuProps = {
  /** The visible text of the toggle; it names the menu for assistive technology too. */
  summary: ReactNode;
  className?: string;
  summaryClassName?: string;
  panelClassName?: string;
  children: ReactNode;
};

/**
 * A compact menu for narrow screens: a native <details> (works before hydration and without
 * JavaScript, announced as expanded/collapsed) that closes again after a navigation, on Escape and
 * on a tap elsewhere — the layout around it stays mounted on client navigation, so it would
 * otherwise stay open over the next page.
 */
export function DisclosureMenu({
  summary,
  className,
  summaryClassName,
  panelClassName,
  children,
}: DisclosureMenuProps) {
  const ref = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();

  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [pathname]);

  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      const details = ref.current;
      if (details?.open && !details.contains(event.target as Node)) details.open = false;
    };
    const onKeyDown = (event: KeyboardEvent) => {
      const details = ref.current;
      if (event.key !== "Escape" || !details?.open) return;
      details.open = false;
      details.querySelector("summary")?.focus();
    };
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("keydown", onKeyDown);
    };
  }, []);

  return (
    <details ref={ref} className={clsx("group", className)}>
      <summary
        className={clsx(
          "flex min-h-9 cursor-pointer list-none items-center justify-between gap-2 rounded-lg bg-white px-3 text-sm font-medium text-slate-900 shadow-sm ring-1 ring-slate-400 ring-inset hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700 [&::-webkit-details-marker]:hidden",
          summaryClassName,
        )}
      >
        {summary}
        <svg
          aria-hidden="true"
          viewBox="0 0 20 20"
          className="size-4 shrink-0 transition-transform group-open:rotate-180"
          fill="currentColor"
        >
          <path d="M5.23 7.21a.75.75 0 0 1 1.06.02L10 11.06l3.71-3.83a.75.75 0 1 1 1.08 1.04l-4.25 4.39a.75.75 0 0 1-1.08 0L5.21 8.27a.75.75 0 0 1 .02-1.06Z" />
        </svg>
      </summary>
      <div className={panelClassName}>{children}</div>
    </details>
  );
}
