import type { ReactNode } from "react";

/**
 * Pages behind the links in newsletter mails. Public on purpose: the token in the link is the
 * authorisation, so they work without signing in. Layouts never authorise (ARCHITECTURE.md).
 */
export default function NewsletterLayout({ children }: { children: ReactNode }) {
  return <div className="mx-auto w-full max-w-xl">{children}</div>;
}
