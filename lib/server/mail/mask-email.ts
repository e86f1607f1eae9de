/**
 * Masks an address for logs and for mails that must not reveal it in full ("e***@example.com").
 * Pure and free of server-only imports: the notice to the old address and the tests use it too.
 */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf("@");
  if (at <= 0) return "***";
  return `${address.slice(0, 1)}***${address.slice(at)}`;
}

/** Replaces every address-like token in a text (e.g. an SMTP server's error reply) by its mask. */
export function redactEmails(text: string): string {
  return text.replace(/[^\s<>"'(),;:[\]@]+@[^\s<>"'(),;:[\]@]+/g, (match) => maskEmail(match));
}
