import "server-only";
/**
 * Where webhook deliveries run (docs/decisions/0047): inside every server process, started once
 * by instrumentation.ts, a round every WEBHOOK_POLICY.pollSeconds (a round never overlaps the
 * previous one in the same process; across processes the claims in delivery.ts keep it to one
 * delivery per event); and `npm run jobs` runs a round as well, for installations that prefer a
 * scheduler. Failures are logged and retried on the next round.
 */
import { WEBHOOK_POLICY } from "@/lib/config/webhooks";
import { expireStaleShopApprovals } from "@/lib/server/approvals/decide-approval";
import { runWebhookDeliveries } from "./delivery";

const state = globalThis as { portalWebhookWorker?: ReturnType<typeof setInterval> };

export function startWebhookWorker(): void {
  if (state.portalWebhookWorker) return;
  let running = false;
  state.portalWebhookWorker = setInterval(() => {
    if (running) return;
    running = true;
    // Stale shop approvals expire here too, so their approval.decided goes out in the same round.
    expireStaleShopApprovals()
      .then(() => runWebhookDeliveries())
      .catch((error: unknown) =>
        console.error(`[webhooks] round failed: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => {
        running = false;
      });
  }, WEBHOOK_POLICY.pollSeconds * 1000);
  state.portalWebhookWorker.unref();
}
