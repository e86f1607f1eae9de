import "server-only";
import { SQLITE_BUSY } from "./unavailable";
/**
 * Retries what two app instances can run into on one database: SQLite answers SQLITE_BUSY at once
 * when another connection holds the write lock longer than the wait in libsql-one-connection.ts (5 s);
 * PostgreSQL may report a deadlock or write conflict. Use for single statements outside an
 * interactive transaction.
 */
export async function withTransientRetry<T>(operation: () => Promise<T>, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (attempt >= attempts || !isTransientDbError(error)) throw error;
      const backoff = Math.min(200, 5 * 2 ** attempt);
      await new Promise((resolve) => setTimeout(resolve, backoff / 2 + Math.random() * backoff));
    }
  }
}

export function isTransientDbError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  // P1008 is how Prisma's libsql adapter reports SQLITE_BUSY; P2034: write conflict or deadlock.
  if (code === "P1008" || code === "P2034") return true;
  const message = error instanceof Error ? error.message : String(error);
  return SQLITE_BUSY.test(message) || /deadlock detected|could not serialize/i.test(message);
}

/** A unique constraint refused the write (Prisma P2002): another request created the row first. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "P2002";
}
