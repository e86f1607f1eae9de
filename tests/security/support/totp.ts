/**
 * The authenticator app over HTTP, as /account/security sets it up: start the enrolment, read the
 * key the page shows for manual entry, confirm with the app's current code.
 */
import { totpCode } from "../../e2e/support/totp";
import type { PortalClient } from "./portal-client";

/** Needs a fresh session (enrolment is behind step-up); returns the base32 secret and recovery codes. */
export async function enableTotp(client: PortalClient): Promise<{ secret: string; recoveryCodes: string[] }> {
  await client.action("startTotpEnrolmentAction", []);
  const html = await (await client.fetch("/account/security")).text();
  const grouped = /value="([A-Z2-7 ]{32,})"/.exec(html)?.[1];
  if (!grouped) throw new Error("the security page shows no authenticator key");
  const secret = grouped.replace(/\s+/g, "");
  const reply = await client.action("confirmTotpAction", [{ code: await totpCode(secret) }]);
  if (!reply.result?.ok) throw new Error(`authenticator not confirmed: ${JSON.stringify(reply.result)}`);
  return { secret, recoveryCodes: (reply.result.data as { recoveryCodes: string[] }).recoveryCodes };
}
