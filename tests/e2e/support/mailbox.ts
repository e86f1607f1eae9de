/**
 * Reads the mails the app sent to the E2E SMTP sink (tests/e2e/servers/smtp-sink-server.ts)
 * through its HTTP API. Works with Playwright's `request` fixture or, outside a test, plain fetch.
 */
import type { APIRequestContext } from "@playwright/test";
import type { Mail } from "../../support/smtp-sink";

export type { Mail };

export type MailboxRequest = APIRequestContext | typeof fetch;

export const MAILBOX_URL = `http://127.0.0.1:${process.env.E2E_SMTP_HTTP_PORT ?? 3126}`;

type WireMail = Omit<Mail, "date"> & { date: string };

async function call(request: MailboxRequest, method: "GET" | "DELETE", url: string): Promise<unknown> {
  if (typeof request === "function") {
    const res = await request(url, { method });
    if (!res.ok) throw new Error(`mailbox: ${method} ${url} answered ${res.status}`);
    return res.status === 204 ? undefined : res.json();
  }
  const res = await request.fetch(url, { method });
  if (!res.ok()) throw new Error(`mailbox: ${method} ${url} answered ${res.status()}`);
  return res.status() === 204 ? undefined : res.json();
}

export async function listMail(to?: string, request: MailboxRequest = fetch): Promise<Mail[]> {
  const query = to ? `?to=${encodeURIComponent(to)}` : "";
  const wire = (await call(request, "GET", `${MAILBOX_URL}/messages${query}`)) as WireMail[];
  return wire.map((m) => ({ ...m, date: new Date(m.date) }));
}

export async function clearMailbox(request: MailboxRequest = fetch): Promise<void> {
  await call(request, "DELETE", `${MAILBOX_URL}/messages`);
}

export type WaitForMailOptions = { to: string; subject?: RegExp; since?: Date; timeoutMs?: number };

/**
 * Polls until a mail to `to` arrives (received after `since`, subject matching) and returns the
 * newest such mail: after a "resend", the latest link is the valid one. Without a request context
 * it uses fetch.
 */
export function waitForMail(opts: WaitForMailOptions): Promise<Mail>;
export function waitForMail(request: MailboxRequest, opts: WaitForMailOptions): Promise<Mail>;
export async function waitForMail(
  first: MailboxRequest | WaitForMailOptions,
  second?: WaitForMailOptions,
): Promise<Mail> {
  const isOptionsOnly = typeof first === "object" && "to" in first;
  const request: MailboxRequest = isOptionsOnly ? fetch : (first as MailboxRequest);
  const opts = isOptionsOnly ? first : second;
  if (!opts) throw new Error("mailbox: waitForMail needs { to }");
  const deadline = Date.now() + (opts.timeoutMs ?? 15_000);
  let seen: Mail[] = [];
  for (;;) {
    seen = await listMail(opts.to, request);
    const matches = seen.filter(
      (m) => (!opts.since || m.date >= opts.since) && (!opts.subject || opts.subject.test(m.subject)),
    );
    const newest = matches.at(-1);
    if (newest) return newest;
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const subjects = seen.map((m) => `"${m.subject}" at ${m.date.toISOString()}`).join("; ") || "none";
  throw new Error(
    `mailbox: no mail to ${opts.to}${opts.subject ? ` with subject ${opts.subject}` : ""}` +
      `${opts.since ? ` since ${opts.since.toISOString()}` : ""} (received: ${subjects})`,
  );
}

/** The first link in the mail's text part whose path starts with `pathPrefix` (e.g. "/verify-email"). */
export function extractLink(mail: Pick<Mail, "text">, pathPrefix: string): string {
  const candidates = mail.text.match(/https?:\/\/[^\s<>"']+/g) ?? [];
  for (const candidate of candidates) {
    const link = candidate.replace(/[.,;:!?)\]]+$/, "");
    try {
      if (new URL(link).pathname.startsWith(pathPrefix)) return link;
    } catch {
      // Not a URL after all: try the next one.
    }
  }
  throw new Error(
    `mailbox: no link to ${pathPrefix} in the mail (links: ${candidates.map((c) => c.replace(/\?.*$/, "?…")).join(", ") || "none"})`,
  );
}
