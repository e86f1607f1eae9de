/**
 * sendMail against a real SMTP server (the test sink) and, without SMTP_URL, into the local outbox.
 * Needs no database; runs in both integration projects all the same.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { simpleParser } from "mailparser";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { extractLink } from "../e2e/support/mailbox";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";

const ENV_KEYS = [
  "SMTP_URL",
  "MAIL_FROM",
  "APP_URL",
  "MAIL_OUTBOX_DIR",
  "AUTH_SECRET",
  "DATA_ENCRYPTION_KEY",
] as const;
type EnvKey = (typeof ENV_KEYS)[number];
const savedEnv = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]])) as Record<
  EnvKey,
  string | undefined
>;

function setEnv(values: Partial<Record<EnvKey, string | undefined>>): void {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
}

const APP_URL = "http://localhost:3999";

/**
 * A fresh module graph, so lib/env (which caches its first read) sees this test's variables.
 * The secrets are set so that loading the environment does not write .data/secrets.json.
 */
async function loadSendMail(env: Partial<Record<EnvKey, string | undefined>>) {
  setEnv({
    APP_URL,
    AUTH_SECRET: "integration-test-secret-0123456789abcdef",
    DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
    MAIL_FROM: "Kundenportal Test <konto@example.de>",
    SMTP_URL: undefined,
    MAIL_OUTBOX_DIR: undefined,
    ...env,
  });
  vi.resetModules();
  return import("@/lib/server/mail/send-mail");
}

function logLines(spy: { mock: { calls: unknown[][] } }): string[] {
  return spy.mock.calls.map((args) => args.map(String).join(" "));
}

let sink: SmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink();
});

afterAll(async () => {
  await sink.stop();
});

afterEach(() => {
  setEnv(savedEnv);
  vi.restoreAllMocks();
  sink.clear();
});

describe("sendMail over SMTP", () => {
  it("delivers a German and an English mail that a real SMTP server receives and parses", async () => {
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    const { sendMail } = await loadSendMail({ SMTP_URL: sink.url });
    const verifyUrl = `${APP_URL}/verify-email?token=tok-de-1&x=1`;
    const resetUrl = `${APP_URL}/reset-password?token=tok-en-2`;

    await sendMail({
      to: "erika@example.com",
      locale: "de",
      template: { name: "verify-email", data: { url: verifyUrl } },
    });
    await sendMail({
      to: "john@example.com",
      locale: "en",
      template: { name: "password-reset", data: { url: resetUrl, expiresMinutes: 30 } },
    });

    const german = await sink.waitForMail((m) => m.to.includes("erika@example.com"), 5_000);
    expect(german.subject).toBe("Bitte bestätigen Sie Ihre E-Mail-Adresse");
    expect(german.from).toContain("konto@example.de");
    expect(extractLink(german, "/verify-email")).toBe(verifyUrl);
    expect(german.html).toContain('lang="de"');
    expect(german.html).toContain(verifyUrl.replace("&", "&amp;"));

    const english = await sink.waitForMail((m) => m.to.includes("john@example.com"), 5_000);
    expect(english.subject).toBe("Your link to reset your password");
    expect(english.to).toEqual(["john@example.com"]);
    expect(extractLink(english, "/reset-password")).toBe(resetUrl);
    expect(english.text).toContain("30 minutes");

    // Logs name the template and a masked address, never the address or a token.
    const lines = logLines(info);
    expect(lines).toEqual([
      "[mail] sent verify-email to e***@example.com",
      "[mail] sent password-reset to j***@example.com",
    ]);
    expect(lines.join("\n")).not.toMatch(/erika@|john@|token=/);
  });

  it("signs in with the credentials in SMTP_URL (plain text is allowed to a loopback host)", async () => {
    vi.spyOn(console, "info").mockImplementation(() => {});
    const { sendMail } = await loadSendMail({ SMTP_URL: `smtp://portal:s3cr%40t@127.0.0.1:${sink.port}` });
    await sendMail({
      to: "erika@example.com",
      locale: "de",
      template: { name: "password-reset-unknown", data: { registerUrl: `${APP_URL}/register` } },
    });
    const mail = await sink.waitForMail((m) => m.subject === "Anfrage zum Zurücksetzen des Passworts", 5_000);
    expect(extractLink(mail, "/register")).toBe(`${APP_URL}/register`);
  });

  it("fails with a masked message when the SMTP server cannot be reached", async () => {
    const closed = await startSmtpSink();
    await closed.stop();
    const { sendMail, MailDeliveryError } = await loadSendMail({ SMTP_URL: closed.url });
    const attempt = sendMail({
      to: "erika@example.com",
      locale: "de",
      template: { name: "verify-email", data: { url: `${APP_URL}/verify-email?token=t` } },
    });
    await expect(attempt).rejects.toBeInstanceOf(MailDeliveryError);
    const error = (await attempt.catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(
      /^\[mail\] verify-email to e\*\*\*@example\.com failed: ESOCKET: connect ECONNREFUSED 127\.0\.0\.1:\d+$/,
    );
    expect(error.message).not.toMatch(/erika@|token=/);
  });

  it("refuses a recipient list where one address is expected", async () => {
    const { sendMail } = await loadSendMail({ SMTP_URL: sink.url });
    await expect(
      sendMail({
        to: "erika@example.com, mallory@example.net",
        locale: "en",
        template: { name: "verify-email", data: { url: `${APP_URL}/verify-email?token=t` } },
      }),
    ).rejects.toThrow(/invalid recipient/);
    expect(sink.messages()).toEqual([]);
  });
});

describe("sendMail without SMTP_URL", () => {
  it("writes a complete .eml file to the outbox and logs where", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "portal-outbox-"));
    const outbox = path.join(dir, "outbox"); // created on first use
    try {
      const info = vi.spyOn(console, "info").mockImplementation(() => {});
      const { sendMail } = await loadSendMail({ MAIL_OUTBOX_DIR: outbox });
      const url = `${APP_URL}/verify-email?token=outbox-token`;
      await sendMail({
        to: "erika@example.com",
        locale: "en",
        template: { name: "verify-email", data: { url } },
      });

      const files = readdirSync(outbox);
      expect(files).toHaveLength(1);
      const [file] = files as [string];
      expect(file).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z-verify-email-[0-9a-f]{8}\.eml$/);
      expect(statSync(path.join(outbox, file)).mode & 0o777).toBe(0o600);

      const raw = readFileSync(path.join(outbox, file));
      expect(raw.toString("latin1")).toContain("\r\n"); // RFC 5322 line ends
      const parsed = await simpleParser(raw);
      expect(parsed.subject).toBe("Please confirm your email address");
      expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value[0]?.address : undefined).toBe(
        "erika@example.com",
      );
      expect(parsed.from?.text).toContain("konto@example.de");
      expect(parsed.headers.get("auto-submitted")).toBe("auto-generated");
      expect(parsed.messageId).toBeTruthy();
      expect(extractLink({ text: parsed.text ?? "" }, "/verify-email")).toBe(url);
      expect(parsed.html).toContain('<html lang="en"');

      expect(logLines(info)).toEqual([`[mail] outbox: ${path.join(outbox, file)} (to e***@example.com)`]);
      expect(sink.messages()).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
