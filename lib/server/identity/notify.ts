import "server-only";
import { sendMail, type MailTemplate } from "@/lib/server/mail/send-mail";

/**
 * Sends a mail off the request path. Responses must not wait for SMTP: a known address (mail sent)
 * and an unknown one (no mail) would otherwise answer with different timing, which enumerates
 * accounts. A delivery failure is logged, never shown to the requester.
 */
export function sendMailInBackground(opts: {
  to: string;
  locale: "de" | "en";
  template: MailTemplate;
}): void {
  void sendMail(opts).catch((error: unknown) => {
    console.error(
      `[mail] delivery of "${opts.template.name}" failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
}

export function localeOf(value: string | null | undefined): "de" | "en" {
  return value === "en" ? "en" : "de";
}
