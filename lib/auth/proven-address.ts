import "server-only";
/**
 * The request-layer half of the mailbox-proof rule (docs/decisions/0018): actions that add a
 * credential, factor, identity, push device or bank account refuse an account whose address is
 * not proven yet, before any step-up or browser ceremony. The domain functions check again
 * (lib/server/identity/mailbox-proof.ts), so a forgotten call here still writes nothing.
 */
import { actionFailure, type ActionFailure } from "@/lib/errors";
import type { CurrentUser } from "./session";

/** The ADDRESS_UNPROVEN failure to return, or null when the signed-in person's address is proven. */
export function refuseUnprovenAddress(user: Pick<CurrentUser, "emailVerified">): ActionFailure | null {
  return user.emailVerified ? null : actionFailure("ADDRESS_UNPROVEN");
}
