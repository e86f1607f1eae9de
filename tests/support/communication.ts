/**
 * Customers, preferences and a throwaway outbox for the communication tests: mails are read back
 * from the outbox, so the links tested are the ones a person would receive. `db` is this module's
 * own client: vitest loads the module once per test file.
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";
import { vi } from "vitest";
import { createPrismaClient } from "@/lib/db/prisma-client";
import type { CommunicationPreferences } from "@/lib/schemas/communication";
import type { ClientInfo } from "@/lib/server/request/client-info";
import { extractLink } from "../e2e/support/mailbox";

export const db = createPrismaClient();
export const browser: ClientInfo = {
  ip: "192.0.2.10",
  userAgent: "vitest browser",
  browser: null,
  os: null,
  location: null,
};
export const mailbox: ClientInfo = {
  ip: "198.51.100.20",
  userAgent: "vitest mailbox",
  browser: null,
  os: null,
  location: null,
};
const unique = (prefix: string) =>
  `${prefix}.${Date.now()}.${Math.random().toString(36).slice(2)}@example.com`;
export const prefs = (p: Partial<CommunicationPreferences> = {}): CommunicationPreferences => ({
  topics: [],
  email: true,
  push: false,
  sms: false,
  frequency: "AS_PUBLISHED",
  ...p,
});

let outbox: string;
const savedOutbox = process.env.MAIL_OUTBOX_DIR;

/** Mails of this test file go to a fresh directory; `console.info` (the outbox notice) is silenced. */
export function openOutbox() {
  outbox = mkdtempSync(path.join(tmpdir(), "portal-newsletter-outbox-"));
  process.env.MAIL_OUTBOX_DIR = outbox;
  vi.spyOn(console, "info").mockImplementation(() => {});
}

export function closeOutbox() {
  if (savedOutbox === undefined) delete process.env.MAIL_OUTBOX_DIR;
  else process.env.MAIL_OUTBOX_DIR = savedOutbox;
  vi.restoreAllMocks();
}

/** The newest mail of a template to `to` in the outbox (mails are sent in the background). */
export async function waitForOutboxMail(to: string, template: string, seen = 0): Promise<ParsedMail> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const files = readdirSync(outbox)
      .filter((f) => f.includes(`-${template}-`))
      .sort();
    const mails: ParsedMail[] = [];
    for (const file of files) {
      const parsed = await simpleParser(readFileSync(path.join(outbox, file)));
      const recipients = [parsed.to].flat().flatMap((a) => a?.value.map((v) => v.address) ?? []);
      if (recipients.includes(to)) mails.push(parsed);
    }
    if (mails.length > seen) return mails.at(-1)!;
    if (Date.now() > deadline) throw new Error(`no ${template} mail #${seen + 1} to ${to} in the outbox`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const tokenOf = (mail: ParsedMail, pathPrefix: string) =>
  new URL(extractLink({ text: mail.text ?? "" }, pathPrefix)).searchParams.get("token")!;

export async function createCustomer(locale = "de") {
  const email = unique("news");
  return db.user.create({ data: { email, emailNormalized: email, emailVerifiedAt: new Date(), locale } });
}

export const subscriptions = (userId: string) =>
  db.topicSubscription.findMany({ where: { userId }, orderBy: { topicKey: "asc" } });
export const consentRecords = (userId: string) =>
  db.consentRecord.findMany({
    where: { userId, purpose: { key: "marketing_email" } },
    orderBy: { createdAt: "asc" },
  });
export const auditTypes = async (userId: string) =>
  (await db.auditEvent.findMany({ where: { subjectUserId: userId }, orderBy: { sequence: "asc" } })).map(
    (e) => e.type,
  );
