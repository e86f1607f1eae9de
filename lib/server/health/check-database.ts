import "server-only";
import { db } from "@/lib/db";

const TIMEOUT_MS = 3_000;

/** True when the database answers a trivial query within a few seconds. */
export async function isDatabaseReachable(): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), TIMEOUT_MS);
  });
  try {
    const ping = db.$queryRawUnsafe("SELECT 1").then(() => true as const);
    return await Promise.race([ping, timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
