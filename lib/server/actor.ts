/**
 * Who did it: the one description of the party behind a change, made once per request by the
 * request layer (`currentActor()` in lib/auth/actor.ts) and passed to domain functions, which hand
 * it to the audit log unchanged (writeAuditEvent maps it onto the stored columns). Plain module:
 * scripts and tests make actors too.
 */
import type { Role } from "@/lib/config/roles";
import type { ClientInfo } from "@/lib/server/request/client-info";

export type StaffRole = Exclude<Role, "CUSTOMER">;

export type Actor =
  /** A signed-in person acting on their own account (staff too, when it is their own account). */
  | { kind: "customer"; userId: string; sessionId: string | null; client: ClientInfo }
  /** A staff member acting in a staff area, in the role that area requires. */
  | { kind: "staff"; userId: string; role: StaffRole; sessionId: string | null; client: ClientInfo }
  | { kind: "apiKey"; apiKeyId: string; client: ClientInfo }
  /**
   * The portal itself: a rule it applied to a request (a risk decision; the request's client is
   * kept) or a job with no request at all (NO_CLIENT).
   */
  | { kind: "system"; client: ClientInfo }
  /** Someone not (yet) signed in: a sign-in attempt, a mailed link, a registration. */
  | { kind: "anonymous"; client: ClientInfo };

export type CustomerActor = Extract<Actor, { kind: "customer" }>;
export type StaffActor = Extract<Actor, { kind: "staff" }>;
/** The account holder acting through this request's session (sign-out, step-up, this device). */
export type SessionActor = CustomerActor & { sessionId: string };

/** No request behind the change (a job, a script, an effect after a commit). */
export const NO_CLIENT: ClientInfo = { ip: null, userAgent: null, browser: null, os: null, location: null };

/** A client known only by its address and user agent (e.g. as stored with a pending sign-in). */
export function clientOf(client: Pick<ClientInfo, "ip" | "userAgent"> | null | undefined): ClientInfo {
  if (!client) return NO_CLIENT;
  return "browser" in client
    ? (client as ClientInfo)
    : { ...NO_CLIENT, ip: client.ip, userAgent: client.userAgent };
}

/**
 * The account holder acting, where the domain itself established who it is (a verified password,
 * a mailed link, a confirmed transaction) rather than a session of this request; tests make their
 * actors with it too.
 */
export function customerActor(
  userId: string,
  client: Pick<ClientInfo, "ip" | "userAgent"> | null | undefined,
  sessionId: string,
): SessionActor;
export function customerActor(
  userId: string,
  client?: Pick<ClientInfo, "ip" | "userAgent"> | null,
  sessionId?: string | null,
): CustomerActor;
export function customerActor(
  userId: string,
  client?: Pick<ClientInfo, "ip" | "userAgent"> | null,
  sessionId: string | null = null,
): CustomerActor {
  return { kind: "customer", userId, sessionId, client: clientOf(client) };
}

export function systemActor(client?: Pick<ClientInfo, "ip" | "userAgent"> | null): Actor {
  return { kind: "system", client: clientOf(client) };
}

export function anonymousActor(client?: Pick<ClientInfo, "ip" | "userAgent"> | null): Actor {
  return { kind: "anonymous", client: clientOf(client) };
}
