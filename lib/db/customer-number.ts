/**
 * Every User gets a customer number when it is created, wherever that happens (registration,
 * social and passkey sign-up, staff invitations, seeds, test factories): a query extension on the
 * client assigns one unless the caller gave it (docs/decisions/0043). A random number can meet
 * one already taken (about 1 in 900 at a million customers): outside a PostgreSQL transaction the
 * create is retried with a new number; inside one the failed statement has aborted the
 * transaction, so the error goes up and the caller's usual failure path answers.
 */
import { generateCustomerNumber } from "@/lib/schemas/customer-number";

const ATTEMPTS = 3;

function isCustomerNumberClash(error: unknown): boolean {
  if (!error || typeof error !== "object" || (error as { code?: unknown }).code !== "P2002") return false;
  const { meta, message } = error as { meta?: unknown; message?: unknown };
  return `${JSON.stringify(meta ?? {})} ${String(message)}`.includes("customerNumber");
}

type CreateArgs = { data: { customerNumber?: string | null } };

export async function withCustomerNumber<A extends CreateArgs, T>(args: A, query: (args: A) => Promise<T>) {
  if (args.data.customerNumber) return query(args);
  for (let attempt = 1; ; attempt++) {
    try {
      return await query({ ...args, data: { ...args.data, customerNumber: generateCustomerNumber() } });
    } catch (error) {
      if (attempt >= ATTEMPTS || !isCustomerNumberClash(error)) throw error;
    }
  }
}
