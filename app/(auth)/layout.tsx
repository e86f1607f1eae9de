import type { ReactNode } from "react";

/** Sign-in steps share a narrow, centred column. Layouts never authorise (ARCHITECTURE.md). */
export default function AuthLayout({ children }: { children: ReactNode }) {
  return <div className="mx-auto w-full max-w-md">{children}</div>;
}
