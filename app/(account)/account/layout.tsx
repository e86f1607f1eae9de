import type { ReactNode } from "react";
import { ReConsentPrompt } from "./_components/re-consent-prompt";
import { StepUpProvider } from "@/app/_components/step-up/step-up-context";
import { AccountNav } from "./account-nav";
import { VerificationBanner } from "./verification-banner";

/**
 * Frame of the account area. It deliberately does not authorise: layouts do not re-run on
 * client navigation, so every page calls requireUser() itself (ARCHITECTURE.md).
 */
export default function AccountLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex flex-col gap-8 md:flex-row">
      <aside className="md:w-56 md:shrink-0">
        <AccountNav />
      </aside>
      <div className="min-w-0 flex-1">
        <VerificationBanner />
        <ReConsentPrompt />
        <StepUpProvider>{children}</StepUpProvider>
      </div>
    </div>
  );
}
