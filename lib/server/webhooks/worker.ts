import "server-only";
/**
 * Where webhook deliveries run (docs/decisions/0047, 0049): inside every server process, started
 * once by instrumentation.ts, in rounds that never overlap within the process (across processes
 * the claims in delivery.ts keep it to one delivery per event); and `npm run jobs` runs a round as
 * well, for installations that prefer a scheduler. Failures are logged and retried later.
 *
 * Cheap when idle: after a round that sent nothing, the next starts when the earliest pending
 * delivery is due, at most WEBHOOK_POLICY.idleSeconds later (nextRoundDelayMs). An event enqueued
 * in this process wakes the worker (wakeWebhookWorker): a round shortly after, then rounds every
 * pollSeconds for idleSeconds, because the enqueuing transaction may not have committed yet when
 * the first one runs. Events enqueued by another instance are found within idleSeconds.
 */
import { nextRoundDelayMs, WEBHOOK_POLICY } from "@/lib/config/webhooks";
import { nextDeliveryDueAt, runWebhookDeliveries } from "./delivery";

/** After a wake: long enough for the enqueuing transaction to commit in the common case. */
const WAKE_DELAY_MS = 250;

type Worker = {
  timer: ReturnType<typeof setTimeout> | null;
  running: boolean;
  hotUntil: Date | null;
  /** Work that produces events before each round (e.g. expiring stale shop approvals). */
  beforeRound: () => Promise<unknown>;
};

const state = globalThis as { portalWebhookWorker?: Worker };

function schedule(worker: Worker, delayMs: number): void {
  if (worker.timer) clearTimeout(worker.timer);
  worker.timer = setTimeout(() => void round(worker), delayMs);
  worker.timer.unref();
}

async function round(worker: Worker): Promise<void> {
  worker.timer = null;
  if (worker.running) return;
  worker.running = true;
  let delay = WEBHOOK_POLICY.pollSeconds * 1000;
  try {
    await worker.beforeRound();
    const sent = (await runWebhookDeliveries()).length;
    const nextDueAt = sent > 0 ? null : await nextDeliveryDueAt();
    delay = nextRoundDelayMs({ now: new Date(), sent, nextDueAt, hotUntil: worker.hotUntil });
  } catch (error) {
    console.error(`[webhooks] round failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    worker.running = false;
    // A wake during the round has already set its own, earlier timer.
    if (!worker.timer) schedule(worker, delay);
  }
}

/**
 * `beforeRound` is passed in by the caller (instrumentation.ts) rather than imported, since the
 * domains that produce events also enqueue them through the outbox, which wakes this worker.
 */
export function startWebhookWorker({ beforeRound }: { beforeRound: () => Promise<unknown> }): void {
  if (state.portalWebhookWorker) return;
  const worker: Worker = { timer: null, running: false, hotUntil: null, beforeRound };
  state.portalWebhookWorker = worker;
  schedule(worker, WEBHOOK_POLICY.pollSeconds * 1000);
}

/** An event was enqueued in this process: deliver it within moments, not at the next idle round. */
export function wakeWebhookWorker(now: Date = new Date()): void {
  const worker = state.portalWebhookWorker;
  if (!worker) return; // scripts and tests run no worker; `npm run jobs` delivers itself
  worker.hotUntil = new Date(now.getTime() + WEBHOOK_POLICY.idleSeconds * 1000);
  schedule(worker, WAKE_DELAY_MS);
}
