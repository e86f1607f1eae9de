import "server-only";
/**
 * The WebAuthn relying party, derived from APP_URL (docs/decisions/0006): a passkey is bound to the
 * host name, so the public URL customers use is the only configuration that can be right. No
 * separate variable means the two can never disagree.
 */
import { getEnv } from "@/lib/env";

export type RelyingParty = { rpID: string; rpName: string; origin: string };

export function relyingParty(): RelyingParty {
  const url = new URL(getEnv().appUrl);
  return { rpID: url.hostname, rpName: "Kundenportal", origin: url.origin };
}
