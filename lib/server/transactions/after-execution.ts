import "server-only";
/**
 * Side effects that must wait until a confirmed transaction is committed as executed (a notice
 * mail: a rolled-back change must not announce itself). Executors run inside the confirming
 * database transaction and get no commit hook, so `onceExecuted` watches the confirmation row from
 * outside that transaction: it sees `executedAt` only once the commit is visible, and never if the
 * transaction rolled back. Idempotent per confirmation, so a retried attempt of the same database
 * transaction (withTransientRetry) does not run the effect twice.
 */
import { db } from "@/lib/db";
import { isTransientDbError } from "@/lib/db/db-retry";

/** Longer than the confirming transaction may take (maxWait + timeout, plus retries). */
const WATCH_MS = 60_000;
const FIRST_DELAY_MS = 20;
const MAX_DELAY_MS = 1_000;

const watching = new Set<string>();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function onceExecuted(transactionId: string, effect: () => void): void {
  if (watching.has(transactionId)) return;
  watching.add(transactionId);
  void watch(transactionId, effect).finally(() => watching.delete(transactionId));
}

async function watch(transactionId: string, effect: () => void): Promise<void> {
  const deadline = Date.now() + WATCH_MS;
  for (let delay = FIRST_DELAY_MS; Date.now() < deadline; delay = Math.min(delay * 2, MAX_DELAY_MS)) {
    await sleep(delay);
    try {
      const row = await db.transactionConfirmation.findUnique({
        where: { id: transactionId },
        select: { status: true, executedAt: true },
      });
      if (!row || row.status === "REJECTED" || row.status === "EXPIRED") return;
      if (row.status === "CONFIRMED" && row.executedAt) {
        effect();
        return;
      }
    } catch (error) {
      if (isTransientDbError(error)) continue;
      console.error(
        `[transaction] after-execution watch failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      return;
    }
  }
}
