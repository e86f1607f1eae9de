import "server-only";
/**
 * The closed list of operations that need a transaction confirmation, each with the schema of the
 * details shown to the customer and the executor that carries the operation out once confirmed.
 * The executor runs inside the database transaction that marks the confirmation CONFIRMED, so the
 * operation, the confirmation and the audit event commit together or not at all.
 *
 * A kind whose executor is null cannot be created (createTransaction refuses it). Executors that
 * need an effect after the commit (a notice mail) use after-execution.ts.
 */
import { z } from "zod";
import type { TransactionDetails } from "./binding";
import {
  BankAccountChangeDetailsSchema,
  executeBankAccountChange,
} from "@/lib/server/bank-accounts/bank-account-change";
import type { TransactionExecutor } from "./executor";
import { executeOrderApproval, OrderApprovalDetailsSchema } from "./order-approval";
import { executeShopApproval } from "@/lib/server/approvals/decide-approval";
import { ShopApprovalDetailsSchema } from "@/lib/schemas/approvals";

type KindDefinition = {
  details: z.ZodType<TransactionDetails>;
  execute: TransactionExecutor | null;
};

export const TRANSACTION_KINDS = {
  "order.approve": { details: OrderApprovalDetailsSchema, execute: executeOrderApproval },
  "bank_account.change": { details: BankAccountChangeDetailsSchema, execute: executeBankAccountChange },
  "shop_approval.approve": { details: ShopApprovalDetailsSchema, execute: executeShopApproval },
} as const satisfies Record<string, KindDefinition>;

export type TransactionKind = keyof typeof TRANSACTION_KINDS;

export function isTransactionKind(value: unknown): value is TransactionKind {
  return typeof value === "string" && Object.hasOwn(TRANSACTION_KINDS, value);
}

export function transactionKind(kind: TransactionKind): KindDefinition {
  return TRANSACTION_KINDS[kind];
}
