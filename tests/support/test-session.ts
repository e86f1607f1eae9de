/**
 * A signed-in session row for integration tests that start from "the customer is signed in":
 * random token, one hour idle and a day absolute, password as the method unless the test says
 * otherwise (e.g. an older authenticatedAt for step-up).
 */
import { randomBytes } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma-sqlite/client";
import type { Db } from "@/lib/db/prisma-client";

export function createTestSession(
  db: Db,
  userId: string,
  data: Partial<Omit<Prisma.SessionUncheckedCreateInput, "userId">> = {},
) {
  return db.session.create({
    data: {
      tokenHash: randomBytes(32).toString("hex"),
      idleExpiresAt: new Date(Date.now() + 3_600_000),
      absoluteExpiresAt: new Date(Date.now() + 86_400_000),
      authMethods: ["PASSWORD"],
      ...data,
      userId,
    },
  });
}
