/**
 * Chromium's virtual authenticator for passkey specs: a platform authenticator with resident keys
 * and user verification that answers without a prompt.
 */
import { expect, type BrowserContext, type Locator, type Page } from "@playwright/test";
import type { AxeAudits } from "../fixtures";
import { createCustomer, signInAs } from "./users";

export async function addVirtualAuthenticator(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
}

/**
 * Runs a WebAuthn ceremony started by `start` until `done` shows. Chromium refuses or cancels a
 * ceremony while its page is not in front, and the accessibility audit of the fixture briefly
 * opens a helper page in the context; so the audit is let finish first, the page brought to the
 * front, and a ceremony cancelled by a focus change is tried again, as a person would.
 */
export async function runCeremony(
  page: Page,
  axeAudits: AxeAudits,
  start: () => Promise<void>,
  done: Locator,
): Promise<void> {
  const cancelled = page.getByRole("alert").filter({ hasText: "Der Vorgang wurde abgebrochen." });
  for (let attempt = 1; ; attempt++) {
    await axeAudits.check();
    await page.bringToFront();
    await start();
    await expect(done.or(cancelled).first()).toBeVisible();
    if (await done.first().isVisible()) return;
    if (attempt === 3) throw new Error("the WebAuthn ceremony was cancelled three times");
  }
}

/** A signed-in customer who registered a passkey in /account/security, as a person would. */
export async function customerWithPasskey(page: Page, context: BrowserContext, axeAudits: AxeAudits) {
  const user = await createCustomer();
  const sessionId = await signInAs(context, user.id);
  await addVirtualAuthenticator(page);
  await page.goto("/account/security");
  await runCeremony(
    page,
    axeAudits,
    () => page.getByRole("button", { name: "Passkey hinzufügen" }).click(),
    page.getByRole("status").filter({ hasText: /wurde hinzugefügt/ }),
  );
  return { ...user, sessionId };
}
