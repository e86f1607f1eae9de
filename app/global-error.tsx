"use client";

import { digestOf } from "@/lib/http/error-digest";
import { globalErrorMessages } from "@/lib/i18n/global-error-messages";
import "./globals.css";

type GlobalErrorProps = { error: unknown; retry: () => void };

// Replaces the root layout when that layout itself fails, so no i18n provider exists here:
// the page speaks both languages, each marked with its lang attribute.
export default function GlobalError({ error, retry }: GlobalErrorProps) {
  const digest = digestOf(error);
  const { de, en } = globalErrorMessages;

  return (
    <html lang="de">
      <body className="min-h-dvh bg-slate-50 font-sans text-slate-900">
        <title>{`${de.title} / ${en.title}`}</title>
        <main className="mx-auto flex max-w-2xl flex-col gap-6 px-4 py-16">
          <div>
            <h1 className="text-2xl font-bold">{de.title}</h1>
            <p className="mt-2 text-slate-700">{de.text}</p>
          </div>
          <div lang="en">
            <h2 className="text-xl font-bold">{en.title}</h2>
            <p className="mt-2 text-slate-700">{en.text}</p>
          </div>
          {digest ? (
            <p className="text-sm text-slate-700">
              {de.reference} / <span lang="en">{en.reference}</span>: <code>{digest}</code>
            </p>
          ) : null}
          <div>
            <button
              type="button"
              onClick={() => retry()}
              className="min-h-11 rounded-lg bg-brand-700 px-5 font-medium text-white hover:bg-brand-800"
            >
              {de.retry} / <span lang="en">{en.retry}</span>
            </button>
          </div>
        </main>
      </body>
    </html>
  );
}
