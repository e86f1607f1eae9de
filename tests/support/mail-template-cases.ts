/**
 * Every mail template with data that exercises it and the links it must carry, shared by the mail
 * tests in tests/unit. A query with "&" in the links shows that URLs are escaped in the HTML part
 * and left intact in the text part.
 */
import type { MailTemplate } from "@/lib/server/mail/templates";

export const APP = "https://konto.example.de";
export const ctx = { appUrl: APP };
export const time = new Date("2026-03-12T13:30:00Z");
export const token = (path: string) => `${APP}${path}?token=abc123&lang=de`;

/** Every template with the URLs it must carry. */
export const CASES: { template: MailTemplate; urls: string[] }[] = [
  {
    template: { name: "verify-email", data: { url: token("/verify-email") } },
    urls: [token("/verify-email")],
  },
  {
    template: {
      name: "registration-attempt",
      data: { loginUrl: `${APP}/login`, resetUrl: `${APP}/forgot-password`, isUnconfirmed: true },
    },
    urls: [`${APP}/login`, `${APP}/forgot-password`],
  },
  {
    template: { name: "password-reset", data: { url: token("/reset-password"), expiresMinutes: 30 } },
    urls: [token("/reset-password")],
  },
  {
    template: { name: "password-reset-unknown", data: { registerUrl: `${APP}/register` } },
    urls: [`${APP}/register`],
  },
  {
    template: { name: "password-changed", data: { time, resetUrl: `${APP}/forgot-password` } },
    urls: [`${APP}/forgot-password`],
  },
  {
    template: {
      name: "email-change-verify",
      data: { url: token("/verify-email"), newEmail: "neu@example.de" },
    },
    urls: [token("/verify-email")],
  },
  {
    template: { name: "email-change-notice", data: { newEmailMasked: "n***@example.de", time } },
    urls: [`${APP}/account/security`],
  },
  {
    template: {
      name: "new-device-sign-in",
      data: {
        time,
        browser: "Firefox 140",
        os: "Windows 11",
        location: "Berlin, DE",
        ip: "203.0.113.7",
        reviewUrl: `${APP}/account/security`,
      },
    },
    urls: [`${APP}/account/security`, `${APP}/forgot-password`],
  },
  {
    template: {
      name: "social-account-linked",
      data: { provider: "Google", time, reviewUrl: `${APP}/account/security` },
    },
    urls: [`${APP}/account/security`, `${APP}/forgot-password`],
  },
  {
    template: {
      name: "social-account-unlinked",
      data: { provider: "Google", time, reviewUrl: `${APP}/account/security` },
    },
    urls: [`${APP}/account/security`, `${APP}/forgot-password`],
  },
  { template: { name: "sign-in-code", data: { code: "123456", expiresMinutes: 10 } }, urls: [] },
  {
    template: { name: "factor-added", data: { factor: "totp", time, reviewUrl: `${APP}/account/security` } },
    urls: [`${APP}/account/security`, `${APP}/forgot-password`],
  },
  {
    template: {
      name: "factor-removed",
      data: { factor: "passkey", time, reviewUrl: `${APP}/account/security` },
    },
    urls: [`${APP}/account/security`, `${APP}/forgot-password`],
  },
  {
    template: {
      name: "newsletter-confirm",
      data: {
        url: token("/newsletter/confirm"),
        topics: ["offers"],
        consentText: "Ja, ich möchte Angebote per E-Mail erhalten.",
        textVersion: "marketing_email v1 (de)",
        expiresHours: 48,
      },
    },
    urls: [token("/newsletter/confirm")],
  },
  {
    template: {
      name: "newsletter-welcome",
      data: { topics: ["offers"], unsubscribeUrl: token("/newsletter/unsubscribe") },
    },
    urls: [token("/newsletter/unsubscribe")],
  },
  {
    template: {
      name: "bank-account-changed",
      data: {
        change: "changed",
        accountMasked: "DE89 •••• •••• •••• •••• 00",
        time,
        reviewUrl: `${APP}/account/payment`,
      },
    },
    urls: [`${APP}/account/payment`],
  },
  {
    template: {
      name: "account-deletion-requested",
      data: { scheduledFor: time, cancelUrl: `${APP}/login?callbackUrl=%2Faccount%2Fprivacy` },
    },
    urls: [`${APP}/login?callbackUrl=%2Faccount%2Fprivacy`],
  },
  { template: { name: "account-deleted", data: { time } }, urls: [] },
  {
    template: {
      name: "sign-in-blocked",
      data: {
        time,
        browser: "Chrome 150",
        os: "Android 16",
        location: "New York, US",
        ip: "198.51.100.9",
        reviewUrl: `${APP}/account/security`,
        reasons: ["NEW_DEVICE", "NEW_COUNTRY"],
        itWasMeUrl: token("/login/it-was-me"),
        notMeUrl: token("/login/not-me"),
        expiresMinutes: 60,
        continueMinutes: 30,
      },
    },
    urls: [token("/login/it-was-me"), token("/login/not-me")],
  },
  {
    template: { name: "sign-in-unlock", data: { url: token("/login/unlock"), expiresMinutes: 30 } },
    urls: [token("/login/unlock")],
  },
  {
    template: {
      name: "staff-invitation",
      data: { url: token("/staff-invitation"), role: "SUPPORT", expiresHours: 72 },
    },
    urls: [token("/staff-invitation")],
  },
  {
    template: { name: "approval-requested", data: { approvalUrl: `${APP}/account/approvals/abc123def456` } },
    urls: [`${APP}/account/approvals/abc123def456`],
  },
  {
    template: {
      name: "order-notice",
      data: { notice: "delivered", shopOrderId: "SO-4711", orderUrl: `${APP}/account/orders/ord123` },
    },
    urls: [`${APP}/account/orders/ord123`],
  },
];
