"use client";

import { useState } from "react";
import { FormError } from "@/components/forms/form-error";
import { Button } from "@/components/ui/button";
import { useRetryOnCode } from "@/components/forms/retry-on-code";
import type { ActionResult } from "@/lib/errors";

export type SocialSignInButtonProps = {
  /** Provider key from OIDC_PROVIDERS. */
  provider: string;
  label: string;
  pendingLabel: string;
  /** Shown when the redirect to the provider could not be started. */
  failedMessage: string;
  /** Where next-auth returns to if our callback does not choose (it always does). */
  callbackUrl: string;
  /**
   * A server action to run first, e.g. marking a "connect" from the security page; when it asks
   * for a step-up (a new way in needs the strongest factor), the dialog opens and it runs again.
   */
  prepare?: () => Promise<ActionResult<null>>;
};

/**
 * Starts a sign-in with an OpenID Connect provider. next-auth's `signIn` posts to its
 * CSRF-protected sign-in route and then navigates to the provider; a plain form could not,
 * because the CSP's form-action 'self' forbids a form submission that redirects off-site.
 */
export function SocialSignInButton({
  provider,
  label,
  pendingLabel,
  failedMessage,
  callbackUrl,
  prepare,
}: SocialSignInButtonProps) {
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);
  const withRetry = useRetryOnCode();

  async function start() {
    setPending(true);
    setFailed(false);
    try {
      if (prepare && !(await withRetry(prepare)).ok) throw new Error("prepare failed");
      // next-auth's client is fetched on the click, not with /login and /register (issue 16).
      const { signIn } = await import("next-auth/react");
      // Resolves just before the browser leaves for the provider; the button stays busy.
      await signIn(provider, { callbackUrl });
    } catch {
      setPending(false);
      setFailed(true);
    }
  }

  return (
    <div className="flex flex-col gap-2">
      {failed ? <FormError message={failedMessage} /> : null}
      <Button
        variant="secondary"
        className="w-full"
        onClick={start}
        disabled={pending}
        aria-busy={pending || undefined}
      >
        {pending ? pendingLabel : label}
      </Button>
    </div>
  );
}
