/**
 * Pruning of the webhook delivery log (docs/decisions/0048) on SQLite and PostgreSQL: `npm run
 * jobs` deletes deliveries that were delivered longer ago than the retention; recent ones, failed
 * ones (an admin may still send them again) and pending ones stay.
 */
import { afterAll, describe, expect, it } from "vitest";
import { WEBHOOK_POLICY } from "@/lib/config/webhooks";
import { createPrismaClient } from "@/lib/db/prisma-client";
import { encryptValue, envelopeKeyId } from "@/lib/server/crypto/encryption";
import { pruneWebhookDeliveries } from "@/lib/server/webhooks/outbox";

const db = createPrismaClient();
afterAll(() => db.$disconnect());

const DAY = 24 * 60 * 60 * 1000;

describe("webhook delivery pruning", () => {
  it("deletes deliveries delivered before the retention, keeps recent, failed and pending ones", async () => {
    const secretCiphertext = encryptValue("whsec_dGVzdA==");
    const endpoint = await db.webhookEndpoint.create({
      data: {
        url: "https://hooks.example/prune",
        events: ["consent.withdrawn"],
        secretCiphertext,
        secretKeyId: envelopeKeyId(secretCiphertext),
        disabledAt: new Date(),
      },
    });
    const now = new Date();
    const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);
    const keep = WEBHOOK_POLICY.keepDeliveredDays;
    const row = (name: string, status: "DELIVERED" | "FAILED" | "PENDING", at: Date) =>
      db.webhookDelivery.create({
        data: {
          eventId: `evt_prune_${name}_${now.getTime()}`,
          eventType: "consent.withdrawn",
          payload: "{}",
          endpointId: endpoint.id,
          status,
          createdAt: at,
          nextAttemptAt: daysAgo(-365),
          deliveredAt: status === "DELIVERED" ? at : null,
        },
      });
    const old = await row("old", "DELIVERED", daysAgo(keep + 1));
    const recent = await row("recent", "DELIVERED", daysAgo(keep - 1));
    const failed = await row("failed", "FAILED", daysAgo(keep * 3));
    const pending = await row("pending", "PENDING", daysAgo(keep * 3));

    expect(await pruneWebhookDeliveries({ now }, { tx: db })).toBeGreaterThanOrEqual(1);
    const left = await db.webhookDelivery.findMany({
      where: { endpointId: endpoint.id },
      select: { id: true },
    });
    expect(left.map((d) => d.id).sort()).toEqual([recent.id, failed.id, pending.id].sort());
    expect(left.map((d) => d.id)).not.toContain(old.id);
    await db.webhookEndpoint.delete({ where: { id: endpoint.id } });
  });
});
