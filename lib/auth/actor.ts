import "server-only";
/**
 * `currentActor()`: who acts in this request, made once from the session the caller has already
 * authorised (requireUser, requirePermission, requireRecentAuth) and the request's client. Domain
 * functions receive it and the audit log records it (lib/server/actor.ts).
 */
import type { Actor, SessionActor, StaffActor, StaffRole } from "@/lib/server/actor";
import { getClientInfo } from "./client-info";
import type { CurrentUser } from "./session";

/** The signed-in person acting on their own account (staff too, when it is their own account). */
export async function currentActor(user: CurrentUser): Promise<SessionActor>;
/** A staff member acting in a staff area, in the role the area required. */
export async function currentActor(user: CurrentUser, opts: { as: StaffRole }): Promise<StaffActor>;
/** Nobody signed in: sign-in, registration, a mailed link. */
export async function currentActor(user: null): Promise<Actor>;
export async function currentActor(user: CurrentUser | null, opts?: { as: StaffRole }): Promise<Actor> {
  const client = await getClientInfo();
  if (!user) return { kind: "anonymous", client };
  if (opts) return { kind: "staff", userId: user.id, role: opts.as, sessionId: user.sessionId, client };
  return { kind: "customer", userId: user.id, sessionId: user.sessionId, client };
}
