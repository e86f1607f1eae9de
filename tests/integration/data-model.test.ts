import { afterAll, describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma-sqlite/client";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";
import { systemActor } from "@/lib/server/actor";

const db = createPrismaClient();
afterAll(() => db.$disconnect());

describe("migrations", () => {
  it("create a table for every model of the schema", async () => {
    const models = Object.values(Prisma.ModelName);
    expect(models.length).toBeGreaterThanOrEqual(30);
    for (const model of models) {
      const delegate = (db as unknown as Record<string, { count(): Promise<number> }>)[
        model[0]!.toLowerCase() + model.slice(1)
      ];
      await expect(delegate!.count(), model).resolves.toBeGreaterThanOrEqual(0);
    }
  });

  it("cascade a user's personal rows on erasure but keep audit events", async () => {
    const user = await db.user.create({
      data: {
        email: "Cascade@Example.com",
        emailNormalized: `cascade-${Date.now()}@example.com`,
        roles: { create: { role: "CUSTOMER" } },
        profile: { create: { firstName: "Cas" } },
        addresses: {
          create: {
            recipientName: "Cas",
            street: "Weg",
            houseNumber: "1",
            postalCode: "10115",
            city: "Berlin",
            country: "DE",
          },
        },
      },
    });
    const audit = await writeAuditEvent(db, {
      type: "auth.registered",
      actor: systemActor(),
      subject: user.id,
    });
    await db.user.delete({ where: { id: user.id } });
    expect(await db.address.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.userRole.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.profile.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.auditEvent.findUnique({ where: { id: audit.id } })).toMatchObject({
      subjectUserId: user.id,
    });
  });
});
