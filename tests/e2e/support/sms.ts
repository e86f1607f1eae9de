/**
 * The SMS the E2E server "sent": its local provider writes each message as a JSON file to
 * SMS_OUTBOX_DIR (playwright.config.ts; lib/server/sms/send-sms.ts), like the mail outbox.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const E2E_SMS_OUTBOX = path.resolve("tests/.tmp/e2e/sms-outbox");

type Sms = { to: string; text: string; sentAt: string };

function listSms(): Sms[] {
  let files: string[] = [];
  try {
    files = readdirSync(E2E_SMS_OUTBOX);
  } catch {
    return [];
  }
  return files
    .filter((file) => file.endsWith(".json"))
    .map((file) => JSON.parse(readFileSync(path.join(E2E_SMS_OUTBOX, file), "utf8")) as Sms);
}

/** The six-digit code of the newest SMS to `to` sent after `since`; waits up to 10 s for it. */
export async function waitForSmsCode(opts: { to: string; since: Date }): Promise<string> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const newest = listSms()
      .filter((sms) => sms.to === opts.to && new Date(sms.sentAt) >= opts.since)
      .sort((a, b) => a.sentAt.localeCompare(b.sentAt))
      .at(-1);
    const code = newest && /\b(\d{6})\b/.exec(newest.text)?.[1];
    if (code) return code;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no SMS to ${opts.to.slice(0, 3)}… since ${opts.since.toISOString()}`);
}
