import "server-only";
/**
 * A request a staff session may not make, recorded (issue 12: "a forged request … is refused and
 * audited"). Today that is the IBAN reveal: bank details stay masked for staff whatever id they
 * send (docs/decisions/0042). The event names the action and the id sent, nothing of the target.
 */
import { db } from "@/lib/db";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import type { StaffActor } from "@/lib/server/actor";

export async function recordRefusedRequest(
  actor: StaffActor,
  request: { action: string; target?: { type: string; id: string } },
): Promise<void> {
  await writeAuditEvent(db, {
    type: "support.request_refused",
    actor,
    target: request.target,
    metadata: { action: request.action },
  });
}
