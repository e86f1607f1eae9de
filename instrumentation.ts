/**
 * Next.js calls register() once when a server process starts. The Node.js server starts the
 * webhook worker here (lib/server/webhooks/worker.ts, docs/decisions/0047); the edge runtime and
 * the build do not.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startWebhookWorker } = await import("@/lib/server/webhooks/worker");
  const { expireStaleShopApprovals } = await import("@/lib/server/approvals/decide-approval");
  // Stale shop approvals expire in each round, so their approval.decided goes out in the same round.
  startWebhookWorker({ beforeRound: expireStaleShopApprovals });
}
