import type { Metadata } from "next";
import { MailSent, mailSentMetadata } from "../../mail-sent";

export function generateMetadata(): Promise<Metadata> {
  return mailSentMetadata("auth.checkEmail");
}

export default function CheckEmailPage() {
  return <MailSent namespace="auth.checkEmail" />;
}
