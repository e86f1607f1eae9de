import type { ReactNode } from "react";

/** Legal texts read best at a comfortable line length. */
export default function LegalLayout({ children }: { children: ReactNode }) {
  return <div className="max-w-3xl">{children}</div>;
}
