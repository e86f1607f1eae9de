/**
 * The authenticator app in E2E specs: the codes it would show, and setting it up in
 * /account/security as a person would (QR code shown, key typed, first code entered).
 */
import { expect, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";

const STEP_SECONDS = 30;

/**
 * The code an authenticator app would show `offsetSteps` steps from now. Waits out the last 3 s of
 * a step first, so the server never sees a code from a step that ended while the form was sent.
 */
export async function totpCode(secret: string, offsetSteps = 0): Promise<string> {
  const secondsLeft = STEP_SECONDS - ((Date.now() / 1000) % STEP_SECONDS);
  if (secondsLeft < 3) await new Promise((resolve) => setTimeout(resolve, secondsLeft * 1000 + 200));
  const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: STEP_SECONDS });
  return totp.generate({ timestamp: Date.now() + offsetSteps * STEP_SECONDS * 1000 });
}

/** On /account/security: sets up the authenticator app and returns its secret (base32). */
export async function activateAuthenticatorApp(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Authenticator-App einrichten" }).click();
  await expect(page.getByRole("img", { name: "QR-Code zum Einrichten der Authenticator-App" })).toBeVisible();
  const secret = (await page.getByLabel("Schlüssel für die manuelle Eingabe").inputValue()).replace(
    /\s+/g,
    "",
  );
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await page.getByLabel("Sechsstelliger Code aus der App").fill(await totpCode(secret));
  await page.getByRole("button", { name: "Aktivieren" }).click();
  await expect(page.getByText("Die Authenticator-App ist jetzt aktiv.")).toBeVisible();
  return secret;
}
