/**
 * Account deletion through the real domain functions, on SQLite and PostgreSQL: a request ends every
 * session and schedules the erasure after the grace period; cancelling restores the account; the
 * jobs run as of a later time erases every personal row in every model, blanks the personal
 * columns of the person's audit events and the audit chain still verifies.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getEnv } from "@/lib/env";
import { verifyAuditChain } from "@/lib/server/audit/verify-audit-chain";
import { cancelAccountDeletion, requestAccountDeletion } from "@/lib/server/privacy/account-deletion";
import { runJobs } from "@/lib/server/privacy/jobs";
import { customerActor } from "@/lib/server/actor";
import { db, client, DAY, customerEverywhere, rowsMentioning } from "../support/customer-everywhere";
import { emptyAuditLog } from "../support/audit-chain";

afterAll(() => db.$disconnect());

// The log is one per database and other files insert raw audit rows; like audit-log.test.ts this
// file starts from an empty log (files run one after another).
beforeAll(() => emptyAuditLog(db));

describe("account deletion and erasure", () => {
  it("a request ends every session and schedules the erasure; cancelling restores the account", async () => {
    const user = await customerEverywhere();
    const now = new Date();
    const result = await requestAccountDeletion({ actor: customerActor(user.id, client), now }, { tx: db });
    expect(result).toMatchObject({ ok: true, sessionsEnded: 1 });
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.status).toBe("PENDING_DELETION");
    expect(row.deletionScheduledFor!.getTime() - now.getTime()).toBe(getEnv().deletionGraceDays * DAY);
    expect(await db.session.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
    expect(await db.session.count({ where: { userId: user.id, revokeReason: "DELETION_REQUESTED" } })).toBe(
      1,
    );
    expect(await requestAccountDeletion({ actor: customerActor(user.id, client) }, { tx: db })).toEqual({
      ok: false,
      code: "ALREADY_PENDING",
    });

    expect(await cancelAccountDeletion(customerActor(user.id, client), { tx: db })).toBe(true);
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      status: "ACTIVE",
      deletionRequestedAt: null,
      deletionScheduledFor: null,
    });
    expect(await cancelAccountDeletion(customerActor(user.id, client), { tx: db })).toBe(false);
    const types = (
      await db.auditEvent.findMany({ where: { subjectUserId: user.id }, select: { type: true } })
    ).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(["privacy.deletion_requested", "privacy.deletion_cancelled"]),
    );
    // Cancelled: a jobs run long after the would-be date erases nothing.
    await runJobs({ now: new Date(now.getTime() + 100 * DAY) }, { tx: db });
    expect(await db.user.count({ where: { id: user.id } })).toBe(1);
  });

  it("erases every personal row after the grace period, keeps redacted audit events, and the chain verifies", async () => {
    const user = await customerEverywhere();
    const bystander = await customerEverywhere();
    const now = new Date();
    await requestAccountDeletion({ actor: customerActor(user.id, client), now }, { tx: db });

    const early = await runJobs({ now: new Date(now.getTime() + DAY) }, { tx: db });
    expect(early.erased.map((e) => e.userId)).not.toContain(user.id);
    expect(await db.user.count({ where: { id: user.id } })).toBe(1);

    const after = await runJobs(
      { now: new Date(now.getTime() + (getEnv().deletionGraceDays + 1) * DAY) },
      { tx: db },
    );
    expect(after.erased).toEqual([
      expect.objectContaining({ userId: user.id, signInAttemptsDeleted: 2, rateLimitBucketsDeleted: 1 }),
    ]);

    expect(await rowsMentioning(db, user.marker, user.id)).toEqual([]);
    expect(await rowsMentioning(db, user.email, user.id)).toEqual([]);
    // The consent purpose the test created is shared configuration, not personal data: it stays.
    expect(await db.consentPurpose.count({ where: { id: user.purposeId } })).toBe(1);

    const events = await db.auditEvent.findMany({
      where: { subjectUserId: user.id },
      orderBy: { sequence: "asc" },
    });
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining([
        "profile.updated",
        "privacy.export_requested",
        "privacy.deletion_requested",
        "privacy.account_erased",
      ]),
    );
    for (const event of events) {
      expect(event.ip).toBeNull();
      expect(event.userAgent).toBeNull();
      if (event.type === "privacy.account_erased") {
        expect(event.actorRole).toBe("SYSTEM");
      } else {
        expect(event.metadata).toBeNull();
        expect(event.redactedAt).not.toBeNull();
      }
    }
    expect(await verifyAuditChain({ tx: db })).toMatchObject({ ok: true });

    // The other customer is untouched.
    expect(await db.user.count({ where: { id: bystander.id } })).toBe(1);
    expect(await db.address.count({ where: { userId: bystander.id } })).toBe(1);
    expect(await rowsMentioning(db, bystander.marker, bystander.id)).not.toEqual([]);
  });
});
