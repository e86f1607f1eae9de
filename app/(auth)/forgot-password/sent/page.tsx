import type { Metadata } from "next";
import { MailSent, mailSentMetadata } from "../../mail-sent";

export function generateMetadata(): Promise<Metadata> {
  return mailSentMetadata("auth.resetSent");
}

export default function ResetSentPage() {
  return <MailSent namespace="auth.resetSent" />;
}
