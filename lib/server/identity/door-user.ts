import "server-only";
/**
 * The account as the one door (complete-sign-in.ts) needs it: status, roles and authenticator for
 * the rules, address and locale for the notices. A first factor that has just read the account
 * (the password step, the passkey's credential) hands its row to the door instead of the door
 * reading it again (issue 16: no repeated reads in a sign-in); the other ways in let the door
 * load it. The landing is worked out from the same row, so the sign-in action does not read the
 * account a third time to know where to go.
 */
import type { Role } from "@/lib/config/roles";
import { homePathFor } from "@/lib/config/permissions";
import { db } from "@/lib/db";

export type DoorUser = {
  id: string;
  email: string;
  locale: string;
  status: string;
  roles: { role: Role }[];
  totpFactor: { confirmedAt: Date | null } | null;
};

/** Include it in a first factor's read of the account to hand the door what it needs. */
export const DOOR_USER_RELATIONS = {
  roles: { select: { role: true } },
  totpFactor: { select: { confirmedAt: true } },
} as const;

export async function loadDoorUser(userId: string): Promise<DoorUser> {
  return db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, email: true, locale: true, status: true, ...DOOR_USER_RELATIONS },
  });
}

/**
 * Where a session opened by the door lands: the deletion grace period's page wins over any return
 * path (the customer may cancel there), otherwise the caller's return path or `home`
 * (landing.ts: staff on their first console, customers in /account).
 */
export type SignInLanding = { deletionPending: boolean; home: string };

export function signInLanding(user: DoorUser): SignInLanding {
  return {
    deletionPending: user.status === "PENDING_DELETION",
    home: homePathFor({ roles: user.roles.map((r) => r.role) }),
  };
}
