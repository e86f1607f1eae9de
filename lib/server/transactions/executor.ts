/**
 * What carries out a confirmed transaction: it runs inside the database transaction that marks the
 * confirmation CONFIRMED, on the verified details. A leaf module, so the executors (next to their
 * domain) and the list of kinds (kinds.ts) depend on it and not on each other.
 */
import type { Tx } from "@/lib/db";
import type { TransactionDetails } from "./binding";

export type TransactionExecutor = (tx: Tx, userId: string, details: TransactionDetails) => Promise<void>;
