/**
 * "Killing the app between the change and delivery loses nothing" (docs/decisions/0047), with real
 * processes and SIGKILL, on SQLite and PostgreSQL: a portal process withdraws a consent and is
 * killed right after the commit, before any delivery; a worker process claims the delivery, is
 * killed while the receiver holds its request; once the lease has run out, another worker
 * delivers the event, with the same webhook-id, signed.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { Webhook } from "standardwebhooks";
import { afterAll, describe, expect, it } from "vitest";
import { WEBHOOK_POLICY } from "@/lib/config/webhooks";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { runWebhookDeliveries } from "@/lib/server/webhooks/delivery";
import { createWebhookEndpoint, disableWebhookEndpoint } from "@/lib/server/webhooks/endpoints";
import { adminActor, consentingCustomer } from "../support/marketing";
import { startReceiver } from "../support/webhook-receiver";

const db = createPrismaClient();
afterAll(() => db.$disconnect());

/** A portal process (tests/support/webhook-child.ts); resolves once it printed `ready`. */
function portalProcess(args: string[], ready: string): Promise<ChildProcess> {
  // One node process with tsx as its loader, so SIGKILL ends exactly the portal process.
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "tests/support/webhook-child.ts", ...args],
    { env: process.env, stdio: ["ignore", "pipe", "pipe"] },
  );
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`child did not print ${ready}: ${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(ready)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.on("exit", (code) => reject(new Error(`child exited (${code}) before ${ready}: ${output}`)));
  });
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.on("exit", () => resolve());
    child.kill("SIGKILL"); // as a crash or an out-of-memory kill would end it: no clean-up runs
  });
}

describe("webhook outbox under process death", () => {
  it("a withdrawal committed by a process killed before delivery, and a worker killed mid-delivery, still reach the receiver", async () => {
    const receiver = await startReceiver();
    const actor = await adminActor(db);
    const created = await createWebhookEndpoint(
      { actor, url: receiver.url, events: ["consent.withdrawn"] },
      { tx: db },
    );
    if (!created.ok) throw new Error(created.code);
    try {
      const customer = await consentingCustomer(db, { purpose: "birthday_offers" });

      const app = await portalProcess(["change", customer.id, "birthday_offers"], "committed");
      await kill(app);
      const queued = await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: created.id } });
      expect(queued).toMatchObject({ status: "PENDING", attempts: 0, eventType: "consent.withdrawn" });
      expect(receiver.received).toHaveLength(0);

      receiver.set("hang");
      const worker = await portalProcess(["work"], "working");
      await receiver.waitFor(1);
      await kill(worker);
      const orphaned = await db.webhookDelivery.findUniqueOrThrow({ where: { id: queued.id } });
      expect(orphaned.status).toBe("PENDING");
      expect(orphaned.lockedUntil).not.toBeNull();

      receiver.set("up");
      // While the dead worker's lease runs, nobody else takes the row...
      expect(await runWebhookDeliveries({}, { tx: db })).toEqual([]);
      // ...and once it has run out, the next round delivers it.
      const afterLease = new Date(Date.now() + (WEBHOOK_POLICY.leaseSeconds + 1) * 1000);
      expect(await runWebhookDeliveries({ now: afterLease }, { tx: db })).toMatchObject([
        { delivered: true },
      ]);
      expect(receiver.received).toHaveLength(2);
      const [first, last] = receiver.received;
      expect(last!.headers["webhook-id"]).toBe(first!.headers["webhook-id"]);
      const verified = new Webhook(created.secret).verify(
        last!.body,
        last!.headers as Record<string, string>,
      );
      expect(verified).toMatchObject({ type: "consent.withdrawn", data: { customerId: customer.id } });
      expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: queued.id } })).toMatchObject({
        status: "DELIVERED",
      });
    } finally {
      await disableWebhookEndpoint({ actor, id: created.id }, { tx: db });
      await receiver.close();
    }
  }, 120_000);
});
