/**
 * The service-notice setting (docs/decisions/0067) through the real domain functions, on SQLite and
 * PostgreSQL: on by default without any consent record, switched per channel with an audit event,
 * apart from the marketing channels, and part of the data export.
 */
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { getServiceNoticeSettings, updateServiceNotices } from "@/lib/server/communication/service-notices";
import { collectExportData } from "@/lib/server/privacy/export-data";
import { actorOf, createCustomer } from "../support/customers";

const db = createPrismaClient();
afterAll(() => db.$disconnect());

describe("service notices", () => {
  it("[CUSTOMER] are on for both channels by default, without a consent record", async () => {
    const customer = await createCustomer(db, { proven: true });
    expect(await getServiceNoticeSettings(customer.id, { tx: db })).toEqual({ email: true, push: true });
    // A customer without a preference row at all reads the same.
    await db.communicationPreference.delete({ where: { userId: customer.id } });
    expect(await getServiceNoticeSettings(customer.id, { tx: db })).toEqual({ email: true, push: true });
    expect(await db.consentRecord.count({ where: { userId: customer.id } })).toBe(0);
  });

  it("[CUSTOMER] switches one channel off, audited, leaving the marketing channels alone", async () => {
    const customer = await createCustomer(db, { proven: true });
    await db.communicationPreference.update({
      where: { userId: customer.id },
      data: { emailEnabled: false, pushEnabled: true },
    });
    await updateServiceNotices(
      { actor: actorOf(customer), userId: customer.id, settings: { email: false, push: true } },
      { tx: db },
    );
    expect(await getServiceNoticeSettings(customer.id, { tx: db })).toEqual({ email: false, push: true });
    const row = await db.communicationPreference.findUniqueOrThrow({ where: { userId: customer.id } });
    expect(row).toMatchObject({ emailEnabled: false, pushEnabled: true, smsEnabled: false });
    const events = await db.auditEvent.findMany({
      where: { subjectUserId: customer.id, type: "communication.service_notices_updated" },
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: customer.id, actorRole: "CUSTOMER" });
    expect(events[0]?.metadata).toMatchObject({ changed: ["email"], email: false, push: true });

    // Saving the same choice again changes nothing and writes no second event.
    await updateServiceNotices(
      { actor: actorOf(customer), userId: customer.id, settings: { email: false, push: true } },
      { tx: db },
    );
    expect(
      await db.auditEvent.count({
        where: { subjectUserId: customer.id, type: "communication.service_notices_updated" },
      }),
    ).toBe(1);
  });

  it("[CUSTOMER] finds the setting in the data export", async () => {
    const customer = await createCustomer(db, { proven: true });
    await updateServiceNotices(
      { actor: actorOf(customer), userId: customer.id, settings: { email: true, push: false } },
      { tx: db },
    );
    const data = await collectExportData({ userId: customer.id }, { tx: db });
    expect(data.communication.preferences).toMatchObject({ serviceNotices: { email: true, push: false } });
  });
});
