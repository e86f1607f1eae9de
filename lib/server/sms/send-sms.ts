import "server-only";
/**
 * Sends a text message through the configured provider (docs/decisions/0052). A provider is one
 * function behind `SmsProvider`; the one built in writes each message as a JSON file to a local
 * outbox (SMS_OUTBOX_DIR, else .data/sms-outbox), like the mail outbox, and tests read it there.
 * The outbox is allowed only on a local APP_URL: a public deployment without a gateway refuses to
 * "send", instead of pretending to. Logs carry the masked number only, never the text (codes).
 */
import { randomBytes } from "node:crypto";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { getEnv, isLocalUrl } from "@/lib/env";
import { ensurePrivateDir } from "@/lib/files/private-files";

export type SmsMessage = { to: string; text: string };

export interface SmsProvider {
  readonly name: string;
  send(message: SmsMessage): Promise<void>;
}

export class SmsDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SmsDeliveryError";
  }
}

export const DEFAULT_SMS_OUTBOX_DIR = path.join(".data", "sms-outbox");

export function smsOutboxDir(): string {
  return path.resolve(/* turbopackIgnore: true */ process.env.SMS_OUTBOX_DIR || DEFAULT_SMS_OUTBOX_DIR);
}

/** "+49 •••• 67": enough for a log line to be useful, not enough to call anyone. */
export function maskNumber(e164: string): string {
  return `${e164.slice(0, 3)} •••• ${e164.slice(-2)}`;
}

const outboxProvider: SmsProvider = {
  name: "outbox",
  async send(message) {
    const dir = smsOutboxDir();
    ensurePrivateDir(dir);
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    const file = path.join(dir, `${stamp}-${randomBytes(4).toString("hex")}.json`);
    // Owner-only: the files hold verification codes.
    await writeFile(file, JSON.stringify({ ...message, sentAt: new Date().toISOString() }), {
      mode: 0o600,
      flag: "wx",
    });
    console.info(`[sms] outbox: ${path.basename(file)} (to ${maskNumber(message.to)})`);
  },
};

/** The provider for this deployment; a gateway (e.g. an HTTP API) is added here. */
export function smsProvider(): SmsProvider {
  if (isLocalUrl(getEnv().appUrl)) return outboxProvider;
  throw new SmsDeliveryError("[sms] no SMS provider is configured for a public APP_URL");
}

/** E.164 only ("+" and digits): one recipient, nothing a gateway could read as a list. */
export async function sendSms(message: SmsMessage): Promise<void> {
  if (!/^\+[1-9]\d{6,14}$/.test(message.to))
    throw new SmsDeliveryError("[sms] refusing an invalid recipient");
  await smsProvider().send(message);
}
