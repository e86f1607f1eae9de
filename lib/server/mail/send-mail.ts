import "server-only";
/**
 * Sends one of the portal's mails. With SMTP_URL: over SMTP (nodemailer), from MAIL_FROM. Without
 * it (allowed only on a local APP_URL, lib/env refuses it on a public one): the complete message
 * is written as an .eml file to the local outbox, which any mail client opens.
 *
 * Logs and error messages carry masked addresses only ("e***@example.com") and never a link,
 * because links carry single-use tokens.
 */
import { randomBytes } from "node:crypto";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer, { type SendMailOptions as MessageOptions, type Transporter } from "nodemailer";
import { getEnv, isLocalUrl, legalEntityLine } from "@/lib/env";
import { ensurePrivateDir } from "@/lib/files/private-files";
import { maskEmail, redactEmails } from "./mask-email";
import { listUnsubscribeHeaders, renderMail, type MailLocale, type MailTemplate } from "./templates";

export type { MailLocale, MailTemplate } from "./templates";

export type SendMailOptions = { to: string; locale: MailLocale; template: MailTemplate };

/** Relative to the working directory, like the rest of `.data/`; MAIL_OUTBOX_DIR overrides it. */
export const DEFAULT_OUTBOX_DIR = path.join(".data", "outbox");

export class MailDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MailDeliveryError";
  }
}

// One transporter per URL: it holds the parsed options and TLS settings. Not pooled, so no idle
// connection outlives a send (the volume is a few mails per user action).
const transporters = new Map<string, Transporter>();

function smtpTransporter(smtpUrl: string): Transporter {
  let transporter = transporters.get(smtpUrl);
  if (!transporter) {
    const url = new URL(smtpUrl);
    transporter = nodemailer.createTransport({
      url: smtpUrl,
      // smtp:// upgrades with STARTTLS when offered; with credentials to a remote host we insist on
      // it, so a password never crosses the network in clear. `?requireTLS=false` in the URL wins.
      requireTLS: url.protocol === "smtp:" && url.username !== "" && !isLocalUrl(smtpUrl),
      // nodemailer waits minutes by default; a mail is sent while a person waits for an answer.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    transporters.set(smtpUrl, transporter);
  }
  return transporter;
}

// nodemailer would split "a@x.de, b@y.de" into two recipients; callers pass one validated address,
// and this makes sure a mail with a token can never go to a second one.
function assertSingleAddress(to: string): void {
  if (!/^[^\s@,;<>"]+@[^\s@,;<>"]+$/.test(to))
    throw new MailDeliveryError(`[mail] refusing an invalid recipient (${maskEmail(to)})`);
}

/** Where mails go without SMTP: MAIL_OUTBOX_DIR or .data/outbox, resolved from the working directory. */
export function outboxDir(): string {
  // Runtime output, not a build input: kept out of the build's file tracing.
  return path.resolve(/* turbopackIgnore: true */ process.env.MAIL_OUTBOX_DIR || DEFAULT_OUTBOX_DIR);
}

/** For the log line: relative when inside the project, so it is short and clickable. */
function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
}

async function writeToOutbox(message: MessageOptions, templateName: string, to: string): Promise<string> {
  const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });
  const info = await stream.sendMail(message);
  if (!Buffer.isBuffer(info.message)) throw new MailDeliveryError("[mail] outbox: message was not buffered");
  const dir = outboxDir();
  // ISO time without ':' and '.', which some file systems and mail clients choke on in file names.
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const file = path.join(dir, `${stamp}-${templateName}-${randomBytes(4).toString("hex")}.eml`);
  // Owner-only, like .data/secrets.json: the files hold sign-in and reset links.
  ensurePrivateDir(dir);
  await writeFile(file, info.message, { mode: 0o600, flag: "wx" });
  console.info(`[mail] outbox: ${displayPath(file)} (to ${maskEmail(to)})`);
  return file;
}

function describeSmtpError(error: unknown): string {
  if (!(error instanceof Error)) return "unknown error";
  const { code, responseCode } = error as Error & { code?: string; responseCode?: number };
  const tags = [code, responseCode].filter((v) => v !== undefined).join(" ");
  // SMTP replies often quote the recipient ("550 <erika@…>: unknown user").
  return `${tags ? `${tags}: ` : ""}${redactEmails(error.message)}`;
}

export async function sendMail(opts: SendMailOptions): Promise<void> {
  assertSingleAddress(opts.to);
  const env = getEnv();
  const rendered = renderMail(opts.locale, opts.template, {
    appUrl: env.appUrl,
    sender: legalEntityLine(env.legalEntity),
  });
  const message: MessageOptions = {
    from: env.mailFrom,
    // The object form: nodemailer takes the address as it is and parses no list out of it.
    to: { name: "", address: opts.to },
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    // RFC 3834: out-of-office and other auto-responders must not answer a machine-sent mail.
    // Marketing mails add List-Unsubscribe (RFC 2369) and one-click List-Unsubscribe-Post (RFC 8058).
    headers: { "Auto-Submitted": "auto-generated", ...listUnsubscribeHeaders(opts.template) },
  };
  const masked = maskEmail(opts.to);

  if (!env.smtpUrl) {
    // lib/env already refuses this; a second check because a token must never land on a disk
    // of a public deployment.
    if (env.isPublicUrl) throw new MailDeliveryError("[mail] SMTP_URL is required on a public APP_URL");
    await writeToOutbox(message, opts.template.name, opts.to);
    return;
  }

  try {
    await smtpTransporter(env.smtpUrl).sendMail(message);
  } catch (error) {
    // No `cause`: nodemailer's error objects carry the full recipient and the SMTP transcript.
    throw new MailDeliveryError(
      `[mail] ${opts.template.name} to ${masked} failed: ${describeSmtpError(error)}`,
    );
  }
  console.info(`[mail] sent ${opts.template.name} to ${masked}`);
}
