/**
 * The server-side limits the app sets on its PostgreSQL connections (lib/db/postgres-settings.ts,
 * docs/decisions/0058): a transaction left idle is ended by the server and its locks freed, a lock
 * wait gives up, and the settings reach every connection. An instance that freezes while holding
 * the audit chain head (issue 16) thus stops the others' writes for seconds, not for good.
 * PostgreSQL only: SQLite has no server that could end anything.
 */
import { afterAll, describe, expect, it } from "vitest";
import { databaseKind, resolveDatabaseUrl } from "@/lib/db/database-url";
import { createPrismaClient } from "@/lib/db/prisma-client";

const isPostgres = databaseKind(resolveDatabaseUrl(process.env.DATABASE_URL)) === "postgres";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const clients: ReturnType<typeof createPrismaClient>[] = [];
const client = (...args: Parameters<typeof createPrismaClient>) => {
  const created = createPrismaClient(...args);
  clients.push(created);
  return created;
};
afterAll(() => Promise.all(clients.map((c) => c.$disconnect())));
// A real write of one partition's head row (Prisma skips an update with nothing to set): its row
// lock, as every audited write of that partition takes it (an upsert, as the writer's).
type Client = ReturnType<typeof createPrismaClient>;
const lockHead = (tx: Pick<Client, "auditChainHead">) =>
  tx.auditChainHead.upsert({
    where: { partition: 1 },
    create: { partition: 1 },
    update: { sequence: { increment: 0 } },
  });

describe.runIf(isPostgres)("PostgreSQL connection limits", () => {
  it("every connection carries the limits, defaults unless the environment says otherwise", async () => {
    const db = client();
    const show = async (name: string) =>
      ((await db.$queryRawUnsafe(`SHOW ${name}`)) as Record<string, string>[])[0]?.[name];
    expect(await show("idle_in_transaction_session_timeout")).toBe("10s");
    expect(await show("lock_timeout")).toBe("10s");
    expect(await show("statement_timeout")).toBe("30s");
  });

  it("ends a transaction left idle, rolls its write back and frees the audit chain head", async () => {
    const frozen = client(undefined, {
      postgres: { idleInTransactionTimeoutMs: 500, poolSize: 1, poolTimeoutMs: 3_000 },
    });
    const healthy = client(undefined, { postgres: { lockTimeoutMs: 5_000 } });
    const email = `idle.${Date.now()}@example.com`;
    let locked = () => {};
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const outcome = frozen
      .$transaction(
        async (tx) => {
          await tx.user.create({ data: { email, emailNormalized: email } });
          // Takes the head's row lock, as every audited write does, then stops: a frozen instance.
          await lockHead(tx);
          locked();
          await sleep(2_000);
          await tx.user.count();
        },
        { timeout: 5_000 },
      )
      .then(
        () => "committed",
        (error: unknown) => String(error),
      );
    await isLocked;
    // The other instance gets the head's lock once the server has ended the idle transaction.
    const started = performance.now();
    await lockHead(healthy);
    expect(performance.now() - started).toBeLessThan(4_000);
    expect(await outcome).toMatch(/idle-in-transaction|terminat|closed|Connection/i);
    expect(await healthy.user.count({ where: { emailNormalized: email } })).toBe(0);
    // The frozen instance's only connection came back to its pool: before ReleasingPrismaPg the
    // failed ROLLBACK kept it checked out for good, and this query waited for it until the pool's
    // timeout ("timeout exceeded when trying to connect").
    expect(await frozen.user.count({ where: { emailNormalized: email } })).toBe(0);
  });

  it("gives up a lock wait after lock_timeout instead of queueing behind a holder", async () => {
    const holder = client(undefined, { postgres: { idleInTransactionTimeoutMs: 60_000 } });
    const waiter = client(undefined, { postgres: { lockTimeoutMs: 300 } });
    let release = () => {};
    let locked = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holding = holder.$transaction(
      async (tx) => {
        await lockHead(tx);
        locked();
        await held;
      },
      { timeout: 60_000 },
    );
    try {
      await isLocked;
      const started = performance.now();
      const waited = await lockHead(waiter).then(
        () => "got the lock",
        (error: unknown) => String(error),
      );
      expect(waited).toMatch(/lock timeout/i);
      expect(performance.now() - started).toBeLessThan(3_000);
    } finally {
      release();
    }
    await holding;
  });
});
