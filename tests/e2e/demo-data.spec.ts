import { createPrismaClient } from "../../lib/db/prisma-client";
import { DEMO_ACCOUNTS } from "../../prisma/seed-data";
import { expect, test } from "./fixtures";

test("[OPERATOR] the first start seeded the demo accounts into the new database", async ({ request }) => {
  // The server under test was started by `npm start`'s code path on an empty database file.
  expect((await request.get("/api/health")).status()).toBe(200);
  const db = createPrismaClient("file:./tests/.tmp/e2e/portal.db");
  try {
    const users = await db.user.findMany({ where: { isDemo: true }, include: { roles: true } });
    expect(users.map((u) => `${u.email}:${u.roles.map((r) => r.role).join()}`).sort()).toEqual(
      DEMO_ACCOUNTS.map((a) => `${a.email}:${a.role}`).sort(),
    );
    expect(await db.consentPurpose.count()).toBeGreaterThanOrEqual(5);
  } finally {
    await db.$disconnect();
  }
});
