"use client";

import clsx from "clsx";
import { useTranslations } from "next-intl";
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from "react";

export type ToastTone = "info" | "success" | "error";

export type ToastInput = {
  message: string;
  title?: string;
  tone?: ToastTone;
  /** Milliseconds until it hides itself; null keeps it until dismissed. */
  durationMs?: number | null;
};

type Toast = Required<Pick<ToastInput, "message" | "tone">> &
  Pick<ToastInput, "title"> & {
    id: number;
    durationMs: number | null;
  };

export type ToastApi = {
  /** Shows a toast and returns its id. */
  show: (toast: ToastInput) => number;
  dismiss: (id: number) => void;
};

const DEFAULT_DURATION_MS = 6000;
const ToastContext = createContext<ToastApi | null>(null);

export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error("useToast must be used inside <ToastProvider>");
  return api;
}

/**
 * Holds the toast queue and renders the live region. The region is always in the DOM so that
 * screen readers already observe it when the first toast arrives.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const t = useTranslations("toast");
  const tTone = useTranslations("notice");
  const [toasts, setToasts] = useState<Toast[]>([]);
  // A counter, not crypto.randomUUID: that only exists in secure contexts.
  const nextId = useRef(1);

  const dismiss = useCallback(
    (id: number) => setToasts((current) => current.filter((toast) => toast.id !== id)),
    [],
  );
  const show = useCallback((input: ToastInput) => {
    const id = nextId.current++;
    const toast: Toast = {
      id,
      message: input.message,
      title: input.title,
      tone: input.tone ?? "info",
      durationMs: input.durationMs === undefined ? DEFAULT_DURATION_MS : input.durationMs,
    };
    setToasts((current) => [...current, toast]);
    return id;
  }, []);
  const api = useMemo(() => ({ show, dismiss }), [show, dismiss]);

  return (
    <ToastContext.Provider value={api}>
      {children}
      <section
        aria-label={t("regionLabel")}
        aria-live="polite"
        className="pointer-events-none fixed inset-x-0 bottom-0 z-50 flex flex-col items-center gap-3 p-4 sm:items-end"
      >
        {toasts.map((toast) => (
          <ToastItem
            key={toast.id}
            toast={toast}
            onDismiss={dismiss}
            toneLabel={tTone(toast.tone)}
            dismissLabel={t("dismiss")}
          />
        ))}
      </section>
    </ToastContext.Provider>
  );
}

const toneStyles: Record<ToastTone, string> = {
  info: "border-brand-700",
  success: "border-green-700",
  error: "border-red-700",
};

type ToastItemProps = {
  toast: Toast;
  onDismiss: (id: number) => void;
  /** Spoken before the text so the tone never depends on colour alone. */
  toneLabel: string;
  dismissLabel: string;
};

function ToastItem({ toast, onDismiss, toneLabel, dismissLabel }: ToastItemProps) {
  // Hover or keyboard focus pauses the timer so nobody loses a message while reading it (WCAG 2.2.1).
  const [isPaused, setIsPaused] = useState(false);

  useEffect(() => {
    if (toast.durationMs === null || isPaused) return;
    const timer = window.setTimeout(() => onDismiss(toast.id), toast.durationMs);
    return () => window.clearTimeout(timer);
  }, [toast.id, toast.durationMs, isPaused, onDismiss]);

  return (
    <div
      className={clsx(
        "pointer-events-auto flex w-full max-w-sm items-start gap-3 rounded-lg border-l-4 bg-white p-4 text-slate-900 shadow-lg ring-1 ring-slate-200",
        toneStyles[toast.tone],
      )}
      onMouseEnter={() => setIsPaused(true)}
      onMouseLeave={() => setIsPaused(false)}
      onFocus={() => setIsPaused(true)}
      onBlur={() => setIsPaused(false)}
    >
      <div className="min-w-0 flex-1 text-sm">
        <span className="sr-only">{toneLabel}: </span>
        {toast.title ? <p className="font-semibold">{toast.title}</p> : null}
        <p className={clsx(toast.title && "mt-1")}>{toast.message}</p>
      </div>
      <button
        type="button"
        onClick={() => onDismiss(toast.id)}
        aria-label={dismissLabel}
        className="-m-1 inline-flex size-8 shrink-0 items-center justify-center rounded-md text-slate-600 hover:bg-slate-100 hover:text-slate-900"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="currentColor">
          <path d="M4.3 4.3a1 1 0 0 1 1.4 0L10 8.6l4.3-4.3a1 1 0 1 1 1.4 1.4L11.4 10l4.3 4.3a1 1 0 0 1-1.4 1.4L10 11.4l-4.3 4.3a1 1 0 0 1-1.4-1.4L8.6 10 4.3 5.7a1 1 0 0 1 0-1.4Z" />
        </svg>
      </button>
    </div>
  );
}
