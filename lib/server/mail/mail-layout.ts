/**
 * Turns one structured mail (heading, paragraphs, buttons, facts) into its HTML and plain-text
 * parts, so both always carry the same content. Every value is escaped here, in one place: the
 * templates never build HTML themselves. Pure, so tests can render without a server.
 */

export type MailBlock =
  | { kind: "paragraph"; text: string }
  | { kind: "subheading"; text: string }
  /** A link shown as a button, followed by the raw URL for clients that do not render buttons. */
  | { kind: "button"; label: string; url: string; isSecondary?: boolean }
  /** Label/value pairs such as time, device and location of a sign-in. */
  | { kind: "facts"; rows: { label: string; value: string }[] };

export type MailContent = {
  locale: string;
  subject: string;
  brand: string;
  heading: string;
  blocks: MailBlock[];
  /** Shown under the body when the mail has a button. */
  buttonHint: string;
  signOff: string[];
  footer: string;
  /** Who sends the mail: the operator's name, address and register (business-mail duties). */
  sender?: string;
};

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/** Mail links come from our own code, but a javascript: or data: URL must never become a button. */
export function assertHttpUrl(url: string): void {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new Error("[mail] a mail link is not an absolute URL");
  }
  // The URL itself is not in the message: it may carry a token.
  if (protocol !== "https:" && protocol !== "http:") throw new Error("[mail] a mail link is not http(s)");
}

// Inline styles only: many mail clients drop <style> blocks. Colours meet WCAG AA contrast
// (#1d4ed8 on white 6.7:1, #4b5563 on white 7.6:1, body text #111827 on white 17:1).
const FONT = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;";
const S = {
  body: "margin:0;padding:0;background-color:#f3f4f6;",
  card: `padding:32px 28px;${FONT}font-size:16px;line-height:1.5;color:#111827;background-color:#ffffff;border-radius:8px;`,
  brand: "margin:0 0 16px;font-size:14px;font-weight:600;color:#1e3a8a;",
  h1: "margin:0 0 16px;font-size:22px;line-height:1.3;font-weight:700;color:#111827;",
  h2: "margin:24px 0 8px;font-size:18px;line-height:1.3;font-weight:700;color:#111827;",
  p: "margin:0 0 16px;",
  button:
    "display:inline-block;padding:12px 24px;border:2px solid #1d4ed8;border-radius:6px;background-color:#1d4ed8;color:#ffffff;font-weight:600;text-decoration:none;",
  buttonSecondary:
    "display:inline-block;padding:12px 24px;border:2px solid #1d4ed8;border-radius:6px;background-color:#ffffff;color:#1d4ed8;font-weight:600;text-decoration:none;",
  rawUrl: "margin:0 0 20px;font-size:14px;word-break:break-all;",
  link: "color:#1d4ed8;text-decoration:underline;",
  th: "padding:4px 16px 4px 0;text-align:left;vertical-align:top;font-weight:600;",
  td: "padding:4px 0;vertical-align:top;",
  hr: "margin:24px 0;border:0;border-top:1px solid #d1d5db;",
  small: "margin:0 0 8px;font-size:14px;color:#4b5563;",
};

function renderBlockHtml(block: MailBlock): string {
  switch (block.kind) {
    case "paragraph":
      return `<p style="${S.p}">${escapeHtml(block.text)}</p>`;
    case "subheading":
      return `<h2 style="${S.h2}">${escapeHtml(block.text)}</h2>`;
    case "button": {
      assertHttpUrl(block.url);
      const href = escapeHtml(block.url);
      const style = block.isSecondary ? S.buttonSecondary : S.button;
      return [
        `<p style="margin:24px 0 8px;"><a href="${href}" style="${style}">${escapeHtml(block.label)}</a></p>`,
        `<p style="${S.rawUrl}"><a href="${href}" style="${S.link}">${href}</a></p>`,
      ].join("\n");
    }
    case "facts": {
      const rows = block.rows.map(
        (row) =>
          `<tr><th scope="row" style="${S.th}">${escapeHtml(row.label)}</th><td style="${S.td}">${escapeHtml(row.value)}</td></tr>`,
      );
      return `<table style="margin:0 0 16px;border-collapse:collapse;">\n${rows.join("\n")}\n</table>`;
    }
  }
}

export function renderMailHtml(content: MailContent): string {
  const hasButton = content.blocks.some((b) => b.kind === "button");
  const lang = escapeHtml(content.locale);
  return [
    "<!DOCTYPE html>",
    `<html lang="${lang}" dir="ltr">`,
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light">',
    `<title>${escapeHtml(content.subject)}</title>`,
    "</head>",
    `<body style="${S.body}">`,
    // Layout tables (role="presentation") centre the card in clients that ignore max-width on divs.
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="${S.body}">`,
    '<tr><td align="center" style="padding:24px 12px;">',
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;">',
    `<tr><td lang="${lang}" style="${S.card}">`,
    `<p style="${S.brand}">${escapeHtml(content.brand)}</p>`,
    `<h1 style="${S.h1}">${escapeHtml(content.heading)}</h1>`,
    ...content.blocks.map(renderBlockHtml),
    `<p style="${S.p}">${content.signOff.map(escapeHtml).join("<br>")}</p>`,
    `<hr style="${S.hr}">`,
    ...(hasButton ? [`<p style="${S.small}">${escapeHtml(content.buttonHint)}</p>`] : []),
    `<p style="${S.small}">${escapeHtml(content.footer)}</p>`,
    ...(content.sender ? [`<p style="${S.small}">${escapeHtml(content.sender)}</p>`] : []),
    "</td></tr>",
    "</table>",
    "</td></tr>",
    "</table>",
    "</body>",
    "</html>",
  ].join("\n");
}

function renderBlockText(block: MailBlock): string {
  switch (block.kind) {
    case "paragraph":
      return block.text;
    case "subheading":
      return `${block.text}\n${"-".repeat(block.text.length)}`;
    case "button":
      assertHttpUrl(block.url);
      // The URL on a line of its own: clients linkify it, and nothing glues punctuation to it.
      return `${block.label}:\n${block.url}`;
    case "facts":
      return block.rows.map((row) => `${row.label}: ${row.value}`).join("\n");
  }
}

export function renderMailText(content: MailContent): string {
  return [
    `${content.heading}\n${"=".repeat(content.heading.length)}`,
    ...content.blocks.map(renderBlockText),
    content.signOff.join("\n"),
    `-- \n${[content.footer, content.sender].filter(Boolean).join("\n")}`,
  ].join("\n\n");
}
