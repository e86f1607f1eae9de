import { afterAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/server/passwords/password-hash";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { seedDatabase } from "../../prisma/seed";
import { CONSENT_PURPOSES, DEMO_ACCOUNTS } from "../../prisma/seed-data";

const db = createPrismaClient();
afterAll(() => db.$disconnect());

describe("seed", () => {
  it("refuses demo accounts on a public URL while they exist", async () => {
    await db.user.create({
      data: { email: "demo-probe@example.com", emailNormalized: "demo-probe@example.com", isDemo: true },
    });
    await expect(seedDatabase(db, { demo: "auto", isPublicUrl: true })).rejects.toThrow(
      /demo accounts present \(demo-probe@example.com\)/,
    );
    await db.user.delete({ where: { emailNormalized: "demo-probe@example.com" } });
  });

  it("creates reference data and the four demo accounts once, on an empty database", async () => {
    await db.user.deleteMany({});
    const first = await seedDatabase(db, { demo: "auto", isPublicUrl: false });
    const second = await seedDatabase(db, { demo: "auto", isPublicUrl: false });
    expect(first.demoAccountsCreated).toBe(true);
    expect(second.demoAccountsCreated).toBe(false);
    // Other test files add purposes of their own to the shared database: count the seeded ones.
    const seeded = await db.consentPurpose.findMany({
      where: { key: { in: CONSENT_PURPOSES.map((p) => p.key) } },
      include: { versions: { include: { texts: true } } },
    });
    expect(seeded).toHaveLength(CONSENT_PURPOSES.length);
    for (const purpose of seeded) {
      expect(purpose.versions).toHaveLength(1);
      expect(purpose.versions[0]?.texts.map((t) => t.locale).sort()).toEqual(["de", "en"]);
    }
    expect(await db.auditChainHead.findUnique({ where: { partition: 0 } })).not.toBeNull();

    const users = await db.user.findMany({
      include: { roles: true, passwordCredential: true },
      orderBy: { email: "asc" },
    });
    expect(users.map((u) => [u.email, u.roles.map((r) => r.role)]).sort()).toEqual(
      DEMO_ACCOUNTS.map((a) => [a.email, [a.role]]).sort(),
    );
    for (const account of DEMO_ACCOUNTS) {
      const user = users.find((u) => u.email === account.email)!;
      expect(user.isDemo).toBe(true);
      expect(await verifyPassword(user.passwordCredential!.hash, account.password)).toBe(true);
    }
  });

  it("does not create demo accounts when DEMO_DATA=off", async () => {
    await db.user.deleteMany({});
    expect((await seedDatabase(db, { demo: "off", isPublicUrl: false })).demoAccountsCreated).toBe(false);
    expect(await db.user.count()).toBe(0);
  });
});
