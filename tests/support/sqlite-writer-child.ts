/**
 * One app process for tests/integration/sqlite-processes.test.ts, run with
 * `node --conditions=react-server --import tsx` and the test's DATABASE_URL. Waits for a start file
 * (so both processes begin together), then runs `count` rounds of the app's two kinds of write
 * transaction on its one Prisma client, several at once as a server's requests would:
 *   sign-in-like: read the customer, then bump the sign-in count and create a session (read, then write);
 *   profile update: change the name with its audit event (the audit head is read, then written).
 * No retries: every failure is counted and reported. Prints one JSON line with the result.
 */
import { existsSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { customerActor } from "@/lib/server/actor";
import { writeAuditEvent } from "@/lib/server/audit/write-audit-event";

const [tag = "x", countArg = "100", startFile = ""] = process.argv.slice(2);
const count = Number(countArg);
const CONCURRENT = 8;
const db = createPrismaClient();

const email = `proc-${tag}-${randomUUID()}@example.com`;
const user = await db.user.create({ data: { email, emailNormalized: email } });
console.log("ready");
while (!existsSync(startFile)) await new Promise((resolve) => setTimeout(resolve, 10));

const errors: string[] = [];
let sessions = 0;
let updates = 0;

async function signIn(i: number): Promise<void> {
  await db.$transaction(async (tx) => {
    const found = await tx.user.findUniqueOrThrow({ where: { emailNormalized: email } });
    await tx.user.update({ where: { id: found.id }, data: { signInCount: { increment: 1 } } });
    const now = Date.now();
    await tx.session.create({
      data: {
        tokenHash: `${tag}-${i}-${randomUUID()}`,
        userId: found.id,
        idleExpiresAt: new Date(now + 3_600_000),
        absoluteExpiresAt: new Date(now + 86_400_000),
        authMethods: ["pwd"],
      },
    });
  });
  sessions++;
}

async function updateProfile(i: number): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { displayName: `Name ${i}` } });
    await writeAuditEvent(tx, {
      type: "profile.updated",
      actor: customerActor(user.id, { ip: "192.0.2.30", userAgent: "vitest" }),
      subject: user.id,
      metadata: { fields: ["displayName"], index: i },
    });
  });
  updates++;
}

let next = 0;
async function lane(): Promise<void> {
  while (next < count) {
    const i = next++;
    try {
      await (i % 2 ? updateProfile(i) : signIn(i));
    } catch (error) {
      errors.push(error instanceof Error ? error.message.split("\n").slice(-1)[0]! : String(error));
    }
  }
}
await Promise.all(Array.from({ length: CONCURRENT }, lane));
const signInCount = (await db.user.findUniqueOrThrow({ where: { id: user.id } })).signInCount;
const sessionRows = await db.session.count({ where: { userId: user.id } });
console.log(JSON.stringify({ tag, userId: user.id, sessions, updates, signInCount, sessionRows, errors }));
await db.$disconnect();
