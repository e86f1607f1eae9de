/**
 * What the one door (complete-sign-in.ts) records for a sign-in that opens a session, and what it
 * gets back. Types only: the writer itself stays private to the door (decision 0020).
 */
import type { AuditEventInput } from "@/lib/server/audit/write-audit-event";
import type { ClientInfo } from "@/lib/server/request/client-info";
import type { AuthMethodName, NewSession } from "@/lib/server/sessions/sessions";
import type { DoorUser } from "./door-user";
import type { SessionAudit } from "./sign-in-audit";
import type { SecondFactorMethod } from "./sign-in-factors";

export type SignInRecord = {
  user: { id: string; email: string; locale: string; roles?: DoorUser["roles"] };
  rememberMe: boolean;
  deviceCookieId: string;
  client: ClientInfo;
  firstFactor: "PASSWORD" | "PASSKEY" | "SOCIAL";
  secondFactor?: SecondFactorMethod;
  methods: AuthMethodName[];
  aal: 1 | 2;
  /** The SECOND_FACTOR_REQUIRED attempt to mark as succeeded; without it a new row is written. */
  attemptId?: string | null;
  audit?: SessionAudit;
  /** The door's risk assessment, audited in this transaction when the session opens right away. */
  riskAudit?: AuditEventInput;
};

export type RecordedSignIn = {
  session: NewSession;
  /** A new browser for a person who had others: they get the new-device notice. */
  newDevice: boolean;
};
