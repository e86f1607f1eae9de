import "server-only";
/**
 * Opening a customer (docs/decisions/0042). An agent sees a customer's file only after saying why;
 * that writes `support.customer_viewed` with the reason, which the customer reads in their activity
 * list. The event is also the permit: for ACCESS_MINUTES after it, the same agent may read and act
 * on that customer without asking again (one indexed lookup on actorId, createdAt), so paging the
 * history does not flood the log, and a new shift (or another agent) gives a reason of its own.
 */
import { db } from "@/lib/db";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import type { StaffActor } from "@/lib/server/actor";

export const ACCESS_MINUTES = 30;
const STAFF_ROLES = ["SUPPORT", "MARKETING", "ADMIN"] as const;

/** The customer account with this id, or null for an unknown id or a staff account. */
export async function findCustomer(customerId: string) {
  const user = await db.user.findUnique({
    where: { id: customerId },
    select: { id: true, email: true, locale: true, status: true, emailVerifiedAt: true, roles: true },
  });
  if (!user || user.roles.some((r) => (STAFF_ROLES as readonly string[]).includes(r.role))) return null;
  return user;
}

export type OpenResult = { ok: true } | { ok: false; code: "NOT_FOUND" };

export async function openCustomer(
  actor: StaffActor,
  input: { customerId: string; reason: string },
): Promise<OpenResult> {
  const customer = await findCustomer(input.customerId);
  if (!customer) return { ok: false, code: "NOT_FOUND" };
  await writeAuditEvent(db, {
    type: "support.customer_viewed",
    actor,
    subject: customer.id,
    metadata: { reason: input.reason },
  });
  return { ok: true };
}

/** Whether this agent opened this customer within the last ACCESS_MINUTES. */
export async function hasOpenAccess(staffId: string, customerId: string, now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - ACCESS_MINUTES * 60_000);
  const permit = await db.auditEvent.findFirst({
    where: {
      actorId: staffId,
      createdAt: { gte: since },
      type: "support.customer_viewed",
      subjectUserId: customerId,
    },
    select: { id: true },
  });
  return permit !== null;
}

export type SupportCustomer = NonNullable<Awaited<ReturnType<typeof findCustomer>>>;

/** The first step of every support action: the customer exists and this agent has opened them. */
export async function permittedCustomer(
  actor: StaffActor,
  customerId: string,
): Promise<{ ok: true; customer: SupportCustomer } | { ok: false; code: "NOT_FOUND" | "ACCESS_REQUIRED" }> {
  const customer = await findCustomer(customerId);
  if (!customer) return { ok: false, code: "NOT_FOUND" };
  if (!(await hasOpenAccess(actor.userId, customer.id))) return { ok: false, code: "ACCESS_REQUIRED" };
  return { ok: true, customer };
}
